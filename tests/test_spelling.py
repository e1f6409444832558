"""Issue 20 item 5: every spelling a reader sees as the same is found by `find` and replaced whole by `redact`.

Letters Unicode does not decompose (ł ø ı đ æ ß œ þ ð ħ ŀ), one name stored in NFC and typed in
NFD or in full-width letters, and characters a reader does not see (zero-width space and
joiners, word joiner, BOM, soft hyphen, bidi controls, variation selectors, the combining
grapheme joiner) inside names, e-mail addresses and phone numbers.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import OTHER_CASE, SAMPLE_CASE, make_case, one_line_error
from sendvault.store import index_format, search
from sendvault.disclosure import redact, redact_names
from sendvault.basics import spelling

INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202a", "\u202b", "\u202c", "\u202d",
             "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufe0f", "\ufe00", "\u034f", "\u180e", "\u061c")

CASE = copy.deepcopy(SAMPLE_CASE)
CASE["person"] = {"name": "Łucja Wróbel", "postcode": "EX1 2NP", "phone": "07700 900456",
                  "email": "lucja.wrobel@example.org"}
CASE["child"] = {**CASE["child"], "name": "Søren Æsir Đorđević"}
for section in ("person", "child"):
    CASE[section]["name"] = unicodedata.normalize("NFC", CASE[section]["name"])


def _find(env, text: str) -> list[str]:
    r = env.cli("find", text, "--json")
    assert r.exit_code == 0, r.stderr
    return [row["id"] for row in json.loads(r.stdout)]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", spelling.fold(text)))


@pytest.mark.parametrize("query", [
    "Wro\u0301bel",  # NFD
    "lucja wrobel", "LUCJA", "soren aesir", "dordevic", "Dorde",  # as typed on an English keyboard
    "Łu\u200bcja", "\u202eWróbel\u202c", "\ufeffSøren", "So\u0308\u034fren",  # invisible characters inside
    "Ｌｕｃｊａ", "\ufb01",  # full-width letters; a ligature ('fi', in no name: must find nothing)
    "Łu\u0441ja Wr\u043ebel", "\u0405\u043eren",  # Cyrillic letters drawn as Latin ones ('с', 'о', 'Ѕ')
    "lucja\u00ad.wrobel@example.org", "07700\u2060900456", "０７７００ ９００４５６", "+44\u200b7700 900456",
])
def test_find_any_spelling_of_a_name_stored_in_nfc(env, query):
    cid = make_case(env, CASE)
    make_case(env, OTHER_CASE)
    assert _find(env, query) == ([] if query == "\ufb01" else [cid])


def test_find_a_ligature_and_full_width_letters_as_their_letters(env):
    case = copy.deepcopy(CASE)
    case["person"]["name"] = "Fiona Ðóttir-Großmann"
    cid = make_case(env, case)
    for query in ("\ufb01ona", "ＤＯＴＴＩＲ", "dottir", "grossmann", "GROSSMANN", "Großmann"):
        assert _find(env, query) == [cid], ascii(query)


def test_find_letters_with_two_marks_and_hangul_in_either_normal_form(env):
    """Vietnamese 'ệ' is e + two marks; a Hangul syllable is two or three jamo in NFD (as a Mac's file
    names are): either form, and the word without its marks, finds the other."""
    case = copy.deepcopy(CASE)
    case["person"]["name"], case["child"]["name"] = "Nguyễn Thị Bệnh", "김민준 테스트"
    cid = make_case(env, case)
    for query in ("bệnh", "benh", "NGUYEN THI", "테스트", "테스", "김민준"):
        for form in ("NFC", "NFD"):
            assert _find(env, unicodedata.normalize(form, query)) == [cid], (form, ascii(query))


def test_a_query_of_invisible_characters_only_is_too_short(env):
    make_case(env, CASE)
    assert "at least two characters" in one_line_error(env.cli("find", "\u200b\u200b\u2060"))


NOTE = ("Spoke to Łucja Wro\u0301bel (lucja\u00ad.wrobel@example.org, 07700\u200b900\u2060456); "
        "S\u200børen is anxious and ÆSIR said so. Sø\u200dren’s plan: ask Ms Wrobel.")


def test_redact_replaces_every_spelling_whole(env):
    cid = make_case(env, CASE)
    assert env.cli("note", cid, NOTE).exit_code == 0
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert ("Spoke to the parent (an email address, a phone number); the child is anxious and the child said so. "
            "The child’s plan: ask the parent.") in r.stdout
    left = _words(r.stdout) & (_words(CASE["person"]["name"]) | _words(CASE["child"]["name"]) | {"lucja", "900456"})
    assert not left
    assert not [c for c in r.stdout if spelling.ignorable(c) or unicodedata.category(c).startswith("M")]


def test_redact_a_name_with_an_invisible_character_between_every_letter(env):
    cid = make_case(env, CASE)
    spaced = " ".join("\u200b".join(w) for w in CASE["person"]["name"].split())
    joined = "\u2060".join("Søren")
    r = env.cli("redact", cid, "--text", "-", input=f"Met {spaced} and {joined} today.\n")
    assert r.stdout == "Met the parent and the child today.\n"


def test_redact_text_with_a_case_matches_it_as_read(env):
    cid = make_case(env, CASE)
    r = env.cli("redact", cid, "--text", "-", "--style", "tags",
                input="ŁUCJA WRÓBEL and \u202eSøren\u202c; mail L\u00adUCJA.WROBEL@EXAMPLE.ORG or ring ０７７００ ９００４５６; "
                      "\u0405\u043eren and \u0141u\u0441ja Wr\u00f3b\u0435l (Cyrillic \u0405, \u043e, \u0441, \u0435)\n")
    assert r.stdout == "[PARENT] and [CHILD]; mail [EMAIL] or ring [PHONE]; [CHILD] and [PARENT] (Cyrillic \u0405, \u043e, \u0441, \u0435)\n"


def test_an_index_of_the_earlier_fold_is_rebuilt(env, monkeypatch):
    """Search keys are stored folded: an index written by the earlier fold (accents only) must not be
    trusted by this one, or 'soren' would miss a case indexed as 'søren'."""
    cid = make_case(env, CASE)

    def earlier_fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    with monkeypatch.context() as m:
        m.setattr(search, "fold", earlier_fold)
        m.setattr(index_format, "FORMAT", "sendvault-index/6")
        assert _find(env, "Søren") == [cid] and _find(env, "soren") == []
    assert _find(env, "soren") == [cid]


# --- the property: generated names, any normal form, invisible characters anywhere inside ---

SPECIAL = "łøıđæßœþðħŀ"
ACCENTED = "éüåçñóźšăőėįệễ"  # ệ and ễ: a letter with two marks
PLAIN = "abdefgkmnoprtuvy"
CAPITALS = "ŁØĐÆŒÞÐĦĿÉÜÅÇŃÓŹŠBDFGKMNPRTV"
REPLACED = _words("the parent the child an email address a phone number")
TITLES = {"miss", "prof", "dame", "cllr", "professor", "councillor"}  # 'Đame' is a title, not a name


@st.composite
def name_words(draw):
    first = draw(st.sampled_from(CAPITALS))
    rest = draw(st.text(st.sampled_from(SPECIAL + ACCENTED + PLAIN), min_size=3, max_size=7))
    word = unicodedata.normalize("NFC", first + rest)
    assume(len(spelling.fold(word)) >= 4 and not _words(word) & (REPLACED | TITLES))
    return word


@st.composite
def as_typed(draw, text: str, case: bool = True):
    """``text`` as someone might type or paste it: NFC or NFD, any letter case, invisible characters inside."""
    text = unicodedata.normalize(draw(st.sampled_from(("NFC", "NFD"))), text)
    if case:
        text = draw(st.sampled_from((str, str.upper, str.lower)))(text)
    chars = list(text)
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(INVISIBLE)))
    return "".join(chars)


@st.composite
def families(draw):
    parent = f"{draw(name_words())} {draw(name_words())}"
    child = f"{draw(name_words())} {draw(name_words())}"
    assume(not _words(parent) & _words(child))  # a shared word is the family's, a test of its own
    phone = "07700 9" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=5, max_size=5)))
    email = spelling.fold(parent).replace(" ", ".").encode("ascii", "ignore").decode() + "@example.org"
    typed = {"parent": draw(as_typed(parent)), "child": draw(as_typed(child)),
             "phone": draw(as_typed(draw(st.sampled_from((phone, phone.translate(_FULL_WIDTH)))), case=False)),
             "email": draw(as_typed(email))}
    return {"parent": parent, "child": child, "phone": phone, "email": email}, typed


_FULL_WIDTH = {ord(d): chr(0xFF10 + int(d)) for d in "0123456789"}
_TEMPLATE = "Spoke to {parent} ({email}, {phone}) today. {child} is anxious."
_EXPECTED = "Spoke to the parent (an email address, a phone number) today. The child is anxious."


def _record(family: dict) -> dict:
    case = copy.deepcopy(SAMPLE_CASE)
    case["person"] = {"name": family["parent"], "phone": family["phone"], "email": family["email"]}
    case["child"] = {**case["child"], "name": family["child"]}
    return case


def _no_trace_of(family: dict, text: str) -> None:
    words = _words(text)
    for value in (family["parent"], family["child"]):
        assert not _words(value) & words, text
    assert spelling.fold(family["phone"]).replace(" ", "")[-6:] not in spelling.fold(text).replace(" ", "")
    assert spelling.fold(family["email"]) not in spelling.fold(text)


@settings(max_examples=300, deadline=None)
@given(families())
def test_property_any_spelling_is_found_and_redacted_whole(generated):
    family, typed = generated
    record = _record(family)
    for role in ("parent", "child"):
        assert search.matches(record, typed[role]), (role, ascii(typed[role]))
    assert search.matches(record, typed["email"]) and search.matches(record, typed["phone"])
    text = _TEMPLATE.format(**typed)
    result = redact.Redactor(redact_names.known_from_case(record)).redact(text)
    # Each replaced whole: as read (the invisible characters between the words left out), the text is the
    # template's with nothing of a name beside the words that replaced it.
    assert spelling.read(result.text) == _EXPECTED, ascii(text)
    _no_trace_of(family, result.text)
    for r in result.replacements:  # no accent of a name's last letter left to sit on the replacement
        assert not unicodedata.category(text[r.end:r.end + 1] or " ").startswith("M"), ascii(text)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(families())
def test_property_through_the_cli_find_finds_and_redact_leaves_nothing(env, generated):
    family, typed = generated
    cid = make_case(env, _record(family))
    for value in typed.values():
        assert cid in _find(env, value), ascii(value)
    assert env.cli("note", cid, _TEMPLATE.format(**typed)).exit_code == 0
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert _EXPECTED in spelling.read(r.stdout), ascii(r.stdout)
    _no_trace_of(family, r.stdout)


def test_invisible_characters_typed_around_a_value_go_with_its_replacement(env):
    """Found by the property above: a phone number pasted with a right-to-left override before it (and a
    grapheme joiner) was replaced, and the override left in the case study before "a phone number", where
    it turns the words round on a reader's screen (the terminal shows it as ``\\u202e``). The invisible
    characters typed around a name, a number or an address now go with its replacement."""
    family = {"parent": "Quorra Vantablack", "child": "Ximena Oldcastle", "phone": "07700 912345",
              "email": "quorra.vantablack@example.org"}
    typed = {"parent": "\u2066Quorra Vantablack\u2069", "child": "Ximena\u200b Oldcastle",
             "phone": "\u202e\u034f07700 912345", "email": "quorra.vantablack@example.org\u200d"}
    cid = make_case(env, _record(family))
    assert env.cli("note", cid, _TEMPLATE.format(**typed)).exit_code == 0
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert _EXPECTED in r.stdout, ascii(r.stdout)  # as printed: no escape of an invisible character left
    _no_trace_of(family, r.stdout)


def test_a_cyrillic_or_greek_name_still_matches_itself_in_any_case():
    for name in ("Виктор Смирнов", "Ηλίας Παπαδόπουλος", "Олександра"):
        record = {"person": {"name": name}}
        for typed in (name.upper(), name.lower(), unicodedata.normalize("NFD", name)):
            assert search.matches(record, typed) == ["person.name"], typed
    assert not search.matches({"person": {"name": "Виктор"}}, "Виктория")


def test_the_fold_is_stable_and_keeps_read_offsets_for_every_latin_and_punctuation_character():
    """Folding twice is folding once (a search key folded again is the same key; ``read`` then ``lower``
    is ``fold``), and lower-casing a read text keeps its offsets, for every character of the Latin,
    Greek, Cyrillic, punctuation and compatibility blocks; every Latin 'letter X with ...' is its letter."""
    blocks = list(range(0x0000, 0x0600)) + list(range(0x1D00, 0x2100)) + list(range(0xA720, 0xA800)) \
        + list(range(0xFB00, 0xFB07)) + list(range(0xFE00, 0xFF70))
    for cp in blocks:
        c = chr(cp)
        seen = spelling.read(c)
        assert spelling.read(seen) == seen and len(spelling.lower(seen)) == len(seen), hex(cp)
        assert spelling.fold(spelling.fold(c)) == spelling.fold(c) == spelling.lower(seen), hex(cp)
        if re.fullmatch(r"LATIN (SMALL|CAPITAL) LETTER [A-Z] WITH .+", unicodedata.name(c, "")):
            assert spelling.fold(c).isascii() and spelling.fold(c).isalpha(), hex(cp)
