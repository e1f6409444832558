"""Neither confirm nor deny (issue 23, items 5 and 6): a parent who gave us nothing of their own,
asking about a young person who refused or who is 16 or over without consenting, is told nothing
that says the case exists; and no copy says that nothing was passed on when a share was left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Env, audit_log, make_case, show
from test_consent import young_person_case
from test_disclosure import password_of, pdftotext, requires_pdf_tools
from test_sar import ok, out  # noqa: F401 (out is a fixture)

from sendvault.disclosure.sar_cover import NONE_LISTED

YP_PHONE = "07700 900444"
YP_NAME = "Robin Example"


def alone(env: Env, age: int) -> str:
    """A young person of ``age`` who called about themselves: the parent gave us nothing."""
    case = young_person_case(age)
    case["contact"] = {k: v for k, v in case["contact"].items() if k != "parental_responsibility"} | {"caller": "young-person"}
    case["person"] = {"name": YP_NAME, "phone": YP_PHONE}
    case["child"] = {**case["child"], "name": YP_NAME}
    return make_case(env, case)


def identifying(env: Env, cid: str) -> list[str]:
    rec = show(env, cid)
    return [cid, cid.replace("-", ""), YP_NAME, YP_PHONE, rec["child"]["date_of_birth"], rec["child"]["school"],
            "young person", "Young person", "contacted us on", "asked us not to share"]


@pytest.mark.parametrize("situation", ["refused", "17 without consent"])
def test_the_parent_gets_no_copy_and_a_reply_that_reads_as_if_we_held_nothing(env: Env, out: Path, situation):
    cid = alone(env, 17 if situation == "17 without consent" else 14)
    if situation == "refused":
        ok(env, "consent", "refuse", cid, "see-records")
    ok(env, "sar", "request", cid, "--for", "parent")
    copy = out / "copy.json"
    r = env.cli("sar", cid, "--for", "parent", "--out", str(copy), "--format", "json", "--plaintext")
    assert r.exit_code != 0 and not copy.exists() and list(out.iterdir()) == []
    assert "no copy was made" in r.stderr and "sar unconfirmed" in r.stderr  # the officer is told why, and what to do
    assert YP_NAME not in r.stderr and YP_PHONE not in r.stderr
    assert show(env, cid)["sar_requests"][0]["status"] == "open"  # nothing recorded as answered

    with_case = out / "with.json"
    r = ok(env, "sar", "unconfirmed", cid, "--out", str(with_case), "--format", "json", "--plaintext")
    without = out / "without.json"
    ok(env, "sar", "unconfirmed", "--out", str(without), "--format", "json", "--plaintext")
    text = with_case.read_text(encoding="utf-8")
    assert text == without.read_text(encoding="utf-8")  # made from nothing of the case
    for marker in identifying(env, cid):
        assert marker not in text, marker
    assert "We hold no information about you that we can give you" in text
    request = show(env, cid)["sar_requests"][0]
    assert (request["status"], request["answer"]) == ("completed", "unconfirmed")
    entries = [(e["command"], e["case"]) for e in audit_log(env) if e["command"] == "sar unconfirmed"]
    assert entries == [("sar unconfirmed", cid), ("sar unconfirmed", None)]


@requires_pdf_tools
def test_the_reply_as_a_pdf_holds_nothing_of_the_case(env: Env, out: Path):
    ok(env, "service-details", "--phone", "01632 960000")  # the service's, not the case's: in both
    cid = alone(env, 17)
    ok(env, "sar", "request", cid, "--for", "parent")
    pw = password_of(ok(env, "sar", "unconfirmed", cid, "--out", str(out / "with.pdf")).stderr)
    pw2 = password_of(ok(env, "sar", "unconfirmed", "--out", str(out / "without.pdf")).stderr)
    text = pdftotext(out / "with.pdf", pw).stdout
    assert text.strip() and text == pdftotext(out / "without.pdf", pw2).stdout
    for marker in identifying(env, cid):
        assert marker not in text, marker
    assert "Information Commissioner" in text and "01632 960000" in text


def test_a_parent_with_information_of_their_own_gets_their_copy_not_the_reply(env: Env, out: Path):
    cid = make_case(env, young_person_case(17))  # the parent called: the person is the parent
    ok(env, "sar", "request", cid, "--for", "parent")
    r = env.cli("sar", "unconfirmed", cid, "--out", str(out / "reply.json"), "--format", "json", "--plaintext")
    assert r.exit_code != 0 and "wrongly deny" in r.stderr and not (out / "reply.json").exists()
    ok(env, "sar", cid, "--for", "parent", "--out", str(out / "copy.json"), "--format", "json", "--plaintext")
    assert "Jane Example" in (out / "copy.json").read_text(encoding="utf-8")
    # A young person who called alone but whose parent later gave us a note of their own: a copy of that.
    cid = alone(env, 17)
    ok(env, "note", cid, "Mum rang about transport", "--from", "parent-carer")
    ok(env, "sar", "request", cid, "--for", "parent")
    ok(env, "sar", cid, "--for", "parent", "--out", str(out / "own.json"), "--format", "json", "--plaintext")
    text = (out / "own.json").read_text(encoding="utf-8")
    assert "Mum rang about transport" in text and YP_PHONE not in text and YP_NAME not in text


def test_the_reply_needs_an_open_request_from_the_parent(env: Env, out: Path):
    cid = alone(env, 17)
    r = env.cli("sar", "unconfirmed", cid, "--out", str(out / "reply.json"), "--format", "json", "--plaintext")
    assert r.exit_code != 0 and "no open subject-access request" in r.stderr and list(out.iterdir()) == []
    r = env.cli("sar", "unconfirmed", cid)
    assert r.exit_code == 2 and r.stderr.startswith("sendvault: error: --out is needed")


def test_the_young_persons_own_copy_is_theirs(env: Env, out: Path):
    cid = alone(env, 17)
    ok(env, "sar", "request", cid, "--for", "young-person")
    ok(env, "sar", cid, "--for", "young-person", "--out", str(out / "yp.json"), "--format", "json", "--plaintext")
    assert YP_PHONE in (out / "yp.json").read_text(encoding="utf-8")


def test_no_copy_claims_that_nothing_was_passed_on(env: Env, out: Path):
    """An exception the parent was not told of leaves its share out; the cover says what is true either way."""
    plain = make_case(env, young_person_case(13))
    hidden = make_case(env, young_person_case(13))
    ok(env, "breach", hidden, "--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no",
       "--why-not", "telling the parent would put the child at risk", "--to", "children's social care",
       "--only", "child", "--account", "MARKER-ACCOUNT")
    ok(env, "share", hidden, "--to", "children's social care", "--only", "child", "--out", str(out / "csc.pdf"))
    covers = []
    for cid in (plain, hidden):
        ok(env, "sar", "request", cid, "--for", "parent")
        target = out / f"{cid}.json"
        ok(env, "sar", cid, "--for", "parent", "--out", str(target), "--format", "json", "--plaintext")
        text = target.read_text(encoding="utf-8")
        assert "not passed anything" not in text and "No one" not in text
        covers.append({f["label"]: f["value"] for f in json.loads(text)["sections"][0]["fields"]})
    assert covers[0]["Who we shared them with"] == covers[1]["Who we shared them with"] == NONE_LISTED
