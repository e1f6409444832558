"""Disclosure (issue 7, items 5 and 6): share only with consent or a manager's breach decision; the
protected output; no plaintext left behind; every consent scope gates what it governs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import (AGE, PERSONAL_DATA, SAMPLE_CASE, Env, assert_no_personal_data, audit_log, make_case,
                      one_line_error, requires_age, show)
from test_consent import young_person_case

SCHOOL = "Thistlecombe Primary School"
SOCIAL_CARE = "children's social care"
HAS_PDF_TOOLS = shutil.which("qpdf") and shutil.which("pdftotext")
requires_pdf_tools = pytest.mark.skipif(not HAS_PDF_TOOLS, reason="qpdf and pdftotext are not on PATH (apt-get install qpdf poppler-utils)")


def ok(env: Env, *args: str, identity=None, input=None):
    r = env.cli(*args, identity=identity, input=input)
    assert r.exit_code == 0, r.stderr
    return r


def password_of(stderr: str) -> str:
    return next(ln.split("password: ", 1)[1].strip() for ln in stderr.splitlines() if "password: " in ln)


def pdftotext(pdf: Path, password: str | None) -> subprocess.CompletedProcess:
    args = ["pdftotext"] + (["-upw", password] if password is not None else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "out"
    d.mkdir()
    return d


def plaintext_anywhere(root: Path) -> list[str]:
    """Files under ``root`` holding any of the test's personal data in the clear."""
    found = []
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            try:
                data = p.read_bytes()
            except OSError:
                continue
            if any(v.encode() in data for v in PERSONAL_DATA):
                found.append(str(p))
    return found


# --- the gate: share-information ----------------------------------------------------------


def test_share_is_refused_without_consent_allowed_with_it_and_refused_after_withdrawal(env: Env, out: Path):
    cid = make_case(env)
    target = out / "for-school.pdf"
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(target))
    assert r.exit_code == 5
    assert one_line_error(r) == f"sendvault: error: case {cid} has no recorded consent to share-information for that party"
    assert not target.exists() and list(out.iterdir()) == []
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--method", "written")
    r = ok(env, "share", cid, "--to", "thistlecombe  primary school", "--out", str(target), "--only", "first-contact,profile")
    assert target.exists() and target.read_bytes().startswith(b"%PDF-")
    assert_no_personal_data(r.stdout, r.stderr)
    shared = json.loads(ok(env, "consent", "show", cid, "--json").stdout)["disclosures"]
    assert len(shared) == 1
    d = shared[0]
    assert (d["to"], d["basis"], d["sections"], d["output"], d["by"]) == (SCHOOL, "consent", ["first-contact", "profile"], "pdf-password", "Ann")
    assert d["consent"]["given_by"] == "parent-carer" and d["consent"]["method"] == "written"
    ok(env, "consent", "withdraw", cid, "share-information", "--party", SCHOOL)
    again = out / "again.pdf"
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(again))
    assert r.exit_code == 5 and not again.exists()
    # The audit trail: the command, the case, a count; never the party or any content.
    entries = [e for e in audit_log(env) if e["case"] == cid]
    assert [e["command"] for e in entries if e["command"].startswith("share")] == ["share refused", "share", "share refused"]
    assert next(e for e in entries if e["command"] == "share")["detail"] == "consent, 2 part(s), pdf-password"
    log = json.dumps(audit_log(env))
    assert SCHOOL.lower() not in log.lower()
    assert_no_personal_data(log)


