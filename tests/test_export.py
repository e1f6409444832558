"""The protected output (issue 7, reused by subject access in issue 9): sendvault/disclosure/render.py.

No command makes these documents yet (``share`` and ``sar`` will), so these tests
call the core directly. Everything with synthetic personal data is kept in RAM
(/dev/shm) or in pytest's throw-away directory, and the PDFs are opened with real
tools: qpdf and poppler's pdftotext (Debian's qpdf and poppler-utils).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sendvault.basics.errors import SendvaultError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import AGE, ROOT, make_key
from sendvault.records import codes
from sendvault.store import crypto
from sendvault.disclosure import fonts, handover, markup, pdf_layout
from sendvault.disclosure import render as export
from sendvault.basics.errors import Refused, UsageError

QPDF = shutil.which("qpdf")
PDFTOTEXT = shutil.which("pdftotext")
needs_pdf_tools = pytest.mark.skipif(not (QPDF and PDFTOTEXT),
                                     reason="qpdf and pdftotext are not on PATH (CI installs qpdf poppler-utils)")

FULL = json.loads((ROOT / "vault-schema" / "examples" / "case" / "valid-full.json").read_text())
CONSENT = export.Basis("consent", given_by="parent-carer", method="written", given_on=dt.date(2026, 11, 2))
BREACH = export.Basis("breach", reason="risk-of-harm", approved_by="Ann Smith", given_on=dt.date(2027, 2, 1))


def document(record: dict | None = None, sections=("all",), basis=CONSENT) -> export.Document:
    return export.render(record or FULL, list(sections), service="Thistlecombe SENDIASS", basis=basis,
                         recipient_party="Thistlecombe Primary School", made_by="Ann Smith",
                         made_on=dt.date(2027, 3, 20))


def pdftotext(pdf: Path, password: str | None) -> subprocess.CompletedProcess:
    args = [PDFTOTEXT, "-layout"] + (["-upw", password] if password is not None else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


@pytest.fixture
def out_dir(ram_dir) -> Path:
    return ram_dir


# --- the document in words --------------------------------------------------------------


def all_values(doc: export.Document) -> list[str]:
    out = [doc.title, doc.notice, doc.basis.sentence()]
    for s in doc.sections:
        out.append(s.title)
        out += [x for f in s.fields for x in (f.label, f.value)]
        for e in s.entries:
            out += [e.heading, e.text] + [x for f in e.fields for x in (f.label, f.value)]
    return out


# Every dotted path of the schema, and every key with an underscore ('date_of_birth').
SCHEMA_KEYS = sorted({p for p in codes.field_paths() if "." in p}
                     | {k for p in codes.field_paths() for k in p.split(".") if "_" in k}, key=len, reverse=True)


def schema_keys_in(text: str) -> list[str]:
    return [k for k in SCHEMA_KEYS if k in text]


def test_fields_read_in_words():
    doc = document()
    words = all_values(doc)
    for text in words:
        assert not schema_keys_in(text), f"a schema key in {text!r}"
        assert text not in ("True", "False")
    first = next(s for s in doc.sections if s.name == "first-contact")
    rows = {f.label: f.value for f in first.fields}
    assert rows["Date of first contact"] == "2 November 2026"
    assert rows["How they made contact"] == "Telephone"
    assert rows["Whether the caller has parental responsibility"] == "Yes"
    assert rows["How permission for the referral was given"] == codes.describe("contact.referral_permission.method", "verbal")
    profile = {f.label: f.value for f in next(s for s in doc.sections if s.name == "profile").fields}
    assert profile["Primary need"] == "Autistic Spectrum Disorder"
    assert profile["Issues"] == "Education, health and care needs assessment; Exclusion or suspension"
    prefs = {f.label: f.value for f in next(s for s in doc.sections if s.name == "contact-preferences").fields}
    assert prefs["Whether they may be called at work"] == "No"


def test_only_the_chosen_sections():
    doc = document(sections=["child", "notes"])
    assert doc.contents == ["Child's details", "Notes"]
    text = markup.to_markdown(doc)
    assert "Sam Example" in text and "Jane Example" not in text and "07700 900123" not in text


def test_an_unknown_section_is_refused_with_the_choices():
    with pytest.raises(UsageError) as e:
        document(sections=["childs"])
    assert "first-contact" in e.value.hint


def test_a_section_with_nothing_recorded_says_so():
    record = {k: v for k, v in FULL.items() if k != "notes"}
    doc = document(record, sections=["notes"])
    assert doc.sections[0].empty
    assert "Nothing is recorded here" in markup.to_markdown(doc)


def test_an_unknown_field_never_shows_as_a_dotted_key():
    record = copy.deepcopy(FULL)
    record["consents"][0]["review_date"] = "2028-11-02"  # a field added later by another module
    doc = document(record, sections=["consents"])
    rows = {f.label: f.value for f in doc.sections[0].entries[0].fields}
    assert rows["Review date"] == "2 November 2028"


def test_the_basis_in_words():
    assert CONSENT.sentence() == "With the consent of the parent or carer, given in writing on 2 November 2026."
    assert "approved by Ann Smith" in BREACH.sentence() and "risk of harm to a child" in BREACH.sentence()
    with pytest.raises(UsageError):
        export.Basis("breach", reason="risk-of-harm")  # no approving manager
    with pytest.raises(UsageError):
        export.Basis("whim")


def test_markdown_html_and_json():
    doc = document()
    md = markup.to_markdown(doc)
    assert md.startswith("# Information shared with Thistlecombe Primary School")
    assert "## Caller's details" in md and "Thistlecombe SENDIASS" in md and "Confidential" in md
    page = markup.to_html(doc)
    assert page.startswith("<!DOCTYPE html>") and "<h2>Notes</h2>" in page and "Jane Example" in page
    data = json.loads(markup.to_json(doc))
    assert data["basis"]["kind"] == "consent" and data["made_on"] == "2027-03-20"
    assert {"label": "Caller's name", "value": "Jane Example", "path": "person.name"} in data["sections"][1]["fields"]


def test_markup_in_notes_is_text_not_markup():
    record = copy.deepcopy(FULL)
    record["notes"][0]["text"] = "<script>alert(1)</script>\n# not a heading\n| not | a table |"
    doc = document(record, sections=["notes"])
    assert "<script>" not in markup.to_html(doc)
    md = markup.to_markdown(doc)
    assert "\n# not a heading" not in md and "\\# not a heading" in md


# --- the password -------------------------------------------------------------------------


def test_new_password_is_phone_friendly_and_strong():
    passwords = {handover.new_password() for _ in range(200)}
    assert len(passwords) == 200
    for p in passwords:
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", p), p
        assert not set(p) & set("01ilo")
    bits = handover.PASSWORD_GROUPS * handover.PASSWORD_GROUP_SIZE * math.log2(len(set(handover.PASSWORD_ALPHABET)))
    assert len(set(handover.PASSWORD_ALPHABET)) == len(handover.PASSWORD_ALPHABET)
    assert bits >= 60 and math.floor(bits) == handover.PASSWORD_BITS


# --- the PDF ----------------------------------------------------------------------------------


@needs_pdf_tools
def test_pdf_opens_with_its_password_only(out_dir: Path):
    password = handover.new_password()
    data = pdf_layout.to_pdf(document(), password)
    assert handover.is_protected(data)
    pdf = handover.write_output(out_dir / "share.pdf", data)
    assert b"Jane Example" not in data and b"Thistlecombe" not in data  # metadata and text encrypted

    ok = pdftotext(pdf, password)
    assert ok.returncode == 0, ok.stderr
    text = ok.stdout
    for expected in ("Thistlecombe SENDIASS", "Information shared with Thistlecombe Primary School", "20 March 2027",
                     "With the consent of the parent or carer", "Caller's name", "Jane Example",
                     "Date of first contact", "2 November 2026", "Autistic Spectrum Disorder",
                     "Explained the EHC needs assessment process", "Page 1 of", "Confidential"):
        assert expected in text, expected
    assert not schema_keys_in(text), schema_keys_in(text)
    assert "True" not in text and "False" not in text

    assert pdftotext(pdf, None).returncode != 0
    assert pdftotext(pdf, "wrong-password").returncode != 0
    dec = out_dir / "decrypted.pdf"
    assert subprocess.run([QPDF, "--decrypt", f"--password={password}", str(pdf), str(dec)],
                          capture_output=True).returncode == 0
    assert dec.read_bytes().startswith(b"%PDF")
    wrong = subprocess.run([QPDF, "--decrypt", "--password=nope", str(pdf), str(out_dir / "no.pdf")], capture_output=True)
    assert wrong.returncode != 0 and b"invalid password" in wrong.stderr
    show = subprocess.run([QPDF, "--show-encryption", f"--password={password}", str(pdf)], capture_output=True, text=True)
    assert "AESv3" in show.stdout  # AES-256 (PDF 2.0 / R6)


@needs_pdf_tools
def test_pdf_keeps_accents_and_other_scripts(out_dir: Path):
    record = copy.deepcopy(FULL)
    record["person"]["name"] = "Zoë Ó Súilleabháin-Łukasiewicz"
    record["notes"][0]["text"] = "Mère: «très bien». Дякую. Ευχαριστώ. " + "A long note that goes on. " * 400
    data = pdf_layout.to_pdf(document(record), "pw")
    text = pdftotext(handover.write_output(out_dir / "x.pdf", data), "pw").stdout
    assert "Zoë Ó Súilleabháin-Łukasiewicz" in text
    assert "«très bien»" in text and "Дякую" in text and "Ευχαριστώ" in text
    assert text.count("\f") >= 3  # the long note runs over pages


def test_pdf_needs_a_password():
    with pytest.raises(UsageError):
        pdf_layout.to_pdf(document(), "")


NOTE_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400) | st.sampled_from([
    "\u202eRTL override\u202c", "שלום עולם مرحبا", "😀👨‍👩‍👧 🏳️‍🌈", "\x00\x01\x1b[31mred\x7f", "\t\r\n\u2028\u2029",
    "e\u0301\u0308\u20dd", "\ufeff\u200b\u200d", "你好世界" * 50, "x" * 3000, "a\n" * 500,
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTE_TEXT)
def test_any_note_text_renders(text):
    record = copy.deepcopy(FULL)
    record["notes"][0]["text"] = text or "x"
    record["person"]["name"] = text[:60] or "x"
    doc = document(record, sections=["caller", "notes"])
    try:
        assert pdf_layout.to_pdf(doc, "pw").startswith(b"%PDF-")
    except fonts.NoGlyph as e:  # a character no installed font has: refused, naming it, never the text
        named = {chr(int(h, 16)) for h in re.findall(r"U\+([0-9A-F]{4,6}) \(", e.message)}
        assert named and named <= set(text) and e.message.isascii(), e.message
    markup.to_html(doc)
    markup.to_markdown(doc)
    json.loads(markup.to_json(doc))


def test_rendering_writes_no_temporary_file(tmp_path: Path):
    """The PDF library and everything it loads work in memory: TMPDIR stays empty."""
    empty = tmp_path / "tmpdir"
    empty.mkdir()
    script = (
        "import datetime as dt, json, sys\n"
        "from sendvault.disclosure import render as export, markup, pdf_layout\n"
        "rec = json.loads(sys.stdin.read())\n"
        "b = export.Basis('consent', given_by='parent-carer')\n"
        "doc = export.render(rec, ['all'], service='S', basis=b, recipient_party='P', made_by='A', made_on=dt.date(2027,1,1))\n"
        "pdf_layout.to_pdf(doc, 'pw'); pdf_layout.to_unprotected_pdf(doc); markup.to_html(doc); markup.to_markdown(doc)\n"
        "print('ok')\n"
    )
    record = copy.deepcopy(FULL)
    record["notes"][0]["text"] = "مرحبا بالعالم שלום 😀 你好"
    env = {**os.environ, "TMPDIR": str(empty), "TEMP": str(empty), "TMP": str(empty)}
    p = subprocess.run([sys.executable, "-c", script], input=json.dumps(record), env=env, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr
    assert list(empty.iterdir()) == []


# --- age ------------------------------------------------------------------------------------


@pytest.mark.skipif(AGE is None, reason="the reference age CLI is not on PATH (CI installs it: apt-get install age)")
def test_age_output_opens_with_the_reference_age(out_dir: Path):
    key = out_dir / "school.key"
    recipient = make_key(key)
    md = markup.to_markdown(document()).encode()
    out = handover.write_output(out_dir / "share.md.age", handover.to_age(md, [recipient]))
    p = subprocess.run([AGE, "-d", "-i", str(key), str(out)], capture_output=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout == md
    other = out_dir / "other.key"
    make_key(other)
    assert subprocess.run([AGE, "-d", "-i", str(other), str(out)], capture_output=True).returncode != 0


def test_age_output_needs_a_valid_recipient():
    with pytest.raises(UsageError):
        handover.to_age(b"x", [])
    with pytest.raises(Exception) as e:
        handover.to_age(b"x", ["age1notarecipient"])
    assert "recipient" in str(e.value)


# --- the output file -------------------------------------------------------------------------


def protected() -> bytes:
    return handover.to_age(b"secret", [crypto.generate().recipient])


def test_output_is_private_and_complete(out_dir: Path):
    data = protected()
    path = handover.write_output(out_dir / "a.age", data)
    assert path.read_bytes() == data
    assert (path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.age"]


def test_output_never_overwrites_unless_told(out_dir: Path):
    target = out_dir / "a.age"
    target.write_bytes(b"earlier")
    with pytest.raises(handover.OutputExists):
        handover.write_output(target, protected())
    assert target.read_bytes() == b"earlier"
    data = protected()
    handover.write_output(target, data, overwrite=True)
    assert target.read_bytes() == data
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.age"]


def test_a_symlink_is_not_followed(out_dir: Path):
    elsewhere = out_dir / "elsewhere"
    elsewhere.write_bytes(b"keep")
    (out_dir / "link.age").symlink_to(elsewhere)
    with pytest.raises(handover.OutputExists):
        handover.write_output(out_dir / "link.age", protected())
    assert elsewhere.read_bytes() == b"keep"


def test_plaintext_only_when_asked(out_dir: Path):
    md = markup.to_markdown(document()).encode()
    with pytest.raises(Refused) as e:
        handover.write_output(out_dir / "share.md", md)
    assert "--plaintext" in e.value.hint and "Jane" not in str(e.value)
    assert list(out_dir.iterdir()) == []
    with pytest.raises(Refused):
        handover.write_output(out_dir / "share.pdf", pdf_layout.to_unprotected_pdf(document()))
    handover.write_output(out_dir / "share.md", md, plaintext=True)
    assert (out_dir / "share.md").read_bytes() == md


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_no_file_is_left_on_failure(out_dir: Path, monkeypatch, failure):
    def broken_fsync(fd):
        raise failure

    monkeypatch.setattr(handover.os, "fsync", broken_fsync)
    # A system refusal becomes one clear error; Ctrl-C stays Ctrl-C.
    with pytest.raises(SendvaultError if isinstance(failure, OSError) else type(failure)) as raised:
        handover.write_output(out_dir / "a.age", protected())
    if isinstance(failure, OSError):
        assert "could not be written (No space left on device); nothing was written" in str(raised.value)
    assert list(out_dir.iterdir()) == []


def test_no_file_is_left_when_the_rename_fails(out_dir: Path, monkeypatch):
    def broken_link(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(handover.os, "link", broken_link)
    with pytest.raises(SendvaultError, match="could not be written"):
        handover.write_output(out_dir / "a.age", protected())
    assert list(out_dir.iterdir()) == []


def test_no_file_is_left_when_interrupted(out_dir: Path):
    """Ctrl-C (SIGINT) while the data is being written: no output, no temporary file."""
    script = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored (a background job)\n"
        "from sendvault.disclosure import handover\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); signal.pause()\n"
        "handover.os.fsync = slow\n"
        "try:\n"
        "    handover.write_output(sys.argv[1], b'age-encryption.org/v1\\n' + b'x' * 100000)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    p = subprocess.Popen([sys.executable, "-c", script, str(out_dir / "a.age")], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "writing"
    p.send_signal(signal.SIGINT)
    assert p.stdout.readline().strip() == "interrupted"
    p.wait(timeout=30)
    assert list(out_dir.iterdir()) == []


def test_a_missing_folder_is_a_clear_error(out_dir: Path):
    with pytest.raises(UsageError):
        handover.write_output(out_dir / "no" / "such" / "a.age", protected())
