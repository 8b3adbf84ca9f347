"""Hostile inputs for the handler fuzz tests: arbitrary bytes and mutated valid events."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

from hypothesis import strategies as st

#: Content values that broke or could break decoding: not base64, not gzip, cut short, a bomb.
BAD_CONTENT = [
    "%%% not base64 %%%",
    base64.b64encode(b"plain bytes, not gzip").decode(),
    base64.b64encode(gzip.compress(b"<p>cut</p>" * 100)[:-9]).decode(),
    base64.b64encode(gzip.compress(b"\0" * 30_000_000, compresslevel=9)).decode(),
    12345,
    None,
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(["1900-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "2024-02-30", ""]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn, valid: dict[str, Any], extra_fields: tuple[str, ...] = ()) -> bytes:
    """``valid`` with up to three fields replaced, removed, bloated or given bad content."""
    event = dict(valid)
    fields = sorted({*event, "schema_version", *extra_fields})
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(fields))
        action = draw(
            st.sampled_from(["replace", "remove", "huge-list", "huge-string", "bad-content", "v99"])
        )
        if action == "remove":
            event.pop(name, None)
        elif action == "huge-list":
            event[name] = [f"{n:06d}" for n in range(draw(st.integers(0, 70_000)))]
        elif action == "huge-string":
            event[name] = "y" * draw(st.integers(0, 300_000))
        elif action == "bad-content":
            event["content" if "content" in event else name] = draw(st.sampled_from(BAD_CONTENT))
        elif action == "v99":
            event["schema_version"] = 99
        else:
            event[name] = draw(json_values)
    return json.dumps(event).encode()


def hostile(valid: dict[str, Any], extra_fields: tuple[str, ...] = ()) -> st.SearchStrategy[bytes]:
    """Mostly mutated valid events, some arbitrary bytes, some valid events untouched."""
    return st.one_of(
        mutated(valid, extra_fields),
        st.binary(max_size=2048),
        st.just(json.dumps(valid).encode()),
    )