def test_a_share_refused_after_a_withdrawal_names_who_withdrew_it_and_when(env: Env, out: Path):
    """Issue 27.4: not "record it first", which reads as if consent was never asked: the withdrawal and its date,
    with a kind of person and no party's name (the line goes to logs and captured stderr)."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--date", "01/11/2025")
    ok(env, "consent", "withdraw", cid, "share-information", "--party", SCHOOL, "--date", "03/11/2025")
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "x.pdf"))
    assert r.exit_code == 5, r.stderr
    assert one_line_error(r) == (f"sendvault: error: case {cid} has no recorded consent to share-information for that party: "
                                 "the parent or carer withdrew it on 2025-11-03")
    assert "record it first" not in r.stderr and "thistlecombe" not in r.stderr.lower()
    assert list(out.iterdir()) == []
    # Given again and recorded: the share goes ahead; a withdrawal for another party says nothing of this one.
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--date", "05/11/2025")
    ok(env, "share", cid, "--to", SCHOOL, "--out", str(out / "y.pdf"))
    r = env.cli("share", cid, "--to", SOCIAL_CARE, "--out", str(out / "z.pdf"))
    assert r.exit_code == 5 and "withdrew" not in r.stderr


def test_a_near_miss_party_is_refused_pointing_to_who_has_consent_without_naming_them(env: Env, out: Path):
    """Issue 21.9: the parties recorded on a case are values of the record, so the error and its hint (which go to
    logs, cron mail and scripts' captured stderr) only count them and say where to look: 'consent show'."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    ok(env, "consent", "grant", cid, "share-information", "--party", SOCIAL_CARE)
    r = env.cli("share", cid, "--to", "Thistlecombe Primary", "--out", str(out / "x.pdf"))
    assert r.exit_code == 5 and list(out.iterdir()) == []
    one_line_error(r)
    assert "recorded for 2 other parties" in r.stderr and f"sendvault consent show {cid}" in r.stderr
    for recorded in (SCHOOL, SOCIAL_CARE, "Thistlecombe"):
        assert recorded.lower() not in r.stderr.lower()
    assert_no_personal_data(r.stderr)
    assert SCHOOL in ok(env, "consent", "show", cid).stdout


def test_a_parents_consent_does_not_cover_a_sixteen_year_olds_information(env: Env, out: Path):
    cid = make_case(env, young_person_case(16))
    # Recorded before the young person turned 16, say: written straight into the case.
    from conftest import core_vault

    vault = core_vault(env)
    vault.update_case(cid, lambda r: r.setdefault("consents", []).append(
        {"at": "2026-01-01T10:00:00Z", "by": "Ann", "action": "grant", "scope": "share-information", "party": SCHOOL,
         "date": "2026-01-01", "given_by": "parent-carer", "method": "written"}), "test")
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "x.pdf"))
    assert r.exit_code == 5
    assert "no consent of the young person's own to share-information" in one_line_error(r)
    assert list(out.iterdir()) == []
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "young-person")
    ok(env, "share", cid, "--to", SCHOOL, "--out", str(out / "x.pdf"))


# --- every other scope: the action it governs -----------------------------------------------

OTHER_SCOPES = [("contact-professional", "local authority SEN team"), ("access-records", "CAMHS"),
                ("mailing-list", None), ("quotes", None), ("photographs", None), ("act-on-behalf", None)]


@pytest.mark.parametrize("scope, party", OTHER_SCOPES, ids=[s for s, _ in OTHER_SCOPES])
def test_every_scope_governs_its_listing_alone_refused_allowed_refused(env: Env, scope, party):
    """The one action these scopes govern inside the vault is ``list --consent SCOPE`` (the mailing
    list, who may be quoted, photographed, acted for, contacted, or whose records may be seen:
    the officer acts on the list outside it). A case is listed under a scope only between its grant
    and its withdrawal, under no other scope meanwhile, and for a party scope only for that party."""
    cid, other = make_case(env), make_case(env)
    with_party = ["--party", party] if party else []

    def listed(s: str = scope, p: str | None = party) -> list[str]:
        return [row["id"] for row in json.loads(ok(env, "list", "--consent", s, *(["--party", p] if p else []), "--json").stdout)]

    def everywhere() -> dict[str, list[str]]:
        return {s: listed(s, p) for s, p in [*OTHER_SCOPES, ("share-information", SCHOOL)]}

    assert all(cid not in ids for ids in everywhere().values())
    ok(env, "consent", "grant", cid, scope, *with_party, "--method", "written")
    granted = everywhere()
    assert granted[scope] == [cid]
    assert all(ids == [] for s, ids in granted.items() if s != scope), granted
    if party:
        assert listed(scope, "someone else entirely") == []
    ok(env, "consent", "withdraw", cid, scope, *with_party)
    assert all(cid not in ids and other not in ids for ids in everywhere().values())


