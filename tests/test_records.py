"""Case records round-trip: what tomli_w writes, the reader (rtoml) reads back exactly,
and exactly as tomllib (the reference parser) does, for any text an officer might type."""

from __future__ import annotations

import tomllib

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_CASE
from sendvault.store.cases import parse_record

# Any unicode text, control characters, quotes, backslashes and newlines included
# (surrogates cannot be encoded as UTF-8, so no file could hold them).
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
keys = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
scalars = text | st.booleans() | st.integers(-(2**63), 2**63 - 1)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=20)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.dictionaries(keys, values, max_size=8))
def test_reader_agrees_with_tomllib_on_any_document(doc):
    written = tomli_w.dumps(doc)
    assert parse_record(written) == tomllib.loads(written) == doc


@SETTINGS
@given(st.lists(st.fixed_dictionaries({"at": st.just("2026-11-02T10:00:00Z"), "by": text.filter(bool), "text": text}),
                max_size=5))
def test_notes_of_any_text_survive(notes):
    record = {**SAMPLE_CASE, "notes": notes}
    written = tomli_w.dumps(record)
    assert parse_record(written) == tomllib.loads(written) == record


def test_broken_toml_is_a_value_error():
    import pytest

    with pytest.raises(ValueError):
        parse_record('id = "K7M3-Q9P2"\nnotes = [')
