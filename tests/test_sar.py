"""Subject access (issue 9): the request and its due date, what a copy for the parent or the young person
holds and withholds, third parties redacted, the protected PDF, nothing plaintext left behind."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Env, audit_log, make_case, one_line_error, show, tty_run
from test_consent import young_person_case
from test_disclosure import _shm, password_of, pdftotext, requires_pdf_tools, typed_twice

from sendvault.disclosure.sar import due_date
from sendvault.disclosure.sar_cover import NONE_LISTED

YP_SECRET = "MARKER-YP-PRIVATE-7Q"
YP_OPEN = "MARKER-YP-OPEN-3K"
PARENT_SECRET = "MARKER-PARENT-PRIVATE-9W"
PRO_SECRET = "MARKER-PRO-PRIVATE-4T"
OFFICER_NOTE = "MARKER-OFFICER-NOTE-5H"
THIRD_PARTY = ("Arthur Pendlebury", "07700 900555", "pendlebury@council.example")
MARKERS = (YP_SECRET, YP_OPEN, PARENT_SECRET, PRO_SECRET, OFFICER_NOTE, *THIRD_PARTY)


def ok(env: Env, *args: str, input=None):
    r = env.cli(*args, input=input)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d


def case_with_notes(env: Env, age: int) -> str:
    case = young_person_case(age)
    if age < 11:
        case["profile"] = {**case["profile"], "age_band": "5-10", "school_phase": "primary"}
    cid = make_case(env, case)
    ok(env, "note", cid, f"Told us about bullying: {YP_SECRET}", "--from", "young-person", "--private")
    ok(env, "note", cid, f"Wants help with the move to college {YP_OPEN}", "--from", "young-person")
    ok(env, "note", cid, f"Worried about money {PARENT_SECRET}", "--from", "parent-carer", "--private")
    ok(env, "note", cid, f"Health visitor view, in confidence {PRO_SECRET}", "--from", "professional", "--private")
    ok(env, "note", cid, f"Jane spoke to Mr {THIRD_PARTY[0]} at the council ({THIRD_PARTY[1]}, {THIRD_PARTY[2]}) "
                         f"about Sam's plan. {OFFICER_NOTE}", "--from", "parent-carer")
    return cid


def copy_text(env: Env, cid: str, who: str, out: Path, fmt: str = "json") -> str:
    ok(env, "sar", "request", cid, "--for", who)
    target = out / f"{who}-{len(list(out.iterdir()))}.{fmt}"
    ok(env, "sar", cid, "--for", who, "--out", str(target), "--format", fmt, "--plaintext")
    return target.read_text(encoding="utf-8")


# --- the request -------------------------------------------------------------------------------


@pytest.mark.parametrize("received, due", [
    ("2027-01-31", "2027-02-28"), ("2028-01-31", "2028-02-29"), ("2027-03-31", "2027-04-30"),
    ("2027-12-15", "2028-01-15"), ("2027-02-28", "2027-03-28"), ("2027-08-31", "2027-09-30"),
])
def test_due_date_is_one_calendar_month_clamped_at_month_ends(received, due):
    assert due_date(dt.date.fromisoformat(received)).isoformat() == due


def test_request_recorded_with_its_due_date_listed_and_in_today(env: Env):
    cid = make_case(env)
    r = ok(env, "sar", "request", cid, "--for", "parent", "--received", "31/01/2024")
    assert "due 2024-02-29" in r.stderr
    ok(env, "sar", "request", cid, "--for", "young-person")
    (first, second) = show(env, cid)["sar_requests"]
    assert (first["received"], first["due"], first["for"], first["status"]) == ("2024-01-31", "2024-02-29", "parent", "open")
    assert second["for"] == "young-person" and second["due"] == due_date(dt.date.fromisoformat(second["received"])).isoformat()
    rows = json.loads(ok(env, "list", "--sar-due", "--json").stdout)
    assert [(row["id"], row["request"]) for row in rows] == [(cid, 1), (cid, 2)]  # overdue first
    assert rows[0]["days_left"] < 0 <= rows[1]["days_left"]
    view = json.loads(ok(env, "today", "--json").stdout)
    assert [i["request"] for i in view["sar_due"]] == [1, 2] and view["counts"]["sar_due"] == 2
    assert "OVERDUE  request 1 from the parent or carer" in ok(env, "today").stdout
    # A closed case's open request still shows.
    ok(env, "close", cid, "--outcome", "resolved")
    assert len(json.loads(ok(env, "list", "--sar-due", "--json").stdout)) == 2
    assert json.loads(ok(env, "today", "--json").stdout)["counts"]["sar_due"] == 2
    entries = [e for e in audit_log(env) if e["command"] == "sar request"]
    assert len(entries) == 2 and all(e["case"] == cid and not e.get("detail") for e in entries)


def test_request_usage_errors(env: Env):
    cid = make_case(env)
    # Someone the case does not name: refused, and the name typed is not repeated (it may be personal data).
    r = env.cli("sar", "request", cid, "--for", "grandparent")
    assert "no one in case" in one_line_error(r) and "grandparent" not in r.stderr and "show" in r.stderr
    assert "no person 7" in one_line_error(env.cli("sar", "request", cid, "--for", "7"))
    assert "--for must be" in one_line_error(env.cli("sar", "request", cid, "--for", " "))
    assert "future" in one_line_error(env.cli("sar", "request", cid, "--for", "parent", "--received", "01/01/2099"))
    assert one_line_error(env.cli("sar", "request", "--for", "parent"))
    assert "sar_requests" not in show(env, cid)


def test_note_records_who_provided_it(env: Env):
    cid = make_case(env)
    ok(env, "note", cid, "plain")
    ok(env, "note", cid, "from mum", "--from", "parent-carer", "--private")
    notes = show(env, cid)["notes"]
    assert "from" not in notes[0] and "private" not in notes[0]
    assert (notes[1]["from"], notes[1]["private"]) == ("parent-carer", True)
    assert "--private" in one_line_error(env.cli("note", cid, "mine", "--private"))
    assert "--from" in one_line_error(env.cli("note", cid, "x", "--from", "neighbour"))
    assert len(show(env, cid)["notes"]) == 2


# --- what a copy holds and withholds ---------------------------------------------------------


def test_parents_copy_withholds_young_persons_confidences_and_third_parties(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    text = copy_text(env, cid, "parent", out)
    for marker in (YP_SECRET, PRO_SECRET, *THIRD_PARTY):
        assert marker not in text, marker
    for marker in (YP_OPEN, PARENT_SECRET, OFFICER_NOTE, "Jane Example", "Sam Example"):
        assert marker in text, marker  # the family stays readable to its own members
    assert "at the council (a phone number, an email address) about" in text  # the bracket is the sentence's
    doc = json.loads(text)
    cover = doc["sections"][0]
    assert cover["title"] == "About this copy"
    rows = {f["label"]: f["value"] for f in cover["fields"]}
    assert rows["Withheld: Notes of what the young person told us in confidence"].startswith("1 item.")
    assert rows["Withheld: Notes of what a professional told us in confidence"].startswith("1 item.")
    assert "Other people's names and details in notes (redacted)" in " ".join(rows)
    assert "in confidence" in rows["Withheld: Notes of what the young person told us in confidence"]


def test_young_persons_own_copy_has_theirs_but_not_the_parents_confidence(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    text = copy_text(env, cid, "young-person", out)
    for marker in (YP_SECRET, YP_OPEN, OFFICER_NOTE):
        assert marker in text, marker
    for marker in (PARENT_SECRET, PRO_SECRET, *THIRD_PARTY):
        assert marker not in text, marker
    rows = {f["label"] for f in json.loads(text)["sections"][0]["fields"]}
    assert "Withheld: Notes of what a parent or carer told us in confidence" in rows


def test_under_the_private_age_the_parent_sees_the_childs_notes(env: Env, out: Path):
    cid = case_with_notes(env, 10)
    text = copy_text(env, cid, "parent", out)
    assert YP_SECRET in text and PRO_SECRET not in text


def test_parents_copy_of_a_17_year_olds_case_holds_nothing_of_theirs_without_consent(env: Env, out: Path):
    cid = case_with_notes(env, 17)
    child = show(env, cid)["child"]
    text = copy_text(env, cid, "parent", out)
    for marker in (YP_SECRET, YP_OPEN, PRO_SECRET, child["name"], child["date_of_birth"], "Autistic", "16-18",
                   "Aged 16", *THIRD_PARTY):
        assert marker not in text, marker
    assert PARENT_SECRET in text and "Jane Example" in text  # the parent's own information
    rows = {f["label"]: f["value"] for f in json.loads(text)["sections"][0]["fields"]}
    assert any("16 or over" in v for v in rows.values())
    # With the young person's consent to the parent, the parent sees what is not private.
    ok(env, "consent", "grant", cid, "share-information", "--party", "parent-carer", "--by", "young-person")
    text = copy_text(env, cid, "parent", out, "html")
    assert YP_OPEN in text and "Sam Example" in text and YP_SECRET not in text


def test_copy_records_completion_disclosure_and_audit(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    copy_text(env, cid, "parent", out)
    record = show(env, cid)
    (req,) = record["sar_requests"]
    assert req["status"] == "completed" and req["completed_by"] == "Ann" and req["withheld"] >= 3
    (d,) = record["disclosures"]
    assert (d["basis"], d["sar"], d["output"], d["to"]) == ("subject-access", 1, "json-plaintext", "the parent or carer")
    (entry,) = [e for e in audit_log(env) if e["command"] == "sar"]
    assert entry["case"] == cid and not entry.get("detail")
    assert not json.loads(ok(env, "list", "--sar-due", "--json").stdout)


def test_no_copy_without_an_open_request_and_never_inside_the_vault(env: Env, out: Path):
    cid = make_case(env)
    r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "x.pdf"))
    assert "no open subject-access request" in one_line_error(r) and r.exit_code == 1
    ok(env, "sar", "request", cid, "--for", "parent")
    r = env.cli("sar", cid, "--for", "parent", "--out", str(env.vault / "x.pdf"))
    assert r.exit_code == 5 and one_line_error(r)
    r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "x.md"), "--format", "md")
    assert "unprotected" in one_line_error(r) and "--plaintext" in r.stderr and r.exit_code == 2
    assert list(out.iterdir()) == [] and not (env.vault / "x.pdf").exists()
    assert show(env, cid)["sar_requests"][0]["status"] == "open"


# --- the protected PDF, and nothing left behind ---------------------------------------------


@requires_pdf_tools
def test_pdf_opens_with_its_password_only(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    ok(env, "sar", "request", cid, "--for", "parent", "--received", "31/01/2026")
    r = ok(env, "sar", cid, "--for", "parent", "--out", str(out / "copy.pdf"))
    password = password_of(r.stderr)
    assert pdftotext(out / "copy.pdf", None).returncode != 0
    assert subprocess.run(["qpdf", "--requires-password", str(out / "copy.pdf")], capture_output=True).returncode == 0
    text = pdftotext(out / "copy.pdf", password)
    assert text.returncode == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert "About this copy" in flat and "31 January 2026" in flat and "28 February 2026" in flat
    assert "Notes of what the young person told us in confidence" in flat
    for marker in (YP_SECRET, PRO_SECRET, THIRD_PARTY[0]):
        assert marker not in flat
    assert YP_OPEN in flat
    assert password not in r.stdout and all(m not in r.stderr for m in MARKERS)


def test_no_plaintext_left_on_success_or_refusal(env: Env, out: Path, tmp_path: Path):
    cid = case_with_notes(env, 13)
    empty = tmp_path / "tmpdir"
    empty.mkdir()
    env.extra_env.update(TMPDIR=str(empty), TMP=str(empty), TEMP=str(empty))
    shm = _shm()
    r = env.run("sar", cid, "--for", "parent", "--out", str(out / "refused.pdf"))
    assert r.exit_code == 1
    ok(env, "sar", "request", cid, "--for", "parent")
    r = env.run("sar", cid, "--for", "parent", "--out", str(out / "copy.pdf"))
    assert r.exit_code == 0, r.stderr
    assert list(empty.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["copy.pdf"]
    for root in (env.vault, out):
        for p in root.rglob("*"):
            if p.is_file():
                data = p.read_bytes()
                assert not any(m.encode() in data for m in MARKERS), p
    assert not [n for n in _shm() - shm if n.startswith(".sendvault")]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_plaintext_left_when_killed(env: Env, out: Path, tmp_path: Path, sig):
    cid = case_with_notes(env, 13)
    empty = tmp_path / "tmpdir"
    empty.mkdir()
    environ = {**os.environ, **env.env(), "TMPDIR": str(empty), "TMP": str(empty), "TEMP": str(empty)}
    shm = _shm()
    for delay in (0.2, 0.5, 0.9):
        ok(env, "sar", "request", cid, "--for", "parent")
        p = subprocess.Popen([sys.executable, "-m", "sendvault", "sar", cid, "--for", "parent", "--out",
                              str(out / f"killed-{delay}.pdf")], env=environ, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(sig)
        p.wait(timeout=60)
        assert list(empty.iterdir()) == [], delay
        for root in (env.vault, out):
            for f in root.rglob("*"):
                if f.is_file():
                    data = f.read_bytes()
                    assert not any(m.encode() in data for m in MARKERS), f
        for f in out.iterdir():
            assert f.read_bytes()[:5] in (b"%PDF-", b""), f
            if sig == signal.SIGTERM:
                assert not f.name.startswith("."), f
    assert not [n for n in _shm() - shm if n.startswith(".sendvault")]
    assert env.cli("verify").exit_code == 0


# --- who provided the details of the contact (intake and edit) ------------------------------

YP_SCHOOL = "MARKER-SCHOOL-Wrenfield-Academy"
YP_PHONE = "07700 900777"


def provided_case(env: Env, age: int, **provided) -> str:
    """A parent's call; the young person's school given by them and kept private, in the intake file."""
    case = young_person_case(age)
    if age < 11:
        case["profile"] = {**case["profile"], "age_band": "5-10", "school_phase": "primary"}
    case["child"] = {**case["child"], "school": YP_SCHOOL}
    case["provided"] = provided or {"fields": {"child.school": {"from": "young-person", "private": True}}}
    return make_case(env, case)


def test_intake_file_records_who_provided_what_and_the_parents_copy_withholds_it(env: Env, out: Path):
    cid = provided_case(env, 13)
    assert show(env, cid)["provided"] == {"fields": {"child.school": {"from": "young-person", "private": True}}}
    text = copy_text(env, cid, "parent", out)
    assert YP_SCHOOL not in text and "Sam Example" in text
    rows = {f["label"]: f["value"] for f in json.loads(text)["sections"][0]["fields"]}
    row = rows["Withheld: Details the young person gave us in confidence"]
    assert row.startswith("1 item (the child's school or setting).") and "From the age of 12" in row
    assert YP_SCHOOL in copy_text(env, cid, "young-person", out)


def test_under_the_private_age_a_private_detail_goes_to_the_parent(env: Env, out: Path):
    cid = provided_case(env, 10)
    assert YP_SCHOOL in copy_text(env, cid, "parent", out)


def test_an_old_intake_file_reads_as_the_callers_and_a_young_persons_call_is_theirs(env: Env, out: Path):
    cid = make_case(env, young_person_case(13))  # no [provided]: the parent's answers, nothing private
    assert "provided" not in show(env, cid)
    text = copy_text(env, cid, "parent", out)
    assert "Example Hill Primary School" in text and "Withheld: Details" not in text
    # A 17-year-old's own call: what they told us is theirs, so the parent's copy holds none of it.
    case = young_person_case(17)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {"caller": "young-person"}
    case["person"] = {"name": "Sam Example", "phone": YP_PHONE}
    cid = make_case(env, case)
    ok(env, "note", cid, "Mum rang back about transport", "--from", "parent-carer")  # the parent's own (else: no copy at all)
    text = copy_text(env, cid, "parent", out)
    assert YP_PHONE not in text and "Sam Example" not in text and "Mum rang back" in text
    # Who made contact is someone else to this parent: their details are not in the copy at all, not even by name
    # of field (a parent's copy holds nobody's details but the parent's own); nor is their first contact, the
    # young person's own call (its date, its route, who rang), which an own-information copy never holds.
    assert "first-contact" not in [s["name"] for s in json.loads(text)["sections"]]
    assert "the caller's name" not in text and "who made contact" not in text
    assert YP_PHONE in copy_text(env, cid, "young-person", out)


@pytest.mark.parametrize("provided, words", [
    ({"fields": {"person.email": {"from": "young-person", "private": True}}}, "person.email, which the record does not hold"),
    ({"fields": {"child.school": {"from": "officer", "private": True}}}, "child.school cannot be private"),
    ({"from": "neighbour"}, "who gave the intake's answers"),
])
def test_intake_file_provided_problems_are_named(env: Env, provided, words):
    case = young_person_case(13)
    case["person"] = {k: v for k, v in case["person"].items() if k != "email"}
    case["provided"] = provided
    import tomli_w
    f = env.tmp / "bad.toml"
    f.write_text(tomli_w.dumps(case))
    r = env.cli("intake", "--from", str(f))
    assert r.exit_code == 1 and words in r.stderr and "Traceback" not in r.stderr


def test_edit_field_records_a_confidence_without_the_editor(env: Env, out: Path):
    cid = make_case(env, young_person_case(14))
    r = ok(env, "edit", cid, "--from", "young-person", "--private", "--field", "child.school", "--field", "profile")
    assert "2 field(s) recorded as from the young person, not to be shared" in r.stderr
    record = show(env, cid)
    assert record["provided"]["fields"] == {"child.school": {"from": "young-person", "private": True},
                                            "profile": {"from": "young-person", "private": True}}
    assert record["history"][-1]["event"] == "edited"
    assert "unchanged" in ok(env, "edit", cid, "--from", "young-person", "--private", "--field", "child.school").stderr
    text = copy_text(env, cid, "parent", out)
    assert "Example Hill Primary School" not in text and "Autistic" not in text
    # Said again without --private: shared after all; the same as the caller's default is no entry at all.
    ok(env, "edit", cid, "--from", "parent-carer", "--field", "child.school", "--field", "profile")
    assert "provided" not in show(env, cid)
    for args, words in ((("--private", "--field", "child.school"), "--private is for"),
                        (("--field", "child.school"), "--field needs --from"),
                        (("--from", "officer", "--private", "--field", "child.school"), "--private is for"),
                        (("--from", "young-person", "--field", "child.shoe_size"), "no such field: child.shoe_size"),
                        (("--from", "young-person", "--field", "notes"), "no such field: notes")):
        r = env.cli("edit", cid, *args)
        assert r.exit_code != 0 and words in one_line_error(r), args
    entries = [e for e in audit_log(env) if e["command"] == "edit"]
    assert len(entries) == 2 and all(e["case"] == cid and not e.get("detail") for e in entries)


def test_edit_from_marks_the_fields_it_changes(env: Env, out: Path):
    from test_edit import editor

    cid = make_case(env, young_person_case(13))
    editor(env, f"path.write_text(text.replace('Example Hill Primary School', {YP_SCHOOL!r}))\n")
    r = tty_run(env, "edit", cid, "--from", "young-person", "--private")
    assert r.exit_code == 0, r.stderr
    record = show(env, cid)
    assert record["child"]["school"] == YP_SCHOOL
    assert record["provided"] == {"fields": {"child.school": {"from": "young-person", "private": True}}}
    # Without --from a corrected field keeps who it was from; a field removed loses its entry.
    editor(env, f"path.write_text(text.replace({YP_SCHOOL!r}, {YP_SCHOOL + '-2'!r}))\n")
    assert tty_run(env, "edit", cid).exit_code == 0
    assert show(env, cid)["provided"] == {"fields": {"child.school": {"from": "young-person", "private": True}}}
    assert YP_SCHOOL not in copy_text(env, cid, "parent", out)
    editor(env, "path.write_text(''.join(l for l in text.splitlines(True) if not l.startswith('school =')))\n")
    assert tty_run(env, "edit", cid).exit_code == 0
    assert "provided" not in show(env, cid)
    # The [provided] table is not for the editor's file.
    editor(env, "path.write_text(text + '\\n[provided]\\nfrom = \"young-person\"\\n')\n")
    r = tty_run(env, "edit", cid, input="n\n")
    assert r.exit_code != 0 and "use 'sendvault edit ID --from WHO" in r.stderr
    assert "provided" not in show(env, cid)


# --- the settings, and the cover's "Shared with" ---------------------------------------------


def test_sar_settings_managers_set_the_private_age_audited_and_sealed(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    assert json.loads(ok(env, "sar-settings", "--json").stdout) == {"private_age": 12, "own_consent_age": 16}
    bea = env.new_officer("Bea")
    r = env.cli("sar-settings", "--private-age", "14", identity=bea)
    assert r.exit_code == 5 and "only a manager" in one_line_error(r)
    r = env.cli("sar-settings", "--json", identity=bea)  # anyone may look: officers answer requests too
    assert r.exit_code == 0 and json.loads(r.stdout)["private_age"] == 12
    for bad in ("9", "19"):
        r = env.cli("sar-settings", "--private-age", bad)
        assert r.exit_code == 2 and "--private-age is 10 to 18" in one_line_error(r)
    r = ok(env, "sar-settings", "--private-age", "14")
    assert "private age 14" in r.stderr and "private age: 14" in r.stdout
    (entry,) = [e for e in audit_log(env) if e["command"] == "sar settings"]
    assert entry["detail"] == "private_age 14" and entry["officer"] == "Ann"
    assert env.cli("verify").exit_code == 0  # changed through the sealed path: the vault still checks
    text = copy_text(env, cid, "parent", out)  # a 13-year-old is now under the private age
    assert YP_SECRET in text and PRO_SECRET not in text


def test_cover_says_whom_the_records_were_shared_with(env: Env, out: Path):
    cid = case_with_notes(env, 13)
    rows = json.loads(copy_text(env, cid, "parent", out))["sections"][0]["fields"]
    assert [f["value"] for f in rows if f["label"] == "Who we shared them with"] == [NONE_LISTED]
    ok(env, "consent", "grant", cid, "share-information", "--party", "Thistlecombe Primary School", "--by", "parent-carer")
    ok(env, "share", cid, "--to", "Thistlecombe Primary School", "--only", "child,profile", "--out", str(out / "s.pdf"))
    rows = json.loads(copy_text(env, cid, "parent", out))["sections"][0]["fields"]
    (shared,) = [f["value"] for f in rows if f["label"] == "Who we shared them with"]  # the first copy is not a share
    assert shared.startswith("Thistlecombe Primary School, on ") and "the child's details, the profile" in shared
    assert shared.endswith("With the consent of the parent or carer.")


def test_an_exception_the_parent_was_not_told_of_is_left_out_and_not_listed(env: Env, out: Path):
    cid = make_case(env, young_person_case(13))
    ok(env, "breach", cid, "--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no",
       "--why-not", "telling the parent would put the child at risk", "--to", "children's social care",
       "--only", "caller,child", "--account", "MARKER-BREACH-ACCOUNT")
    ok(env, "share", cid, "--to", "children's social care", "--only", "caller,child", "--out", str(out / "csc.pdf"))
    ok(env, "sar", "request", cid, "--for", "parent")
    r = ok(env, "sar", cid, "--for", "parent", "--out", str(out / "copy.json"), "--format", "json", "--plaintext")
    assert "0 item(s) withheld or redacted" in r.stderr
    assert "also left out, and not listed on the cover: 2 item(s)" in r.stderr
    text = (out / "copy.json").read_text()
    for hidden in ("social care", "MARKER-BREACH-ACCOUNT", "xception", "risk"):
        assert hidden not in text, hidden
    rows = {f["label"]: f["value"] for f in json.loads(text)["sections"][0]["fields"]}
    assert rows["Withheld"] == "None listed. If you think something is missing, ask us."
    assert rows["Who we shared them with"] == NONE_LISTED  # true whether or not something was left out
    assert show(env, cid)["sar_requests"][0]["withheld"] == 2


# --- the provided section's rules, as properties ---------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sendvault.records import provided as prov  # noqa: E402

_RECORD = {"contact": {"caller": "parent-carer", "date": "2026-11-02", "policy_explained": {"version": "1"}},
           "person": {"name": "x", "phone": "y"}, "child": {"name": "z", "school": "w"}, "profile": {"issues": ["a"]}}
_TARGETS = ["contact", "contact.date", "contact.policy_explained", "contact.policy_explained.version", "person",
            "person.name", "person.phone", "child", "child.school", "profile", "profile.issues"]
_MARKS = st.lists(st.tuples(st.sampled_from(_TARGETS), st.sampled_from(prov.PROVIDERS), st.booleans()), max_size=8)


@settings(max_examples=150, deadline=None)
@given(_MARKS)
def test_the_last_word_on_a_field_is_its_source_and_entries_say_no_more_than_needed(marks):
    record = _RECORD
    expected = {p: (prov.caller(record), False) for p in prov.paths(record)}
    for target, who, private in marks:
        private = private and who != "officer"
        record = prov.mark(record, [target], who, private)
        for p in expected:
            if p == target or p.startswith(target + "."):
                expected[p] = (who, private)
    assert {p: prov.source(record, p) for p in expected} == expected
    fields = (record.get("provided") or {}).get("fields") or {}
    for path in fields:  # tidy: no entry repeats what its section or the default already says
        without = {**record, "provided": {**record["provided"], "fields": {k: v for k, v in fields.items() if k != path}}}
        assert prov.source(without, path) != prov.source(record, path)
    assert not prov.problems(record)


@settings(max_examples=100, deadline=None)
@given(_MARKS, st.sampled_from(["person.phone", "child.school", "profile.issues"]))
def test_an_edit_without_from_keeps_every_source_and_drops_a_removed_fields(marks, removed):
    record = _RECORD
    for target, who, private in marks:
        record = prov.mark(record, [target], who, private and who != "officer")
    before = {p: prov.source(record, p) for p in prov.paths(record)}
    section, key = removed.split(".")
    edited = json.loads(json.dumps(record))
    del edited[section][key]
    edited["child"]["name"] = "new"  # a change, which keeps the source it had
    after = prov.after_edit(record, edited, None, False)
    assert {p: prov.source(after, p) for p in prov.paths(after)} == {p: s for p, s in before.items() if p != removed}
    assert removed not in ((after.get("provided") or {}).get("fields") or {})


@requires_pdf_tools
def test_a_typed_password_locks_the_copy(env: Env, out: Path):
    """Issue 21.12: 'sar --type-password' asks through the same prompt as 'share' and locks the PDF with it."""
    cid = case_with_notes(env, 13)
    ok(env, "sar", "request", cid, "--for", "parent")
    typed = "a long typed password"
    status, said = typed_twice(env, typed, "not the same one", "sar", cid, "--for", "parent", "--out", str(out / "bad.pdf"))
    assert status == 2 and "passwords differ" in said and not (out / "bad.pdf").exists()
    status, said = typed_twice(env, typed, typed, "sar", cid, "--for", "parent", "--out", str(out / "copy.pdf"))
    assert status == 0, said
    assert "password: " not in said.replace("password for the PDF: ", "")
    assert pdftotext(out / "copy.pdf", typed).returncode == 0 and pdftotext(out / "copy.pdf", None).returncode != 0
