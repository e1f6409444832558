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