def test_store_personal_details_governs_keeping_them(env: Env):
    """Without the permission there are no personal details; with it they are kept; withdrawn, they go."""
    refused = {**SAMPLE_CASE, "record_personal_details": False}
    refused = {k: v for k, v in refused.items() if k not in ("person", "child")}
    cid = make_case(env, refused)
    assert "person" not in show(env, cid)
    assert json.loads(ok(env, "list", "--consent", "store-personal-details", "--json").stdout) == []
    kept = make_case(env)
    assert show(env, kept)["person"]["name"] == "Jane Example"
    ok(env, "consent", "withdraw", kept, "store-personal-details")
    assert "person" not in show(env, kept)
    assert json.loads(ok(env, "list", "--consent", "store-personal-details", "--json").stdout) == []


# --- breach decisions ---------------------------------------------------------------------------

BREACH = ["--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no", "--why-not",
          "telling the parent would put the child at risk", "--to", SOCIAL_CARE, "--only", "caller,child"]


def test_a_breach_recorded_by_an_officer_is_refused_and_audited(env: Env):
    cid = make_case(env)
    bo = env.new_officer("Bo")
    r = env.cli("breach", cid, *BREACH, "--account", "Disclosure during a call.", identity=bo)
    assert r.exit_code == 5
    assert one_line_error(r) == "sendvault: error: only a manager can record a breach of confidentiality"
    assert "breaches" not in show(env, cid)
    assert any(e["command"] == "breach refused" and e["case"] == cid and e["officer"] == "Bo" for e in audit_log(env))


def test_a_breach_needs_a_current_manager_and_a_reason_for_not_telling(env: Env):
    cid = make_case(env)
    env.new_officer("Bo")
    r = env.cli("breach", cid, *[("Bo" if a == "Ann" else a) for a in BREACH], "--account", "x")
    assert r.exit_code == 5 and "--approved-by must name a current manager" in r.stderr
    no_why = [a for a in BREACH if a not in ("--why-not", "telling the parent would put the child at risk")]
    r = env.cli("breach", cid, *no_why, "--account", "x")
    assert r.exit_code == 2 and "--told-parent no needs --why-not" in r.stderr
    r = env.cli("breach", cid, *BREACH[:1], "gossip", *BREACH[2:], "--account", "x")
    assert r.exit_code == 2 and "--reason is not a category" in r.stderr


def test_a_managers_breach_enables_exactly_its_party_and_sections(env: Env, out: Path):
    cid = make_case(env)
    bo = env.new_officer("Bo")
    r = ok(env, "breach", cid, *BREACH, "--account", "-", input="The young person disclosed harm at home.\n")
    assert "breach decision 1 recorded" in r.stderr
    record = show(env, cid)
    b = record["breaches"][0]
    assert (b["number"], b["reason"], b["approved_by"], b["told_parent"], b["to"], b["sections"]) == \
        (1, "risk-of-harm", "Ann", False, SOCIAL_CARE, ["caller", "child"])
    assert b["account"] == "The young person disclosed harm at home."
    # An officer may share under it: that party, those parts (or fewer).
    ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "child,caller", "--out", str(out / "a.pdf"), identity=bo)
    ok(env, "share", cid, "--to", "Children's Social  Care", "--only", "child", "--out", str(out / "b.pdf"), identity=bo)
    # Nothing else: another part, all parts, another party.
    for args in (["--to", SOCIAL_CARE, "--only", "child,notes"], ["--to", SOCIAL_CARE], ["--to", SCHOOL, "--only", "child"]):
        target = out / "refused.pdf"
        r = env.cli("share", cid, *args, "--out", str(target), identity=bo)
        assert r.exit_code == 5, args
        assert not target.exists()
    d = show(env, cid)["disclosures"]
    assert [(x["basis"], x["breach"], x["sections"], x["by"]) for x in d] == \
        [("breach", 1, ["child", "caller"], "Bo"), ("breach", 1, ["child"], "Bo")]
    assert "consent" not in d[0]
    text = ok(env, "consent", "show", cid).stdout
    assert "breach decisions" in text and "disclosures" in text and "breach 1" in text


