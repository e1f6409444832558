"""Case ids as officers type them (sendvault.basics.ids): case, a space or no hyphen, pasted dashes, O/I/L."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendvault.basics import ids
from sendvault.basics.errors import UsageError


@pytest.mark.parametrize("typed", [
    "D8WW-V6AX", "d8ww-v6ax", "d8ww v6ax", "d8wwv6ax", "D8WWV6AX", "  d8ww  v6ax ", "d8ww\tv6ax", "d8ww\u00a0v6ax",
    "d8ww\u2013v6ax", "d8ww\u2014v6ax", "d8ww\u2010v6ax", "d8ww\u2212v6ax", "d8w wv6ax", "d8ww - v6ax",
])
def test_an_id_typed_with_a_space_no_hyphen_or_a_pasted_dash(typed):
    assert ids.normalise(typed) == "D8WW-V6AX"


def test_confusable_letters_are_read_as_digits():
    assert ids.normalise("k7m3 q9p2") == "K7M3-Q9P2"
    assert ids.normalise("1o1l iooo") == "1011-1000"


@pytest.mark.parametrize("typed", ["", "d8ww", "d8ww v6a", "d8ww v6axx", "d8ww_v6ax", "d8ww/v6ax", "Jane Example",
                                   "d8uu v6ax"])
def test_anything_else_is_not_a_case_id(typed):
    with pytest.raises(UsageError) as caught:
        ids.normalise(typed)
    assert caught.value.message == "that is not a case id"


@given(st.builds(lambda _: ids.new_id(), st.integers()), st.sampled_from(["-", " ", "", "\u2013"]), st.booleans())
def test_property_every_id_reads_back_however_it_is_spaced(cid, separator, lower):
    typed = cid.replace("-", separator)
    assert ids.normalise(typed.lower() if lower else typed) == cid
