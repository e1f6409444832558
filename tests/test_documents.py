"""What the family and the school receive (issue 27.5), through the command line: the service's own contact
details (set once by a manager, checked, audited) on every document that leaves it; what a subject-access copy
must tell the requester (UK GDPR Art. 15) in plain words; no cipher's name; a heading never left at the foot of
a page; a party's name printed as typed."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import Env, audit_log, make_case, one_line_error
from test_disclosure import password_of, pdftotext, requires_pdf_tools

PHONE, EMAIL = "01632 960000", "help@wessex-sendiass.example.org"
ADDRESS = "Unit 4 The Maltings, Salisbury sp12ab"
ADDRESS_PRINTED = "Unit 4 The Maltings, Salisbury, SP1 2AB"
SCHOOL = "Thistlecombe Primary School"


def ok(env: Env, *args: str, identity=None):
    r = env.cli(*args, identity=identity)
    assert r.exit_code == 0, r.stderr
    return r


def words(text: str) -> str:
    """PDF text with its unbreakable spaces and line breaks as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def set_details(env: Env) -> None:
    ok(env, "service-details", "--phone", PHONE, "--email", EMAIL, "--address", ADDRESS)


def test_service_details_are_set_by_a_manager_checked_and_audited(env: Env):
    assert json.loads(ok(env, "service-details", "--json").stdout) == {}
    assert "phone:   not set" in ok(env, "service-details").stdout
    set_details(env)
    assert json.loads(ok(env, "service-details", "--json").stdout) == {
        "phone": PHONE, "email": EMAIL, "address": ["Unit 4 The Maltings", "Salisbury", "SP1 2AB"]}
    ok(env, "service-details", "--phone", "01632 960001 extension 12")  # only what is given changes
    assert json.loads(ok(env, "service-details", "--json").stdout)["phone"] == "01632 960001 ext 12"
    assert json.loads(ok(env, "service-details", "--json").stdout)["email"] == EMAIL
    entries = [e for e in audit_log(env) if e["command"] == "service details"]
    assert [e["detail"] for e in entries] == ["set address, email, phone", "set phone"]
    bo = env.new_officer("Bo")
    r = env.cli("service-details", "--phone", PHONE, identity=bo)
    assert r.exit_code == 5 and "manager" in one_line_error(r)
    assert ok(env, "service-details", identity=bo).stdout.startswith("phone:   01632 960001 ext 12")
    ok(env, "verify")  # vault.toml still sealed


@pytest.mark.parametrize("option, value, says", [
    ("--phone", "01632 9601", "--phone is not a whole UK number"),
    ("--phone", "960123", "--phone must start with 0"),
    ("--phone", "call 01632 960000", "--phone is written with digits, spaces, + and brackets"),
    ("--email", "help at sendiass", "--email must be an address such as"),
    ("--address", "12 High Street, Salisbury", "--address must end with the service's postcode"),
    ("--address", "SP1 2AB", "--address is 2 to 6 lines"),
])
def test_a_bad_service_detail_is_refused_in_one_line_and_nothing_changes(env: Env, option, value, says):
    r = env.cli("service-details", option, value)
    assert r.exit_code == 2, r.stderr
    assert one_line_error(r).startswith(f"sendvault: error: {says}")
    assert json.loads(ok(env, "service-details", "--json").stdout) == {}


