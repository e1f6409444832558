"""Reading and working cases through the command line (issue 3): show, list, find, note,
close, reopen; each change in the audit trail; R6 (separate enquiries stay separate).
"""

from __future__ import annotations

import copy
import json
import re

import pytest

from conftest import VALID_CASE, Env, audit_log, case_file, flip_byte, make_case, one_line_error, show

NOT_AN_ID = "hello"
UNKNOWN_ID = "ZZZZ-ZZZZ"


def case_with(**sections) -> dict:
    case = copy.deepcopy(VALID_CASE)
    for key, value in sections.items():
        if value is None:
            case.pop(key, None)
        elif isinstance(value, dict) and isinstance(case.get(key), dict):
            case[key].update(value)
        else:
            case[key] = value
    return case


ZOE = case_with(
    person={"name": "Zoë Ångström-Fenwick", "postcode": "EX1 2NP", "phone": "07700 900123", "email": "zoe.af@example.org"},
    child={"name": "Mabli Fenwick", "date_of_birth": "2014-03-09", "school": "Example Hill Primary School"},
)
KIM = case_with(
    person={"name": "Kim Other", "postcode": "YO9 8YX", "phone": "01632 960555", "email": "kim@other.example"},
    child={"name": "Lee Other", "date_of_birth": "2011-07-21", "school": "Other Vale Academy"},
    profile={"age_band": "11-15"},
)


def cli_ok(env: Env, *args: str, identity=None):
    r = env.cli(*args, identity=identity)
    assert r.exit_code == 0, r.stderr
    return r


def rows(env: Env, *args: str) -> list[dict]:
    return json.loads(cli_ok(env, *args, "--json").stdout)


# --- show ------------------------------------------------------------------------


def test_show_text_has_the_id_and_every_section(env: Env):
    cid = make_case(env, ZOE)
    cli_ok(env, "note", cid, "Called the SENCo; meeting booked")
    out = cli_ok(env, "show", cid).stdout
    assert cid in out
    for section in ("first contact", "caller's details", "child's details", "profile"):
        assert section in out, section
    assert "Zoë Ångström-Fenwick" in out and "EX1 2NP" in out
    assert "Called the SENCo; meeting booked" in out
    assert "open" in out


def test_show_json_is_the_complete_record(env: Env):
    cid = make_case(env, ZOE)
    record = show(env, cid)
    assert record["id"] == cid and record["status"] == "open" and record["format"] == "sendvault-case/2"
    assert record["created_by"] == "Ann" and record["created"].endswith("Z")
    for key in ("kind", "anonymous", "record_personal_details", "contact", "person", "child", "profile"):
        assert record[key] == ZOE[key]


def test_show_accepts_an_id_typed_loosely(env: Env):
    cid = make_case(env, ZOE)
    assert show(env, cid.lower().replace("-", ""))["id"] == cid
    assert show(env, cid.lower().replace("-", " "))["id"] == cid  # "d8ww v6ax": a space for the hyphen


def test_show_is_recorded_in_the_audit_trail(env: Env):
    cid = make_case(env, ZOE)
    show(env, cid)
    assert any(e["command"] == "show" and e["case"] == cid and e["officer"] == "Ann" for e in audit_log(env))


# --- list ------------------------------------------------------------------------


def test_list_filters_by_status_and_has_no_names_without_names(env: Env):
    open_id = make_case(env, ZOE)
    closed_id = make_case(env, KIM)
    cli_ok(env, "close", closed_id, "--outcome", "advice-given")

    everything = rows(env, "list")
    assert {r["id"] for r in everything} == {open_id, closed_id}
    assert [r["id"] for r in rows(env, "list", "--status", "open")] == [open_id]
    assert [r["id"] for r in rows(env, "list", "--status", "closed")] == [closed_id]

    r = cli_ok(env, "list", "--json")
    for row in json.loads(r.stdout):
        assert set(row) == {"id", "opened", "status", "officer", "last_activity", "kind", "caller", "support_level"}
    for name in ("Zoë", "Ångström", "Mabli", "Kim Other", "Lee Other"):
        assert name not in r.stdout and name not in r.stderr
    text = cli_ok(env, "list")
    assert open_id in text.stdout and "Zoë" not in text.stdout and "Kim" not in text.stdout


