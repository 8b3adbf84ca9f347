"""Turn public data sets into the form ``bench/quality.py`` reads, split into dev and held-out.

    uv run python bench/quality_data.py pages DATASET_DIR OUT_DIR   # newspaper4k's set
    uv run python bench/quality_data.py conll FILE OUT_DIR          # a CoNLL-2003 split
    uv run python bench/quality_data.py readability TEST_PAGES OUT_DIR  # Mozilla's test pages
    uv run python bench/quality_data.py snippets EVAL_DIR OUT_DIR   # trafilatura's evaluation
    uv run python bench/quality_data.py dragnet DRAGNET_DIR OUT_DIR  # Dragnet's pages (Moz, 2012)

``pages``: the article-extraction-dataset of newspaper4k (``articles.json`` and ``html/``)
becomes ``OUT_DIR/truth-dev.json`` and ``OUT_DIR/truth-heldout.json``, ``{page file: {"url",
"body", "site"}}``; both pages of a site fall in the same part (chosen by a hash of the site), so
no site is tuned on and scored on. ``conll``: a CoNLL-2003 file becomes ``NAME-dev.conll`` and
``NAME-heldout.conll``, its documents alternating. ``readability``: the real-site pages of
Mozilla Readability's ``test/test-pages`` (each ``source.html`` of 20 kB or more; the smaller ones
are synthetic unit cases) become ``OUT_DIR/truth-readability.json``, the body being the text of
``expected.html``. ``snippets``: trafilatura's ``tests/evaldata.json`` (pages in ``tests/eval``
and ``tests/cache``) becomes ``OUT_DIR/snippets.json``, ``{page path: {"url", "with",
"without"}}``: text every good extraction holds and text none should. ``dragnet``: the pages of
Moz's Dragnet data (``input/N.html`` and the hand-corrected ``GoldStandard/N.txt``, as the
repository ``j-szulc/html-cleaning-dataset-merged`` keeps them; the same texts as
``seomoz/dragnet_data``'s ``Corrected``) become ``OUT_DIR/truth-dragnet-dev.json`` and
``truth-dragnet-heldout.json``: the body is the text before the comments marker, the site the
page's canonical (or ``og:url``) host, else the host its links name most, all pages of a site in
one half. Nothing here is committed
data: the sets stay outside the repository (see the README, Quality). Without arguments it prints
this and exits 0.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from html import unescape
from pathlib import Path

DOCSTART = "-DOCSTART-"
# Mozilla's test pages under this size are synthetic unit cases, not pages of real sites.
REAL_PAGE_BYTES = 20_000
_TAG = re.compile(r"<[^>]{0,2000}>")
# Dragnet's gold texts: the main content, then a marker line, then the page's comments. The
# marker is "!@#$%^&*()  COMMENTS", typed by hand: a few lack a sign or a space, or hold a tab.
_DRAGNET_COMMENTS = re.compile(r"^\s*[!@#$%^&*()][!@#$%^&*()\s]*COMMENTS\s*$", re.MULTILINE)
_PAGE_URL = re.compile(
    r"<(?:link[^>]+rel=[\"']canonical[\"']|meta[^>]+property=[\"']og:url[\"'])[^>]*>", re.I
)
_LINKED_HOST = re.compile(r"(?:href|content)=[\"'](https?://[^\"'/\s>]+)", re.I)


def split_of(key: str) -> str:
    """``dev`` or ``heldout``, stable for a key (half of the keys each, by their hash)."""
    return "dev" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "heldout"


def convert_pages(dataset: Path, out: Path) -> dict[str, int]:
    """Write the two truth files; return how many pages each holds."""
    articles = json.loads((dataset / "articles.json").read_text(encoding="utf-8"))
    parts: dict[str, dict[str, dict[str, str]]] = {"dev": {}, "heldout": {}}
    for key, article in articles.items():
        page = dataset / "html" / f"{key}.html"
        if not page.exists():
            continue  # a few pages of the set are missing from its repository
        parts[split_of(article["site"])][page.name] = {
            "url": article["url"],
            "body": article["articleBody"],
            "site": article["site"],
        }
    out.mkdir(parents=True, exist_ok=True)
    for name, pages in parts.items():
        (out / f"truth-{name}.json").write_text(json.dumps(pages, indent=1), encoding="utf-8")
    return {name: len(pages) for name, pages in parts.items()}


def convert_conll(source: Path, out: Path) -> dict[str, int]:
    """Write the two halves of a CoNLL file (documents alternating); return their sizes."""
    documents: list[list[str]] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith(DOCSTART):
            documents.append([])
        elif documents:
            documents[-1].append(line)
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, part in (("dev", documents[0::2]), ("heldout", documents[1::2])):
        text = "".join(f"{DOCSTART} -X- -X- O\n" + "\n".join(doc) + "\n" for doc in part)
        (out / f"{source.stem}-{name}.conll").write_text(text, encoding="utf-8")
        sizes[name] = len(part)
    return sizes


def convert_readability(test_pages: Path, out: Path) -> dict[str, int]:
    """Write ``truth-readability.json`` (page path relative to ``test_pages``: url and body)."""
    truth = {}
    for folder in sorted(test_pages.iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if not expected.exists() or source.stat().st_size < REAL_PAGE_BYTES:
            continue
        text = unescape(_TAG.sub(" ", expected.read_text(encoding="utf-8")))
        truth[f"{folder.name}/source.html"] = {
            "url": f"http://fakehost/{folder.name}/",
            "body": " ".join(text.split()),
            "site": folder.name.rstrip("-0123456789"),
        }
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth-readability.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return {"readability": len(truth)}


def convert_snippets(tests: Path, out: Path) -> dict[str, int]:
    """Write ``snippets.json`` from trafilatura's evaluation data (paths relative to ``tests``)."""
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    snippets = {}
    for url, page in data.items():
        folders = [d for d in ("eval", "cache") if (tests / d / page["file"]).exists()]
        path = f"{folders[0]}/{page['file']}" if folders else None
        if path is not None:
            snippets[path] = {"url": url, "with": page["with"], "without": page["without"]}
    out.mkdir(parents=True, exist_ok=True)
    (out / "snippets.json").write_text(json.dumps(snippets, indent=1), encoding="utf-8")
    return {"snippets": len(snippets)}