@requires_pdf_tools
def test_a_share_and_a_subject_access_copy_carry_the_service_details_and_what_the_law_asks(env: Env, tmp_path: Path):
    set_details(env)
    ok(env, "retention", "rules", "set", "--birthday", "25", "--after-closed", "12", "--statistics")
    cid = make_case(env)
    ok(env, "note", cid, "Asked about the EHC needs assessment.")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--method", "written")
    r = ok(env, "share", cid, "--to", SCHOOL, "--out", str(tmp_path / "share.pdf"), "--only", "first-contact,disclosures")
    assert "does not give" not in r.stderr
    share = words(pdftotext(tmp_path / "share.pdf", password_of(r.stderr)).stdout)
    ok(env, "sar", "request", cid, "--for", "parent")
    r = ok(env, "sar", "copy", cid, "--for", "parent", "--out", str(tmp_path / "copy.pdf"))
    copy = words(pdftotext(tmp_path / "copy.pdf", password_of(r.stderr)).stdout)
    for text in (share, copy):
        assert f"Contact us Phone {PHONE}; email {EMAIL}; by post: {ADDRESS_PRINTED}" in text
        assert f"on {PHONE}" in text  # the footer of every page: how to reach the service
        assert "AES" not in text and " age " not in text  # no cipher's or tool's name for a parent or a school
    # The earlier share, as the copy lists it among the disclosures: in words, no cipher.
    assert "Form the information left in A PDF protected by a password" in copy
    # UK GDPR Art. 15(1): purposes, recipients, how long (from the vault's rules), sources, rights, the ICO.
    for said in ("Why we keep them To give the family and the young person information, advice and support",
                 "Who can see them Our own staff who work with families",
                 "How long we keep them We keep them until the latest of these: the young person's 25th birthday; "
                 "12 months after the case was closed",
                 "Where the information came from The parent or carer; our own staff",
                 "Your rights You can ask us to correct anything that is wrong, to delete your records",
                 "right to complain to the Information Commissioner's Office (ICO)",
                 "ico.org.uk, phone 0303 123 1113"):
        assert said in copy, said


@requires_pdf_tools
def test_the_html_copy_carries_them_too_and_without_rules_says_so(env: Env, tmp_path: Path):
    set_details(env)
    cid = make_case(env)
    ok(env, "sar", "request", cid, "--for", "parent")
    ok(env, "sar", "copy", cid, "--for", "parent", "--out", str(tmp_path / "copy.html"), "--format", "html", "--plaintext")
    page = words(re.sub(r"<[^>]+>", " ", (tmp_path / "copy.html").read_text()).replace("&#x27;", "'"))
    assert f"Phone {PHONE}; email {EMAIL}; by post: {ADDRESS_PRINTED}" in page
    assert "We have not yet fixed how long we keep records like these" in page
    assert "Information Commissioner's Office" in page and "0303 123 1113" in page


@requires_pdf_tools
def test_a_party_prints_as_the_officer_typed_it(env: Env, tmp_path: Path):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", "st mary's ce primary (senco)")
    typed = "St Mary's CE Primary (SENCo)"
    r = ok(env, "share", cid, "--to", typed, "--out", str(tmp_path / "s.pdf"), "--only", "profile")
    # No service details set: the officer is told what the document could not give.
    assert ("note: the document does not give the service's phone number, e-mail, postal address (not set); "
            "a manager sets them with 'sendvault service-details'") in r.stderr
    text = words(pdftotext(tmp_path / "s.pdf", password_of(r.stderr)).stdout)
    assert f"Information shared with {typed}" in text and f"Shared with {typed}" in text
    assert "st mary's" not in text


@requires_pdf_tools
def test_no_heading_is_left_at_the_foot_of_a_page(env: Env, tmp_path: Path):
    """A section's title with its first lines, a note's heading with at least three lines of its text: notes of
    many lengths put headings at every height of a page."""
    cid = make_case(env)
    sentence = "Talked through the needs assessment and what the school can do next. "
    for i in range(26):
        ok(env, "note", cid, f"Note {i + 1}. " + sentence * (5 + (i * 7) % 9))
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    r = ok(env, "share", cid, "--to", SCHOOL, "--out", str(tmp_path / "s.pdf"), "--only", "first-contact,profile,notes,history")
    password = password_of(r.stderr)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", "-upw", password, str(tmp_path / "s.pdf")],
                                                            capture_output=True, text=True).stdout).group(1))
    assert pages >= 4
    heading = re.compile(r"^\d{1,2} \w+ \d{4} at \d\d:\d\d · Ann$")
    titles = {"First contact", "Profile", "Notes", "Case history"}
    for page in range(1, pages):  # the last page's foot has nothing after it
        text = subprocess.run(["pdftotext", "-upw", password, "-f", str(page), "-l", str(page), "-layout",
                               str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True).stdout
        lines = [ln.strip() for ln in text.replace("\u00a0", " ").splitlines() if ln.strip()]
        body = lines[:next(i for i, ln in enumerate(lines) if ln.startswith("Confidential. Shared by"))]
        last = body[-3:]
        assert not any(heading.match(ln) for ln in last), (page, last)
        assert not any(ln in titles for ln in body[-2:]), (page, body[-2:])
