"""Documents passed on with a share (issue 24.4): inside the password-protected PDF as its file attachments
(taken out again with a real tool, pdfdetach), or inside the age file; with consent only; a young person's
private document only with their own consent."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Env, age_decrypt, make_case, one_line_error, requires_age, show
from test_attach import PDF, PNG, ok, write
from test_disclosure import password_of, requires_pdf_tools

SCHOOL = "Thistlecombe Primary School"
requires_pdfdetach = pytest.mark.skipif(shutil.which("pdfdetach") is None, reason="pdfdetach is not on PATH (apt-get install poppler-utils)")


def detached(pdf: Path, password: str | None, where: Path) -> dict[str, bytes]:
    where.mkdir()
    args = ["pdfdetach"] + (["-upw", password] if password else []) + ["-saveall", "-o", str(where), str(pdf)]
    subprocess.run(args, check=True, capture_output=True, timeout=60)
    out = {p.name: p.read_bytes() for p in where.iterdir()}
    shutil.rmtree(where)
    return out


@pytest.fixture
def case(env: Env) -> str:
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    ok(env, "attach", cid, str(write(env.tmp / "Plan for Łukasz.pdf", PDF)), "--from", "parent-carer")
    ok(env, "attach", cid, str(write(env.tmp / "photo.png", PNG)), "--title", "Class photo")
    return cid


@requires_pdf_tools
@requires_pdfdetach
def test_chosen_documents_go_inside_the_protected_pdf(env: Env, case: str):
    out = env.tmp / "for-school.pdf"
    r = ok(env, "share", case, "--to", SCHOOL, "--only", "profile", "--document", "1", "--document", "2", "--out", str(out))
    assert "2 document(s)" in r.stderr
    password = password_of(r.stderr)
    assert subprocess.run(["qpdf", "--requires-password", str(out)]).returncode == 0  # it is protected
    assert detached(out, password, env.tmp / "d") == {"1 Plan for Łukasz.pdf": PDF, "2 Class photo.png": PNG}
    # without the password nothing comes out
    assert subprocess.run(["pdfdetach", "-list", str(out)], capture_output=True).returncode != 0
    assert PNG[50:120] not in out.read_bytes()
    [shared] = show(env, case)["disclosures"]
    assert shared["documents"] == [1, 2]
    entry = [e for e in json.loads(ok(env, "audit", "show", "--json").stdout) if e["command"] == "share"][-1]
    assert entry["detail"].endswith("documents 1, 2") and "Łukasz" not in entry["detail"]


@requires_pdfdetach
@requires_age
def test_or_inside_the_age_file(env: Env, case: str):
    from conftest import make_key

    key = env.tmp / "school.key"
    recipient = make_key(key)
    out = env.tmp / "for-school.age"
    ok(env, "share", case, "--to", SCHOOL, "--only", "profile", "--document", "2", "--recipient", recipient, "--out", str(out))
    inner = env.tmp / "inner.pdf"
    inner.write_bytes(age_decrypt(out, key).stdout)
    assert detached(inner, None, env.tmp / "d") == {"2 Class photo.png": PNG}


def test_documents_only_with_consent_and_a_young_persons_private_one_only_with_theirs(env: Env, case: str):
    out = env.tmp / "x.pdf"
    r = env.cli("share", case, "--to", "Someone Else", "--document", "1", "--out", str(out))
    assert r.exit_code == 5 and not out.exists()
    r = env.cli("share", case, "--to", SCHOOL, "--document", "9", "--out", str(out))
    assert r.exit_code == 2 and "no document 9" in one_line_error(r) and not out.exists()
    r = env.cli("share", case, "--to", SCHOOL, "--document", "1", "--plaintext", "--out", str(env.tmp / "x.md"))
    assert r.exit_code == 2 and "not a Markdown file" in one_line_error(r)
    ok(env, "attach", case, str(write(env.tmp / "mine.pdf", PDF)), "--from", "young-person", "--private")
    r = env.cli("share", case, "--to", SCHOOL, "--document", "3", "--out", str(out))
    assert r.exit_code == 5 and "document 3 was provided by the young person" in one_line_error(r)
    assert not out.exists() and "disclosures" not in show(env, case)


SOCIAL_CARE = "Children's Social Care"
BREACH = ["--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no", "--why-not",
          "telling the parent would put the child at risk", "--account", "A disclosure of harm."]


def test_a_breach_decision_covers_the_documents_it_names_and_no_others(env: Env, case: str):
    out = env.tmp / "x.pdf"
    r = env.cli("breach", case, *BREACH, "--to", SOCIAL_CARE, "--only", "child", "--document", "9")
    assert r.exit_code == 2 and "no document 9" in one_line_error(r) and "breaches" not in show(env, case)
    r = ok(env, "breach", case, *BREACH, "--to", SOCIAL_CARE, "--only", "child", "--document", "1")
    assert "1 part(s), 1 document(s)" in r.stderr
    assert show(env, case)["breaches"][0]["documents"] == [1]
    # No consent to social care: the decision is the basis, for the document it names only.
    r = env.cli("share", case, "--to", SOCIAL_CARE, "--only", "child", "--document", "2", "--out", str(out))
    assert r.exit_code == 5 and "does not cover every part and document" in one_line_error(r) and not out.exists()
    assert "documents 1" in r.stderr
    ok(env, "share", case, "--to", SOCIAL_CARE, "--only", "child", "--document", "1", "--out", str(out))
    [shared] = show(env, case)["disclosures"]
    assert (shared["basis"], shared["breach"], shared["documents"]) == ("breach", 1, [1])
    text = ok(env, "consent", "show", case).stdout
    assert text.count("child; documents 1") == 2  # the decision and the disclosure made under it


def test_a_young_persons_private_document_passes_on_a_decision_naming_it_not_on_a_parents_consent(env: Env, case: str):
    ok(env, "attach", case, str(write(env.tmp / "mine.pdf", PDF)), "--from", "young-person", "--private")
    out = env.tmp / "x.pdf"
    r = env.cli("share", case, "--to", SCHOOL, "--only", "profile", "--document", "3", "--out", str(out))
    assert r.exit_code == 5 and "breach decision naming it" in r.stderr and not out.exists()
    # A decision naming another document, or naming this one to another party, is no help.
    ok(env, "breach", case, *BREACH, "--to", SCHOOL, "--only", "profile", "--document", "1")
    ok(env, "breach", case, *BREACH, "--to", SOCIAL_CARE, "--only", "profile", "--document", "3")
    r = env.cli("share", case, "--to", SCHOOL, "--only", "profile", "--document", "3", "--out", str(out))
    assert r.exit_code == 5 and not out.exists()
    ok(env, "breach", case, *BREACH, "--to", SCHOOL, "--only", "profile", "--document", "3")
    ok(env, "share", case, "--to", SCHOOL, "--only", "profile", "--document", "3", "--out", str(out))
    # The parent's consent still carries a share that needs nothing more.
    ok(env, "share", case, "--to", SCHOOL, "--only", "profile", "--document", "1", "--out", str(env.tmp / "y.pdf"))
    d = show(env, case)["disclosures"]
    assert [(x["basis"], x.get("breach"), x["documents"]) for x in d] == [("breach", 3, [3]), ("consent", None, [1])]


# --- subject access (issue 24.4): the requester's documents, a young person's private ones withheld ------------


@requires_pdf_tools
@requires_pdfdetach
def test_a_parents_copy_holds_the_parents_documents_and_none_of_the_young_persons_private_ones(env: Env, tmp_path: Path):
    from test_disclosure import pdftotext
    from test_sar import young_person_case

    cid = make_case(env, young_person_case(14))
    mine, secret, open_ = PDF, b"%PDF-1.4\nYP-SECRET-DOC\n" + PNG[8:], PNG
    ok(env, "attach", cid, str(write(env.tmp / "Mum's letter to the LA.pdf", mine)), "--from", "parent-carer")
    ok(env, "attach", cid, str(write(env.tmp / "my worries.pdf", secret)), "--from", "young-person", "--private")
    ok(env, "attach", cid, str(write(env.tmp / "school report.png", open_)), "--kind", "school-report")
    ok(env, "sar", "request", cid, "--for", "parent")
    out = tmp_path / "copy.pdf"
    r = ok(env, "sar", cid, "--for", "parent", "--out", str(out))
    password = password_of(r.stderr)
    got = detached(out, password, tmp_path / "d")
    assert got == {"1 Mum's letter to the LA.pdf": mine, "3 school report.png": open_}
    assert b"YP-SECRET-DOC" not in b"".join(got.values())
    text = " ".join(pdftotext(out, password).stdout.split())
    assert "Documents the young person gave us in confidence" in text and "my worries" not in text
    assert "1. Mum's letter to the LA.pdf; 3. school report.png" in text
    sar = [d for d in show(env, cid)["disclosures"] if d["basis"] == "subject-access"]
    assert sar[-1]["documents"] == [1, 3]
    # the young person's own copy holds their private document
    ok(env, "sar", "request", cid, "--for", "young-person")
    out2 = tmp_path / "yp.pdf"
    r = ok(env, "sar", cid, "--for", "young-person", "--out", str(out2))
    assert "2 my worries.pdf" in detached(out2, password_of(r.stderr), tmp_path / "d2")
    # a copy in a format that cannot hold documents says so, and writes nothing
    ok(env, "sar", "request", cid, "--for", "parent")
    r = env.cli("sar", cid, "--for", "parent", "--out", str(tmp_path / "c.json"), "--format", "json", "--plaintext")
    assert r.exit_code == 2 and "go inside the PDF copy" in one_line_error(r) and not (tmp_path / "c.json").exists()