def test_list_names_shows_names(env: Env):
    cid = make_case(env, ZOE)
    (row,) = rows(env, "list", "--names")
    assert row["id"] == cid
    assert row["person"] == "Zoë Ångström-Fenwick" and row["child"] == "Mabli Fenwick"
    assert "Zoë Ångström-Fenwick" in cli_ok(env, "list", "--names").stdout


def test_list_of_an_empty_vault_is_an_empty_array(env: Env):
    assert rows(env, "list") == []


def test_list_unknown_status_is_a_usage_error(env: Env):
    r = env.cli("list", "--status", "pending")
    assert r.exit_code == 2
    one_line_error(r)


# --- find ------------------------------------------------------------------------


@pytest.mark.parametrize("text, field", [
    ("zoe", "person.name"),                    # case and accents folded
    ("ZOË", "person.name"),
    ("angstrom", "person.name"),
    ("ngstr", "person.name"),                  # part of a word
    ("zoe angstrom-fen", "person.name"),
    ("mabli", "child.name"),
    ("ex12np", "person.postcode"),             # postcode without its space
    ("ex1 2", "person.postcode"),
    ("900123", "person.phone"),                # phone digits
    ("07700900123", "person.phone"),
    ("0770 090 0123", "person.phone"),
    ("zoe.af@", "person.email"),
    ("example hill", "child.school"),
])
def test_find_matches_folded_partial_text(env: Env, text, field):
    zoe = make_case(env, ZOE)
    make_case(env, KIM)
    found = rows(env, "find", text)
    assert [r["id"] for r in found] == [zoe], (text, found)
    assert field in found[0]["matched"]


@pytest.mark.parametrize("text", [
    "+44 7700 900123", "07700900123", "07700 900 123", "(07700) 900123", "0044 7700 900123", "+44 (0)7700 900123",
    "+447700900123", "447700900123", "07700-900-123", "+44 7700",
])
def test_find_matches_a_phone_number_in_any_spelling(env: Env, text):
    zoe = make_case(env, ZOE)  # stored as "07700 900123"
    make_case(env, KIM)
    found = rows(env, "find", text)
    assert [r["id"] for r in found] == [zoe], (text, found)
    assert found[0]["matched"] == ["person.phone"]


@pytest.mark.parametrize("text", ["07700 900456", "(07700) 900 456", "0044 7700 900456", "900456"])
def test_find_matches_a_number_stored_in_international_form(env: Env, text):
    abroad = make_case(env, case_with(person={"name": "Ola Nordmann", "phone": "+44 (0) 7700 900456"}))
    make_case(env, ZOE)
    assert [r["id"] for r in rows(env, "find", text)] == [abroad], text


ADDRESSED = case_with(person={"name": "Rhiannon Price", "address": "Flat 3, Tŷ Gwyn,\n12 Heol-y-Nant, Caerdydd",
                              "postcode": "CF10 1AA", "phone": "029 2018 0000"})


@pytest.mark.parametrize("text", ["heol-y-nant", "Heol y Nant", "ty gwyn", "TŶ GWYN", "flat 3, ty gwyn",
                                  "gwyn 12 heol", "12 heol-y-nant caerdydd", "caerdyd"])
def test_find_matches_the_address_folded_and_partial(env: Env, text):
    price = make_case(env, ADDRESSED)
    make_case(env, ZOE)
    found = rows(env, "find", text)
    assert [r["id"] for r in found] == [price], (text, found)
    assert found[0]["matched"] == ["person.address"]


def test_find_with_no_match_is_empty_and_succeeds(env: Env):
    make_case(env, ZOE)
    assert rows(env, "find", "nobody-at-all") == []
    r = env.cli("find", "nobody-at-all")
    assert r.exit_code == 0
    assert "Zoë" not in r.stdout


def test_find_lists_both_matching_cases(env: Env):
    a, b = make_case(env, ZOE), make_case(env, KIM)
    assert {r["id"] for r in rows(env, "find", "example")} == {a, b}  # zoe.af@example.org, kim@other.example
    assert {r["id"] for r in rows(env, "find", "other")} == {b}


@pytest.mark.parametrize("text", ["z", " ", ""])
def test_find_too_short_is_a_usage_error(env: Env, text):
    make_case(env, ZOE)
    r = env.cli("find", text)
    assert r.exit_code == 2
    one_line_error(r)