@requires_pdf_tools
def test_a_share_under_a_breach_says_so_in_the_pdf(env: Env, out: Path):
    cid = make_case(env)
    ok(env, "breach", cid, *BREACH, "--account", "x")
    r = ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "child", "--out", str(out / "a.pdf"))
    text = pdftotext(out / "a.pdf", password_of(r.stderr)).stdout
    assert "Without consent" in text and "approved by Ann" in text and "Sam Example" in text
    assert "Jane Example" not in text  # the caller's details were not asked for


# --- the output ----------------------------------------------------------------------------------


@requires_pdf_tools
def test_the_pdf_opens_with_its_password_only(env: Env, out: Path):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    pdf = out / "for-school.pdf"
    r = ok(env, "share", cid, "--to", SCHOOL, "--out", str(pdf), "--password")
    password = password_of(r.stderr)
    assert "by phone" in r.stderr and password not in r.stdout
    assert password not in json.dumps(show(env, cid)) and password not in json.dumps(audit_log(env))
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    assert b"Jane Example" not in pdf.read_bytes()
    opened = pdftotext(pdf, password)
    assert opened.returncode == 0
    for words in ("Test SENDIASS", f"Information shared with {SCHOOL}", "With the consent of", "Jane Example", "Sam Example"):
        assert words in opened.stdout
    assert pdftotext(pdf, None).returncode != 0
    assert pdftotext(pdf, "wrong-password").returncode != 0
    plain = out / "plain.pdf"
    q = subprocess.run(["qpdf", f"--password={password}", "--decrypt", str(pdf), str(plain)], capture_output=True, timeout=60)
    assert q.returncode == 0, q.stderr
    assert subprocess.run(["qpdf", "--decrypt", str(pdf), str(out / "no.pdf")], capture_output=True, timeout=60).returncode != 0
    plain.unlink()


@requires_age
def test_the_age_share_opens_with_the_reference_age(env: Env, out: Path):
    from conftest import make_key

    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    theirs = out.parent / "school.key"
    recipient = make_key(theirs)
    target = out / "for-school.pdf.age"
    r = ok(env, "share", cid, "--to", SCHOOL, "--recipient", recipient, "--out", str(target))
    assert "password" not in r.stderr
    p = subprocess.run([AGE, "-d", "-i", str(theirs), str(target)], capture_output=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith(b"%PDF-")
    assert subprocess.run([AGE, "-d", "-i", str(env.key), str(target)], capture_output=True, timeout=60).returncode != 0
    assert show(env, cid)["disclosures"][0]["output"] == "age"


def test_plaintext_only_when_asked_and_with_a_warning(env: Env, out: Path):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    r = ok(env, "share", cid, "--to", SCHOOL, "--out", str(out / "a.md"), "--plaintext", "--only", "child")
    assert "warning: the file is not protected" in r.stderr
    assert "Sam Example" in (out / "a.md").read_text()
    assert show(env, cid)["disclosures"][0]["output"] == "markdown-plaintext"
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "b.pdf"), "--plaintext", "--password")
    assert r.exit_code == 2


