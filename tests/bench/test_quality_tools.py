"""bench/quality.py and bench/quality_data.py on small pages of the public sets' shapes: the
tools that measure the extractor on real data must keep reading those sets right."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))  # the bench scripts import their helpers as top-level modules

import quality  # noqa: E402  (needs the path above)
import quality_data  # noqa: E402  (needs the path above)

STORY = "".join(
    f"<p>Paragraph {i}: the two ministers met in Manama and agreed on defence cooperation, "
    "maritime security, intelligence sharing and joint training of their navies.</p>"
    for i in range(8)
)
PAGE = (
    "<html><head><title>Ministers meet</title></head><body>"
    '<nav><a href="/">Home</a><a href="/world">World</a></nav>'
    f"<article><h1>Ministers meet</h1>{STORY}</article>"
    "<footer>Impressum. All rights reserved.</footer></body></html>"
)


def test_readability_pages_become_truth_and_synthetic_cases_are_left_out(tmp_path: Path) -> None:
    pages = tmp_path / "test-pages"
    real, synthetic = pages / "news-site-1", pages / "base-url"
    for folder, source in ((real, PAGE + " " * quality_data.REAL_PAGE_BYTES), (synthetic, PAGE)):
        folder.mkdir(parents=True)
        (folder / "source.html").write_text(source, encoding="utf-8")
        (folder / "expected.html").write_text(f"<div>{STORY}</div>", encoding="utf-8")
    assert quality_data.convert_readability(pages, tmp_path) == {"readability": 1}
    truth = json.loads((tmp_path / "truth-readability.json").read_text(encoding="utf-8"))
    body = truth["news-site-1/source.html"]["body"]
    assert body.startswith("Paragraph 0: the two ministers met in Manama")
    assert "<p>" not in body
    assert truth["news-site-1/source.html"]["site"] == "news-site"


def test_trafilatura_evaluation_data_becomes_snippets(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    (tests / "eval").mkdir(parents=True)
    (tests / "cache").mkdir()
    (tests / "eval" / "a.html").write_text(PAGE, encoding="utf-8")
    (tests / "cache" / "b.html").write_text(PAGE, encoding="utf-8")
    entry = {"with": ["Paragraph 7"], "without": ["Impressum"]}
    data = {
        "https://a.example/1": {"file": "a.html", **entry},
        "https://b.example/2": {"file": "b.html", **entry},
        "https://c.example/3": {"file": "missing.html", **entry},
    }
    (tests / "evaldata.json").write_text(json.dumps(data), encoding="utf-8")
    assert quality_data.convert_snippets(tests, tmp_path) == {"snippets": 2}
    snippets = json.loads((tmp_path / "snippets.json").read_text(encoding="utf-8"))
    assert set(snippets) == {"eval/a.html", "cache/b.html"}
    assert snippets["eval/a.html"]["url"] == "https://a.example/1"


@pytest.mark.parametrize(
    ("text", "found", "kept", "missed"),
    [
        pytest.param("the story, nothing else", 1, 0, 0, id="clean"),
        pytest.param("the  story\nand the Impressum", 1, 1, 0, id="whitespace-and-furniture"),
        pytest.param("", 0, 0, 1, id="empty"),
    ],
)
def test_snippets_are_counted_as_trafilatura_counts_them(
    text: str, found: int, kept: int, missed: int
) -> None:
    score = quality.SnippetScore()
    score.add(text, {"with": ["the story"], "without": ["Impressum"]})
    assert (score.found, score.kept, score.missed) == (found, kept, missed)


def test_pages_are_scored_against_their_true_body(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    body = STORY.replace("<p>", "").replace("</p>", "\n")
    truth = tmp_path / "truth.json"
    truth.write_text(json.dumps({"page.html": {"url": "https://a.example/1", "body": body}}))
    scores = quality.score_pages(tmp_path, truth)
    assert scores.ours[0] > 0.95
    assert scores.theirs[0] > 0.8
    assert scores.failed == []
    assert scores.lost == []


def test_dragnet_pages_become_truth_without_their_comments(tmp_path: Path) -> None:
    dataset = tmp_path / "dragnet"
    (dataset / "input").mkdir(parents=True)
    (dataset / "GoldStandard").mkdir()
    canonical = '<link rel="canonical" href="https://www.news.example/2012/07/ministers"/>'
    linked = "".join(f'<a href="http://blog.example/{i}">post</a>' for i in range(3))
    pages = {"1": PAGE.replace("<head>", f"<head>{canonical}"), "R2": PAGE + linked, "T3": PAGE}
    for name, html in pages.items():
        (dataset / "input" / f"{name}.html").write_text(html, encoding="utf-8")
        story = STORY.replace("<p>", "").replace("</p>", "\n")
        gold = f"Ministers meet\n\n{story}\n!@#$%^&*() COMMENTS\n\nFirst! Great post."
        (dataset / "GoldStandard" / f"{name}.txt").write_bytes(gold.encode("cp1252"))
    sizes = quality_data.convert_dragnet(dataset, tmp_path)
    assert sum(sizes.values()) == 3
    truth = {}
    for part in ("dev", "heldout"):
        truth |= json.loads((tmp_path / f"truth-dragnet-{part}.json").read_text(encoding="utf-8"))
    assert truth["1.html"]["url"] == "https://www.news.example/2012/07/ministers"
    assert truth["1.html"]["site"] == "news.example"
    assert truth["R2.html"]["site"] == "blog.example"
    assert truth["T3.html"]["url"] == "http://unknown/"
    assert "COMMENTS" not in truth["1.html"]["body"]
    assert "Great post" not in truth["1.html"]["body"]
    assert truth["1.html"]["body"].startswith("Ministers meet Paragraph 0: the two ministers")


@pytest.mark.parametrize("repair", sorted(quality.REPAIRS))
def test_every_repair_the_ablation_switches_off_exists(repair: str) -> None:
    """A repair moved to another module must move in ``REPAIRS`` too, or ``--ablate`` would
    switch off nothing and report it as having no effect."""
    module_name, attribute, _ = quality.REPAIRS[repair]
    module = importlib.import_module(f"extractor.nlp.{module_name}")
    assert callable(getattr(module, attribute, None)), f"{module_name}.{attribute}"