def test_find_never_puts_the_search_text_in_the_audit_trail(env: Env):
    make_case(env, ZOE)
    rows(env, "find", "Ångström")
    entries = audit_log(env)
    assert any(e["command"] == "find" for e in entries)
    assert "ngstr" not in json.dumps(entries, ensure_ascii=False)


# --- note, close, reopen and their audit entries ----------------------------------


def test_note_is_added_with_officer_and_time_and_audited(env: Env):
    cid = make_case(env, ZOE)
    cli_ok(env, "note", cid, "Agreed: parent to request an EHC needs assessment")
    (n,) = show(env, cid)["notes"]
    assert n["text"] == "Agreed: parent to request an EHC needs assessment"
    assert n["by"] == "Ann" and n["at"].endswith("Z")
    entries = [e for e in audit_log(env) if e["command"] == "note"]
    assert [(e["officer"], e["case"]) for e in entries] == [("Ann", cid)]
    assert "EHC needs assessment" not in json.dumps(entries)


def test_notes_keep_their_order_and_officer(env: Env):
    bo = env.new_officer("Bo")
    cid = make_case(env, ZOE)
    cli_ok(env, "note", cid, "first")
    cli_ok(env, "note", cid, "second", identity=bo)
    notes = show(env, cid)["notes"]
    assert [(n["text"], n["by"]) for n in notes] == [("first", "Ann"), ("second", "Bo")]
    assert any(e["command"] == "note" and e["officer"] == "Bo" and e["case"] == cid for e in audit_log(env))


def test_empty_note_is_refused(env: Env):
    cid = make_case(env, ZOE)
    r = env.cli("note", cid, "   ")
    assert r.exit_code == 1
    assert "empty" in one_line_error(r)
    assert "notes" not in show(env, cid)


def test_note_needs_text_or_editor(env: Env):
    cid = make_case(env, ZOE)
    r = env.cli("note", cid)
    assert r.exit_code == 2
    one_line_error(r)


def test_close_then_reopen_with_history_and_audit(env: Env):
    cid = make_case(env, ZOE)
    r = cli_ok(env, "close", cid, "--outcome", "signposted")
    assert cid in r.stderr
    record = show(env, cid)
    assert record["status"] == "closed"
    assert record["closed"]["outcome"] == "signposted" and record["closed"]["by"] == "Ann"
    cli_ok(env, "reopen", cid)
    record = show(env, cid)
    assert record["status"] == "open" and "closed" not in record
    assert [h["event"] for h in record["history"]] == ["closed", "reopened"]
    commands = [(e["command"], e["officer"], e["case"]) for e in audit_log(env) if e["command"] in ("close", "reopen")]
    assert commands == [("close", "Ann", cid), ("reopen", "Ann", cid)]


def test_closing_twice_is_an_error(env: Env):
    cid = make_case(env, ZOE)
    cli_ok(env, "close", cid, "--outcome", "resolved")
    r = env.cli("close", cid, "--outcome", "resolved")
    assert r.exit_code == 1
    assert one_line_error(r) == f"sendvault: error: case {cid} is already closed"
    assert show(env, cid)["closed"]["outcome"] == "resolved"


def test_reopening_an_open_case_is_an_error(env: Env):
    cid = make_case(env, ZOE)
    r = env.cli("reopen", cid)
    assert r.exit_code == 1
    one_line_error(r)


def test_unknown_outcome_is_a_usage_error(env: Env):
    cid = make_case(env, ZOE)
    r = env.cli("close", cid, "--outcome", "sorted")
    assert r.exit_code == 2
    one_line_error(r)
    assert show(env, cid)["status"] == "open"


@pytest.mark.parametrize("args", [
    ("show", "{}"), ("note", "{}", "hello"), ("close", "{}", "--outcome", "resolved"), ("reopen", "{}"),
    ("edit", "{}"), ("policy", "told", "{}"),
])
def test_unknown_case_id_is_one_line_error_exit_1(env: Env, args):
    make_case(env, ZOE)
    r = env.cli(*[a.format(UNKNOWN_ID) for a in args])
    assert r.exit_code == 1
    assert UNKNOWN_ID in one_line_error(r)