def test_the_output_is_never_inside_the_vault_nor_over_a_file(env: Env, out: Path):
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    before = sorted(p.name for p in env.vault.rglob("*"))
    for target in (env.vault / "x.pdf", env.vault / "cases" / ".." / "y.pdf"):
        r = env.cli("share", cid, "--to", SCHOOL, "--out", str(target))
        assert r.exit_code == 5 and "inside the vault" in r.stderr
    assert sorted(p.name for p in env.vault.rglob("*")) == before
    (out / "there.pdf").write_bytes(b"mine")
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "there.pdf"))
    assert r.exit_code != 0 and (out / "there.pdf").read_bytes() == b"mine"
    assert "disclosures" not in show(env, cid)  # nothing written, nothing recorded
    ok(env, "share", cid, "--to", SCHOOL, "--out", str(out / "there.pdf"), "--force")
    assert (out / "there.pdf").read_bytes().startswith(b"%PDF-")


# --- nothing plaintext left behind ------------------------------------------------------------


def _shm() -> set[str]:
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


def test_no_plaintext_left_on_success_or_refusal(env: Env, out: Path, tmp_path: Path):
    cid = make_case(env)
    empty = tmp_path / "tmpdir"
    empty.mkdir()
    env.extra_env.update(TMPDIR=str(empty), TMP=str(empty), TEMP=str(empty))
    shm = _shm()
    r = env.run("share", cid, "--to", SCHOOL, "--out", str(out / "refused.pdf"))
    assert r.exit_code == 5
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    r = env.run("share", cid, "--to", SCHOOL, "--out", str(out / "shared.pdf"))
    assert r.exit_code == 0, r.stderr
    assert list(empty.iterdir()) == []
    assert plaintext_anywhere(env.vault) == [] and plaintext_anywhere(out) == []
    assert [p.name for p in out.iterdir()] == ["shared.pdf"]
    new = _shm() - shm
    assert not [n for n in new if plaintext_anywhere(Path("/dev/shm") / n) or n.startswith(".sendvault")]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_plaintext_left_when_killed(env: Env, out: Path, tmp_path: Path, sig):
    """Killed at several moments during a share: TMPDIR stays empty, the vault and the output
    folder hold nothing in the clear, and no partial output file is left (SIGTERM unwinds)."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    empty = tmp_path / "tmpdir"
    empty.mkdir()
    environ = {**os.environ, **env.env(), "TMPDIR": str(empty), "TMP": str(empty), "TEMP": str(empty)}
    shm = _shm()
    for delay in (0.1, 0.25, 0.4, 0.55, 0.7, 0.9, 1.2):
        target = out / f"killed-{delay}.pdf"
        p = subprocess.Popen([sys.executable, "-m", "sendvault", "share", cid, "--to", SCHOOL, "--out", str(target)],
                             env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        p.send_signal(sig)
        p.wait(timeout=60)
        assert list(empty.iterdir()) == [], delay
        assert plaintext_anywhere(env.vault) == [] and plaintext_anywhere(out) == []
        for f in out.iterdir():  # at most the complete, protected file, or (SIGKILL) a protected partial
            assert f.read_bytes()[:5] in (b"%PDF-", b""), f
            if sig == signal.SIGTERM:
                assert not f.name.startswith("."), f  # unwound: no temporary file left
    assert not [n for n in _shm() - shm if n.startswith(".sendvault")]
    assert env.cli("verify").exit_code == 0
    # Every complete file written is recorded in the case.
    complete = [f for f in out.iterdir() if not f.name.startswith(".")]
    assert len(show(env, cid).get("disclosures", [])) >= len(complete)


# --- docs/disclosure.md: its worked examples run as shown --------------------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "disclosure.md"


def doc_steps() -> list[tuple[str, list[str]]]:
    """(command line, the lines printed after it) of every ``$ sendvault`` line in the page's console blocks."""
    import re

    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL):
        for ln in block.splitlines():
            if ln.startswith("$ sendvault "):
                steps.append((ln[2:], []))
            elif steps:
                steps[-1][1].append(ln)
    return steps


