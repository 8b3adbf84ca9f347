"""The summary of a run: one row per indexed article with its title, date and top entities."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

from newsdesk.search import make_client
from newsdesk.settings import NewsdeskSettings


@dataclass
class ArticleSummary:
    """What ``newsdesk run --once`` prints for one article."""

    article_id: str
    title: str
    published_at: str | None
    entities: list[str]
    persons: list[str]
    countries: list[str]


def display_title(source: dict[str, object]) -> str:
    """The title, or the start of the summary/text when the article had none."""
    title = source.get("title")
    if isinstance(title, str) and title:
        return title
    for key in ("summary", "text"):
        value = source.get(key)
        if isinstance(value, str) and value:
            words = value.split()
            return " ".join(words[:12]) + (" …" if len(words) > 12 else "")
    return str(source.get("url", ""))


async def article_summaries(settings: NewsdeskSettings, limit: int = 100) -> list[ArticleSummary]:
    """The indexed articles, newest first, each with its most salient entities."""
    es = make_client(settings.elasticsearch)
    alias = settings.elasticsearch.articles_alias
    try:
        await es.indices.refresh(index=alias)
        response = await es.search(
            index=alias,
            size=limit,
            sort=[{"published_at": {"order": "desc", "missing": "_last"}}],
            source_includes=[
                "title",
                "summary",
                "text",
                "url",
                "published_at",
                "entities",
                "persons",
                "countries",
            ],
        )
    finally:
        await es.close()
    summaries = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        ranked = sorted(
            source.get("entities", []),
            key=lambda e: (-float(e.get("salience", 0)), -int(e.get("mentions", 0))),
        )
        summaries.append(
            ArticleSummary(
                article_id=hit["_id"],
                title=display_title(source),
                published_at=source.get("published_at"),
                entities=[f"{e['name']} ({e['label']})" for e in ranked[:5]],
                persons=source.get("persons", []),
                countries=source.get("countries", []),
            )
        )
    return summaries


def summary_table(summaries: list[ArticleSummary]) -> Table:
    """A rich table of the summaries."""
    table = Table("published", "title", "top entities", "countries", title="indexed articles")
    for item in summaries:
        table.add_row(
            (item.published_at or "unknown")[:10],
            item.title,
            ", ".join(item.entities),
            " ".join(item.countries),
        )
    return table
