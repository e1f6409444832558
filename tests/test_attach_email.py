"""E-mails filed in a case (issue 24.2): an .eml (built here with the standard library) and an Outlook .msg
(built here from scratch: tests/msg_fixture.py) become a note and one document per attachment."""

from __future__ import annotations

import datetime as dt
import json
from email.message import EmailMessage
from email.utils import format_datetime

from conftest import Env, make_case, one_line_error, show
from msg_fixture import outlook_message
from test_attach import PDF, PNG, docs, ok, out_copy, write

SUBJECT = "Réunion: plan EHC für Łukasz 📎 – «draft»"


def eml(sender: str = "Jane Example <jane@example.org>", attachments=(("draft plan.pdf", PDF), ("photo.png", PNG)),
        html: bool = False) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "Ann Smith <ann@sendiass.example>"
    m["Cc"] = "Bo Jones <bo@sendiass.example>"
    m["Subject"] = SUBJECT
    m["Date"] = format_datetime(dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.timezone.utc))
    if html:
        m.set_content("<html><body><p>Dear Ann,</p><script>alert(1)</script><p>the plan &amp; photo.</p></body></html>",
                      subtype="html")
    else:
        m.set_content("Dear Ann,\nthe draft plan and a photo are attached.\nJane\n")
    for name, data in attachments:
        main, sub = ("application", "pdf") if name.endswith(".pdf") else ("image", "png")
        m.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(m)


def test_an_eml_with_two_attachments_and_a_non_ascii_subject_becomes_a_note_and_documents(env: Env):
    cid = make_case(env)
    src = write(env.tmp / "message.eml", eml())
    r = ok(env, "attach", cid, str(src))
    assert "note 1" in r.stderr and "its sender is in the case: recorded as from person 1" in r.stderr
    listed = docs(env, cid)
    assert [(d["number"], d["title"], d["kind"], d["from"]) for d in listed] == [
        (1, "draft plan.pdf", "other", "parent-carer"), (2, "photo.png", "other", "parent-carer"),
        (3, SUBJECT, "email", "parent-carer")]
    assert listed[0]["email"] == listed[1]["email"] == 3 and "email" not in listed[2]
    assert out_copy(env, cid, 1) == PDF and out_copy(env, cid, 2) == PNG and out_copy(env, cid, 3) == src.read_bytes()
    [note] = show(env, cid)["notes"]
    assert (note["from"], note["from_person"]) == ("parent-carer", 1)
    for part in ("E-mail from: Jane Example <jane@example.org>", "To: Ann Smith <ann@sendiass.example>",
                 "Cc: Bo Jones <bo@sendiass.example>", f"Subject: {SUBJECT}", "Attachments: 2",
                 "the draft plan and a photo are attached."):
        assert part in note["text"]
    assert "20 Nov 2026 10:30" in note["text"]
    found = json.loads(ok(env, "find", "lukasz", "--json").stdout)
    assert [r["id"] for r in found] == [cid]


def test_an_email_from_someone_not_in_the_case_is_the_officers_unless_said(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.eml", eml(sender="SENCo <senco@school.example>"))))
    assert {d["from"] for d in docs(env, cid)} == {"officer"}
    ok(env, "attach", cid, str(write(env.tmp / "b.eml", eml(sender="SENCo <senco@school.example>", attachments=()))),
       "--from", "professional", "--private")
    last = docs(env, cid)[-1]
    assert (last["from"], last.get("private"), last["kind"]) == ("professional", True, "email")
    assert show(env, cid)["notes"][-1]["private"] is True


def test_an_email_from_the_second_parent_is_his_and_a_shared_address_is_nobodys(env: Env):
    """The sender is matched against everyone in the case, not only who made contact: the father (person 3)
    is recorded by his number, so his subject-access copy holds it and the mother's does not take it for hers."""
    cid = make_case(env)
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility",
       "yes", "--name", "Tom Example", "--email", "Tom.Example@Example.net")
    r = ok(env, "attach", cid, str(write(env.tmp / "dad.eml", eml(sender="Tom <tom.example@example.net>"))))
    assert "recorded as from person 3" in r.stderr
    rec = show(env, cid)
    assert {(d["from"], d.get("from_person")) for d in rec["documents"]} == {("parent-carer", 3)}
    assert (rec["notes"][0]["from"], rec["notes"][0]["from_person"]) == ("parent-carer", 3)
    # Said on the command line by number: the note carries the number too (not the word "3").
    ok(env, "attach", cid, str(write(env.tmp / "fwd.eml", eml(sender="x@elsewhere.example", attachments=()))),
       "--from", "3", "--private")
    note = show(env, cid)["notes"][-1]
    assert (note["from"], note["from_person"], note["private"]) == ("parent-carer", 3, True)
    # Two people with one address: whose the e-mail is cannot be told, so it is the officer's until said.
    ok(env, "person", "change", cid, "3", "--email", "jane@example.org")
    r = ok(env, "attach", cid, str(write(env.tmp / "shared.eml", eml(attachments=()))))
    assert "its sender is in the case" not in r.stderr
    assert show(env, cid)["documents"][-1]["from"] == "officer"


def test_an_html_only_email_keeps_its_words_not_its_markup(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "h.eml", eml(html=True, attachments=()))))
    text = show(env, cid)["notes"][0]["text"]
    assert "Dear Ann," in text and "the plan & photo." in text
    assert "<p>" not in text and "alert" not in text


def test_an_outlook_msg_is_filed_too(env: Env):
    cid = make_case(env)
    data = outlook_message(subject="Annual review – Łódź", sender_name="Pat SENCo", sender_email="senco@school.example",
                           to="Ann Smith <ann@sendiass.example>", cc="", body="Dear Ann,\nMinutes attached.\n",
                           sent=dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.timezone.utc),
                           attachments=[("minutes.pdf", PDF), ("photo.png", PNG)])
    src = write(env.tmp / "Re annual review.msg", data)
    ok(env, "attach", cid, str(src), "--from", "professional", "--remove-original")
    assert not src.exists()
    listed = docs(env, cid)
    assert [(d["title"], d["kind"], d["type"]) for d in listed] == [
        ("minutes.pdf", "other", "pdf"), ("photo.png", "other", "png"), ("Annual review – Łódź", "email", "msg")]
    assert out_copy(env, cid, 1) == PDF and out_copy(env, cid, 2) == PNG and out_copy(env, cid, 3) == data
    text = show(env, cid)["notes"][0]["text"]
    for part in ("E-mail from: Pat SENCo <senco@school.example>", "To: Ann Smith <ann@sendiass.example>",
                 "Subject: Annual review – Łódź", "2026-11-20", "Minutes attached."):
        assert part in text


def test_a_damaged_email_is_one_line_and_nothing_is_filed(env: Env):
    cid = make_case(env)
    msg = write(env.tmp / "broken.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    r = env.cli("attach", cid, str(msg))
    assert r.exit_code == 2 and "cannot be read as an e-mail (.msg)" in one_line_error(r)
    disguised = write(env.tmp / "x.msg", PDF)
    r = env.cli("attach", cid, str(disguised))
    assert r.exit_code == 2 and "named as a .msg file but holds a PDF" in one_line_error(r)
    # an attachment whose content is not what its name says is refused with the e-mail
    bad = eml(attachments=(("report.pdf", PNG),))
    r = env.cli("attach", cid, str(write(env.tmp / "bad.eml", bad)))
    assert r.exit_code == 2 and "an attachment of the file is named as a .pdf file but holds a PNG" in one_line_error(r)
    assert docs(env, cid) == [] and "notes" not in show(env, cid)