def _host(url: str) -> str:
    return re.sub(r"^www\d?\.", "", url.split("//", 1)[-1].split("/", maxsplit=1)[0].lower())


def page_url(html: str) -> str:
    """The page's own URL as it declares it (canonical link, ``og:url``), else the root of the
    host its links name most (Dragnet's pages carry no URL of their own)."""
    declared = _PAGE_URL.search(html)
    if declared and (url := re.search(r"https?://[^\"'\s>]+", declared.group(0))):
        return url.group(0)
    hosts = Counter(_host(link) for link in _LINKED_HOST.findall(html))
    return f"http://{hosts.most_common(1)[0][0]}/" if hosts else "http://unknown/"


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def convert_dragnet(dataset: Path, out: Path) -> dict[str, int]:
    """Write ``truth-dragnet-dev.json`` and ``truth-dragnet-heldout.json`` (page file in
    ``dataset/input``: url, body, site), a site's pages all in one half."""
    parts: dict[str, dict[str, dict[str, str]]] = {"dev": {}, "heldout": {}}
    for gold in sorted((dataset / "GoldStandard").glob("*.txt")):
        page = dataset / "input" / f"{gold.stem}.html"
        if not page.exists():
            continue
        url = page_url(_text(page))
        body = _DRAGNET_COMMENTS.split(_text(gold), maxsplit=1)[0]
        site = _host(url)
        parts[split_of(site)][page.name] = {
            "url": url,
            "body": " ".join(body.split()),
            "site": site,
        }
    out.mkdir(parents=True, exist_ok=True)
    for name, pages in parts.items():
        path = out / f"truth-dragnet-{name}.json"
        path.write_text(json.dumps(pages, indent=1), encoding="utf-8")
    return {name: len(pages) for name, pages in parts.items()}


CONVERTERS = {
    "pages": convert_pages,
    "conll": convert_conll,
    "readability": convert_readability,
    "snippets": convert_snippets,
    "dragnet": convert_dragnet,
}


def main(argv: list[str]) -> int:
    """Dispatch on the first argument; print the usage when there is none."""
    if len(argv) != 3 or argv[0] not in CONVERTERS:
        print(__doc__)
        return 0 if not argv else 2
    kind, source, out = argv[0], Path(argv[1]), Path(argv[2])
    sizes = CONVERTERS[kind](source, out)
    print(json.dumps(sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
