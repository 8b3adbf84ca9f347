"""``newsdesk ingest``: files and URLs into the pipeline, each one sent or refused with a reason."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from aiokafka import AIOKafkaProducer

from newsdesk import topics
from newsdesk.errors import Rejected
from newsdesk.events import DeadLetter, FetchRequest
from newsdesk.files import iter_article_files, raw_article_from_file
from newsdesk.ids import article_id, file_url, host_of
from newsdesk.kafka import Codec, open_producer
from newsdesk.settings import NewsdeskSettings
from newsdesk_cli.output import JsonFlag, console, err, run_async

app = typer.Typer()

#: Exit code when some inputs were refused (each one printed and dead-lettered); the others
#: were sent. 1 is a backend error, 2 a usage error.
EXIT_REFUSED = 3


@dataclass
class Refusal:
    """An input that was not sent, and why (a reason code of ``newsdesk.errors.REASONS``)."""

    path: str
    reason: str
    message: str


@dataclass
class IngestReport:
    """What one ``newsdesk ingest`` did with each of its inputs."""

    files: int = 0
    urls: int = 0
    refused: list[Refusal] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The ``--json`` output."""
        return {
            "sent": {"files": self.files, "urls": self.urls},
            "refused": [asdict(refusal) for refusal in self.refused],
            "dead_lettered": len(self.refused),
        }


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="files, directories or URLs")],
    as_json: JsonFlag = False,
) -> None:
    """Send files (read here) or URLs (fetched by the fetcher workers) into the pipeline.

    A file that cannot be sent (unreadable, larger than 16 MiB, or too large for the topic as an
    event) is refused with a reason, dead-lettered (stage cli) and the rest are still sent; the
    exit code is then 3.
    """
    for item in inputs:
        if not item.startswith(("http://", "https://")) and not Path(item).exists():
            err.print(
                f"[red]error:[/red] {item}: no such file or directory, and not an http(s) URL"
            )
            raise typer.Exit(2)
    report = run_async(_ingest(NewsdeskSettings(), inputs, quiet=as_json))
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        console.print(f"sent {report.files} files and {report.urls} URLs")
        if report.refused:
            console.print(
                f"refused {len(report.refused)} files, each dead-lettered: "
                "newsdesk dlq list --stage cli"
            )
    if report.refused:
        raise typer.Exit(EXIT_REFUSED)


async def _ingest(settings: NewsdeskSettings, inputs: list[str], *, quiet: bool) -> IngestReport:
    report = IngestReport()
    codec = Codec("cli", settings.kafka.max_message_bytes)
    async with open_producer(settings.kafka) as producer:
        for item in inputs:
            if item.startswith(("http://", "https://")):
                request = FetchRequest(url=item, source="cli", discovered_via="cli")
                await producer.send_and_wait(
                    topics.URLS, codec.encode(request), key=host_of(item).encode()
                )
                report.urls += 1
                continue
            for file in iter_article_files(Path(item)):
                try:
                    raw = raw_article_from_file(file, source="cli")
                    value = codec.encode(raw)
                except Rejected as exc:
                    refusal = Refusal(str(file), exc.reason, exc.message)
                    await _refuse(producer, codec, file, refusal)
                    report.refused.append(refusal)
                    if not quiet:
                        err.print(f"[yellow]refused[/yellow] {file}: {exc.reason}: {exc.message}")
                    continue
                await producer.send_and_wait(
                    topics.ARTICLES_RAW, value, key=raw.article_id.encode()
                )
                report.files += 1
    return report


async def _refuse(producer: AIOKafkaProducer, codec: Codec, file: Path, refusal: Refusal) -> None:
    """Dead-letter a refused file: no message to replay, the file is ingested again once fixed."""
    await producer.send_and_wait(topics.DLQ, codec.encode_letter(_letter(file, refusal)))


def _letter(file: Path, refusal: Refusal) -> DeadLetter:
    url = file_url(file.resolve())
    return DeadLetter(
        stage="cli",
        reason=refusal.reason,
        message=f"{file}: {refusal.message}",
        url=url,
        article_id=article_id(url),
    )
