"""Every component declares what it reads and writes: ``requires`` and ``assigns`` are complete.

Two checks: spaCy's own analysis of the declarations, and a run of the real pipeline on the
seeds that records every extension attribute (``doc._.x``, ``span._.x``, ``token._.x``) each
component reads or writes, and every span group it adds.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore

from extractor.nlp.components import PIPELINE_INPUTS
from extractor.nlp.enrich import Enricher

from .seeds import seed_document, seed_names

Access = dict[str, dict[str, set[str]]]  # component -> "read"/"write" -> attribute


def _ours(nlp: Language) -> list[str]:
    return [name for name in nlp.pipe_names if name.startswith("newsdesk_")]


def _declared(nlp: Language, name: str, what: str) -> set[str]:
    return set(getattr(nlp.get_pipe_meta(name), what))


def test_the_analysis_finds_only_the_pipeline_inputs_missing(enricher: Enricher) -> None:
    problems = enricher.nlp.analyze_pipes(pretty=False)["problems"]
    assert {name: set(missing) - set(PIPELINE_INPUTS) for name, missing in problems.items()} == {
        name: set() for name in enricher.nlp.pipe_names
    }


def test_every_extension_a_component_reads_is_assigned_before_it(enricher: Enricher) -> None:
    nlp = enricher.nlp
    assigned = set(PIPELINE_INPUTS)
    for name in nlp.pipe_names:
        required = {attr for attr in _declared(nlp, name, "requires") if "._." in attr}
        assert required <= assigned, f"{name} requires {required - assigned}, set by nobody before"
        assigned |= _declared(nlp, name, "assigns")


@pytest.fixture(scope="module")
def accesses(enricher: Enricher) -> Access:
    """Extension reads and writes, and span groups added, per component, over all the seeds."""
    seen: Access = defaultdict(lambda: defaultdict(set))
    current: list[str] = ["caller"]
    with _recording(seen, current):
        for name in seed_names():
            doc = enricher.make_doc(seed_document(name))
            for component, process in enricher.nlp.pipeline:
                current[0] = component
                groups = set(doc.spans)
                doc = process(doc)
                if set(doc.spans) - groups:
                    seen[component]["write"].add("doc.spans")
            current[0] = "caller"
    return seen


@pytest.mark.parametrize(
    "component",
    [
        "newsdesk_paragraphs",
        "newsdesk_attributes",
        "newsdesk_entities",
        "newsdesk_topics",
        "newsdesk_events",
        "newsdesk_quotes",
    ],
)
def test_a_component_touches_only_what_it_declares(
    enricher: Enricher, accesses: Access, component: str
) -> None:
    assert component in _ours(enricher.nlp)
    requires = _declared(enricher.nlp, component, "requires")
    assigns = _declared(enricher.nlp, component, "assigns")
    written = accesses[component]["write"]
    read = accesses[component]["read"]
    assert written <= assigns, f"{component} writes {written - assigns} undeclared"
    assert read <= requires | assigns, f"{component} reads {read - requires - assigns} undeclared"


def test_the_recording_sees_the_components_at_work(accesses: Access) -> None:
    assert "doc._.office_holders" in accesses["newsdesk_entities"]["write"]
    assert "doc._.office_holders" in accesses["newsdesk_quotes"]["read"]
    assert "doc.spans" in accesses["newsdesk_topics"]["write"]
    assert accesses["caller"]["write"] == set(PIPELINE_INPUTS)


class _recording:
    """Wraps spaCy's ``Underscore`` so each extension access is logged for the current component."""

    def __init__(self, seen: Access, current: list[str]):
        self.seen, self.current = seen, current
        self.saved = (Underscore.__getattr__, Underscore.__setattr__)

    def __enter__(self) -> None:
        get, set_ = self.saved
        seen, current = self.seen, self.current

        def getattr_(underscore: Underscore, name: str) -> Any:
            seen[current[0]]["read"].add(_attribute(underscore, name))
            return get(underscore, name)

        def setattr_(underscore: Underscore, name: str, value: Any) -> None:
            seen[current[0]]["write"].add(_attribute(underscore, name))
            set_(underscore, name, value)

        Underscore.__getattr__ = getattr_  # type: ignore[method-assign]
        Underscore.__setattr__ = setattr_  # type: ignore[method-assign]

    def __exit__(self, *exc_info: object) -> None:
        Underscore.__getattr__, Underscore.__setattr__ = self.saved  # type: ignore[method-assign]


def _attribute(underscore: Underscore, name: str) -> str:
    owner = object.__getattribute__(underscore, "_obj")
    kind = "doc" if isinstance(owner, Doc) else "span" if isinstance(owner, Span) else "token"
    return f"{kind}._.{name}"