@pytest.mark.parametrize("args", [
    ("show", "{}"), ("note", "{}", "hello"), ("close", "{}", "--outcome", "resolved"), ("reopen", "{}"),
    ("edit", "{}"), ("policy", "told", "{}"),
])
def test_malformed_case_id_is_a_usage_error(env: Env, args):
    r = env.cli(*[a.format(NOT_AN_ID) for a in args])
    assert r.exit_code == 2
    one_line_error(r)


# --- R6: a parent's and a young person's enquiries are separate cases -------------


def test_r6_parent_and_young_person_cases_about_the_same_child_stay_separate(env: Env):
    parent = copy.deepcopy(ZOE)
    young = copy.deepcopy(VALID_CASE)
    young["contact"]["caller"] = "young-person"
    del young["contact"]["parental_responsibility"]
    young["person"] = {"name": "Mabli Fenwick", "phone": "07700 900777"}
    young["child"] = {"name": "Mabli Fenwick", "date_of_birth": "2009-05-01"}
    young["profile"] = {"age_band": "16-18", "school_phase": "post-16"}
    parent["child"]["date_of_birth"] = "2009-05-01"
    parent["profile"]["age_band"] = "16-18"
    p, y = make_case(env, parent), make_case(env, young)
    assert p != y

    cli_ok(env, "note", p, "Mother worried about the annual review PARENT-ONLY-7731")
    cli_ok(env, "note", y, "Young person asked us not to tell mum YOUNG-ONLY-4418")

    for cid, own, other in ((p, "PARENT-ONLY-7731", "YOUNG-ONLY-4418"), (y, "YOUNG-ONLY-4418", "PARENT-ONLY-7731")):
        text = cli_ok(env, "show", cid).stdout
        data = cli_ok(env, "show", cid, "--json").stdout
        assert own in text and own in data
        assert other not in text and other not in data
    assert show(env, y)["person"] == {"name": "Mabli Fenwick", "phone": "07700 900777"}
    assert "Zoë" not in cli_ok(env, "show", y).stdout

    found = rows(env, "find", "mabli")
    assert sorted(r["id"] for r in found) == sorted([p, y])
    assert "PARENT-ONLY" not in json.dumps(found) and "YOUNG-ONLY" not in json.dumps(found)


def test_find_and_note_read_from_stdin_to_keep_names_out_of_shell_history(env: Env):
    import json as _json

    cid = make_case(env)
    r = env.cli("find", "-", "--json", input="Jane Exa\n")
    assert r.exit_code == 0, r.stderr
    assert [row["id"] for row in _json.loads(r.stdout)] == [cid]
    r = env.cli("note", cid, "-", input="Spoke to Jane Example about the plan.\n")
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["notes"][-1]["text"] == "Spoke to Jane Example about the plan."


# --- show in words ----------------------------------------------------------------