def test_the_disclosure_page_examples_run_as_shown(env: Env, out: Path):
    import re
    import shlex

    cid = make_case(env)
    bo = env.new_officer("Bo Jones")
    steps = doc_steps()
    assert len(steps) >= 8
    for line, printed in steps:
        as_bo = "# as Bo Jones" in line
        argv = shlex.split(re.sub(r"\s+#.*$", "", line))[1:]
        argv = [cid if a == "K7M3-Q9P2" else "Ann" if a == "Ann Smith" else a for a in argv]
        if "--out" in argv:
            i = argv.index("--out") + 1
            argv[i] = str(out / argv[i])
        r = env.cli(*argv, identity=bo if as_bo else None)
        errors = [p for p in printed if p.startswith("sendvault: error: ")]
        if errors:
            assert r.exit_code == 5, f"{line}: {r.stderr}"
            # A day the page shows (a withdrawal's) is the day the test runs.
            day = re.compile(r"\d{4}-\d{2}-\d{2}")
            assert day.sub("DAY", errors[0].replace("K7M3-Q9P2", cid)) == day.sub("DAY", one_line_error(r))
        else:
            assert r.exit_code == 0, f"{line}: {r.stderr}"
            for p in printed:
                if p.startswith("sendvault: ") and "password: " not in p:
                    assert p.replace("K7M3-Q9P2", cid) in r.stderr, line
    assert (out / "for-school.pdf").exists() and (out / "for-social-care.pdf").exists()
    assert not (out / "too-much.pdf").exists() and not (out / "near-miss.pdf").exists()


def typed_twice(env: Env, first: str, second: str, *args: str) -> tuple[int, str]:
    """``args`` with --type-password on a real terminal, typing ``first`` then ``second``; returns (exit status,
    everything the terminal showed)."""
    import io

    import pexpect

    from conftest import finish, spawn

    child = spawn(env, *args, "--type-password")
    child.logfile_read = io.StringIO()
    child.expect("password for the PDF: ")
    child.sendline(first)
    if child.expect(["the same again: ", pexpect.EOF]) == 0:  # a password too short is refused at once
        child.sendline(second)
        status, _ = finish(child)
    else:
        child.close()
        status = child.exitstatus
    return status, child.logfile_read.getvalue()


@requires_pdf_tools
def test_a_typed_password_locks_the_pdf_and_password_says_the_default_form(env: Env, out: Path):
    """Issue 21.8 and 21.12: --type-password (one prompt, shared with 'sar') asks twice and locks the PDF with what
    was typed; --password is the default form said explicitly, refused with every other form it would not choose."""
    cid = make_case(env)
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL)
    typed = "correct horse battery staple"
    status, said = typed_twice(env, typed, typed, "share", cid, "--to", SCHOOL, "--out", str(out / "typed.pdf"))
    assert status == 0, said
    assert "password: " not in said.replace("password for the PDF: ", "")  # nothing generated, nothing shown
    assert pdftotext(out / "typed.pdf", typed).returncode == 0 and pdftotext(out / "typed.pdf", None).returncode != 0
    for first, second in ((typed, "something else entirely"), ("too short", "too short")):
        status, said = typed_twice(env, first, second, "share", cid, "--to", SCHOOL, "--out", str(out / "no.pdf"))
        assert status == 2 and "passwords differ or are shorter than 12" in said
        assert not (out / "no.pdf").exists()
    for extra in (("--type-password",), ("--plaintext",), ("--recipient", "age1" + "q" * 58)):
        r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "x.pdf"), "--password", *extra)
        assert r.exit_code == 2 and not (out / "x.pdf").exists(), extra
        assert "--password" in one_line_error(r)
    r = ok(env, "share", cid, "--to", SCHOOL, "--out", str(out / "default.pdf"), "--password")
    assert pdftotext(out / "default.pdf", password_of(r.stderr)).returncode == 0