def test_show_tells_the_history_in_dated_words_and_booleans_as_yes_or_no(env: Env):
    bo = env.new_officer("Bo")
    cid = make_case(env, ZOE)
    cli_ok(env, "hold", cid, "--reason", "production order PO-7")
    cli_ok(env, "release", cid)
    cli_ok(env, "close", cid, "--outcome", "advice-given")
    cli_ok(env, "reopen", cid, identity=bo)
    cli_ok(env, "assign", cid, "Bo")
    cli_ok(env, "follow-up", cid, "+3d", "chase LA for draft plan")
    cli_ok(env, "policy", "set", "2026-04")
    cli_ok(env, "policy", "told", cid, "--no-copy")
    env.extra_env["COLUMNS"] = "100"
    out = cli_ok(env, "show", cid).stdout
    history = [ln.strip("│ ") for ln in out.split("history", 1)[1].split("╰", 1)[0].splitlines()[1:]]
    words = [re.sub(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})? +", "", ln) for ln in history]
    assert words[0] == "opened by Ann"
    assert sorted(words[1:]) == sorted([  # in time order; these came within a second or two, so ties are in any order
        "legal hold placed by Ann: production order PO-7",
        "legal hold released by Ann",
        "closed by Ann: advice given",
        "reopened by Bo",
        "handed from Ann to Bo by Ann",
        "follow-up set for " + show(env, cid)["follow_up"]["date"] + " by Ann: chase LA for draft plan",
        "told of policy version 2026-04 by Ann, no copy given",
    ]), history
    assert all(re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", ln) for ln in history)
    assert "True" not in out and "False" not in out
    assert re.search(r"Caller has parental responsibility +yes", out)
    assert re.search(r"Contact is anonymous +no", out)
    assert re.search(r"Child's date of birth +2014-03-09", out)
    assert re.search(r"Primary need +ASD \(Autistic Spectrum Disorder\)", out)
    assert re.search(r"Held by +Bo", out)
    assert "contact.caller" not in out and "date_of_birth" not in out
    assert max(len(ln) for ln in out.splitlines()) <= 100


def test_show_json_stays_the_raw_record(env: Env):
    cid = make_case(env, ZOE)
    record = json.loads(cli_ok(env, "show", cid, "--json").stdout)
    assert record["anonymous"] is False and record["contact"]["parental_responsibility"] is True


# --- close --outcome as intake reads it ------------------------------------------------


@pytest.mark.parametrize("typed, outcome", [
    ("advice", "advice-given"), ("Signposted", "signposted"), ("tribunal", "tribunal"), ("no further", "no-further-contact"),
    ("res", "resolved"),
])
def test_close_accepts_a_unique_start_or_word_of_the_outcome(env: Env, typed, outcome):
    cid = make_case(env, ZOE)
    r = cli_ok(env, "close", cid, "--outcome", typed)
    assert f"closed ({outcome})" in r.stderr
    assert show(env, cid)["closed"]["outcome"] == outcome


def test_close_with_an_ambiguous_outcome_names_the_matches(env: Env):
    cid = make_case(env, ZOE)
    r = env.cli("close", cid, "--outcome", "re")
    assert r.exit_code == 2
    line = one_line_error(r)
    assert "resolved" in line and "referred-on" in line and "advice-given" not in line
    assert show(env, cid)["status"] == "open"


# --- an id typed with a space ------------------------------------------------------------


def test_an_id_typed_with_a_space_works_as_two_arguments(env: Env):
    cid = make_case(env, ZOE)
    first, second = cid.lower().split("-")
    assert json.loads(cli_ok(env, "show", first, second, "--json").stdout)["id"] == cid
    cli_ok(env, "note", first, second, "Called the SENCo")
    assert show(env, cid)["notes"][-1]["text"] == "Called the SENCo"
    cli_ok(env, "close", first, second, "--outcome", "resolved")
    cli_ok(env, "reopen", first, second)
    assert show(env, cid)["status"] == "open"
    assert [e["command"] for e in audit_log(env) if e.get("case") == cid][-6:] == ["show", "note", "show", "close", "reopen", "show"]


@pytest.mark.parametrize("args, hint", [
    (("show", "{id}", "Jane"), 'quote one typed with a space, e.g. sendvault show "d8ww v6ax"'),
    (("reopen", "{a}", "{b}", "Jane"), 'quote one typed with a space, e.g. sendvault reopen "d8ww v6ax"'),
    (("note", "{id}", "Mum", "said", "Jane"), 'quote the note, e.g. sendvault note ID "..."'),
    (("note", "{a}", "{b}", "Mum", "said"), 'quote the note, e.g. sendvault note ID "..."'),
    (("hold", "{a}", "{b}", "--reason", "PO-7"), 'quote a value with spaces in it, such as a case id typed "d8ww v6ax"'),
])
def test_too_many_arguments_says_what_to_quote_for_the_command(env: Env, args, hint):
    cid = make_case(env, ZOE)
    a, b = cid.split("-")
    r = env.cli(*[x.format(id=cid, a=a, b=b) for x in args])
    assert r.exit_code == 2
    assert one_line_error(r) == "sendvault: error: too many arguments"
    assert hint in r.stderr and "Jane" not in r.stderr
    assert "notes" not in show(env, cid) and show(env, cid)["status"] == "open"


# --- a damaged case does not stop find ----------------------------------------------------


def test_find_lists_the_other_matches_and_names_a_damaged_case(env: Env):
    good = make_case(env, ZOE)
    bad = make_case(env, ZOE)
    flip_byte(case_file(env, bad), -20)
    r = env.cli("find", "fenwick", "--json")
    assert r.exit_code == 1
    assert [row["id"] for row in json.loads(r.stdout)] == [good]
    assert f"1 case(s) could not be read and are not listed: {bad}" in one_line_error(r)
