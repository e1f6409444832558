"""Filesystem hygiene and pasted keys and files (issue 14, Deliver 7 and "Pasted keys and files").

- Whatever the umask (000 here), the vault's files are 0600 and its directories 0700,
  and so are the identity file and the copies sendvault writes outside the vault.
- A symbolic or hard link inside the vault is refused by every read and write, and
  ``verify`` reports it, with wrong modes and files that are not regular files.
- A recipient pasted with spaces or in capitals is stored as age writes it; a refused
  ``init`` leaves no directory; an intake or identity file with a byte-order mark is
  read; an identity whose scrypt work factor this machine refuses is said to be that,
  not a wrong passphrase.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PASSPHRASE, SAMPLE_CASE, Env, intake_text, make_case, make_key, one_line_error, show, spawn
from sendvault.store import crypto


def run(env: Env, *args: str, umask: int | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sendvault", *args], env={**os.environ, **env.env()}, capture_output=True,
                          text=True, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None, cwd=cwd)


def modes(root: Path) -> dict[str, int]:
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(dirpath) / name
            out[str(p.relative_to(root))] = os.lstat(p).st_mode
    return out


def test_files_0600_and_directories_0700_with_umask_000(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    key = home / ".config" / "sendvault" / "identity"
    env = Env(tmp_path, tmp_path / "vault", key, "", extra_env={"HOME": str(home)})
    p = run(env, "keygen", "--no-passphrase", umask=0)  # the default place, its directories made on the way
    assert p.returncode == 0, p.stderr
    recipient = p.stdout.strip()
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    for d in (home / ".config", home / ".config" / "sendvault"):
        assert stat.S_IMODE(os.stat(d).st_mode) == 0o700, d
    p = run(env, "init", str(env.vault), "--service", "Test", "--officer", "Ann", "--recipient", recipient,
            "--policy-version", "2025-01", "--locality", "North", umask=0)
    assert p.returncode == 0, p.stderr
    f = tmp_path / "intake.toml"
    f.write_text(intake_text())
    p = run(env, "intake", "--from", str(f), umask=0)
    assert p.returncode == 0, p.stderr
    cid = p.stdout.strip()
    for args in (("note", cid, "called back"), ("follow-up", cid, "+1w", "chase"), ("list",), ("verify",)):
        p = run(env, *args, umask=0)
        assert p.returncode == 0, (args, p.stderr)
    found = modes(env.vault)
    assert found
    assert stat.S_IMODE(os.stat(env.vault).st_mode) == 0o700
    for rel, mode in found.items():
        want = 0o700 if stat.S_ISDIR(mode) else 0o600
        assert stat.S_IMODE(mode) == want, f"{rel} is {stat.S_IMODE(mode):o}"
    # The copies written outside the vault, under the same umask: a share, a redacted study, a report.
    school = "Thistlecombe Primary School"
    outside = tmp_path / "outside"
    outside.mkdir()
    for args in (("consent", "grant", cid, "share-information", "--party", school),
                 ("share", cid, "--to", school, "--out", str(outside / "for-school.pdf")),
                 ("redact", cid, "--out", str(outside / "study.md"), "--yes"),
                 ("report", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "html", "--out", str(outside / "report.html"))):
        p = run(env, *args, umask=0)
        assert p.returncode == 0, (args, p.stderr)
    written = {f.name: stat.S_IMODE(f.stat().st_mode) for f in outside.iterdir()}
    assert written == {"for-school.pdf": 0o600, "study.md": 0o600, "report.html": 0o600}, {k: f"{v:o}" for k, v in written.items()}


def test_verify_reports_wrong_modes_links_and_special_files(env: Env):
    a, b = make_case(env), make_case(env)
    assert env.run("verify").exit_code == 0
    (env.vault / "cases" / f"{a}.age").chmod(0o644)
    (env.vault / "audit").chmod(0o755)
    os.link(env.vault / "cases" / f"{b}.age", env.tmp / "kept-elsewhere.age")
    os.symlink("/etc/hostname", env.vault / "cases" / "ZZZZ-ZZZZ.age")
    os.mkfifo(env.vault / "local" / "pipe")
    r = env.run("verify")
    assert r.exit_code == 4
    assert f"cases/{a}.age: a file open to others (mode 644, should be 600)" in r.stderr
    assert "audit: a directory open to others (mode 755, should be 700)" in r.stderr
    assert f"cases/{b}.age: has another name (a hard link)" in r.stderr
    assert "cases/ZZZZ-ZZZZ.age: a symbolic link inside the vault" in r.stderr
    assert "local/pipe: not a regular file" in r.stderr
    assert "Jane Example" not in r.stderr


def test_a_hard_linked_case_is_refused_by_reads_and_writes(env: Env):
    cid = make_case(env)
    path = env.vault / "cases" / f"{cid}.age"
    before = path.read_bytes()
    os.link(path, env.tmp / "copy.age")
    for args in (("show", cid), ("note", cid, "called back")):
        r = env.cli(*args)
        assert r.exit_code == 1
        assert "hard link" in one_line_error(r), r.stderr
    assert path.read_bytes() == before
    os.unlink(env.tmp / "copy.age")
    assert env.cli("note", cid, "called back").exit_code == 0


def test_a_change_killed_midway_leaves_an_undo_name_that_is_not_a_hard_link(env: Env):
    """A change links each file it replaces into local/undo until it ends; a killed one leaves
    that name behind until the next change. It is sendvault's own: reads and verify accept it,
    and the next change clears it."""
    cid = make_case(env)
    path = env.vault / "cases" / f"{cid}.age"
    undo = env.vault / "local" / "undo"
    undo.mkdir(mode=0o700, exist_ok=True)
    os.link(path, undo / "0123456789abcdef")  # as a change killed between its link and its rename leaves it
    assert env.cli("show", cid).exit_code == 0
    r = env.cli("verify")
    assert r.exit_code == 0 and "hard link" not in r.stderr, r.stderr
    assert env.cli("note", cid, "called back").exit_code == 0
    assert not any(undo.iterdir())
    assert os.stat(path).st_nlink == 1


def test_a_symlinked_case_file_is_refused(env: Env):
    cid = make_case(env)
    path = env.vault / "cases" / f"{cid}.age"
    real = env.tmp / "moved.age"
    path.rename(real)
    path.symlink_to(real)
    for args in (("show", cid), ("note", cid, "called back")):
        r = env.cli(*args)
        assert r.exit_code == 1 and "symbolic link" in one_line_error(r), r.stderr
    assert path.is_symlink()


# --- pasted keys and files --------------------------------------------------------------


@pytest.mark.parametrize("pasted", ["{r} ", " {r}\n", "{R}", "{R}  "], ids=["trailing-space", "newline", "upper", "upper-space"])
def test_a_pasted_recipient_is_stored_as_age_writes_it(tmp_path: Path, pasted: str):
    key = tmp_path / "ann.key"
    recipient = make_key(key)
    env = Env(tmp_path, tmp_path / "vault", key, recipient)
    r = env.cli("init", str(env.vault), "--service", "Test", "--officer", "Ann", "--recipient",
                pasted.format(r=recipient, R=recipient.upper()), "--policy-version", "2025-01", "--locality", "North")
    assert r.exit_code == 0, r.stderr
    assert f'recipient = "{recipient}"' in (env.vault / "vault.toml").read_text()
    assert env.cli("verify").exit_code == 0
    other = tmp_path / "bea.key"
    bea = make_key(other)
    r = env.cli("officer", "add", "Bea", pasted.format(r=bea, R=bea.upper()))
    assert r.exit_code == 0, r.stderr
    assert env.cli("verify").exit_code == 0
    assert bea in env.cli("officer", "list", "--json").stdout
    make_case(env, identity=other)


def test_init_refused_leaves_no_directory(tmp_path: Path):
    key = tmp_path / "ann.key"
    make_key(key)
    env = Env(tmp_path, tmp_path / "vault", key, "")
    r = env.cli("init", str(env.vault), "--service", "Test", "--officer", "Ann", "--recipient", "age1notakey",
                "--policy-version", "2025-01")
    assert r.exit_code != 0
    one_line_error(r)
    assert not env.vault.exists()


def test_an_intake_file_with_a_byte_order_mark_is_read(env: Env):
    f = env.tmp / "intake.toml"
    f.write_bytes(b"\xef\xbb\xbf" + intake_text().encode("utf-8"))
    r = env.cli("intake", "--from", str(f))
    assert r.exit_code == 0, r.stderr
    assert show(env, r.stdout.strip())["person"]["name"] == SAMPLE_CASE["person"]["name"]
    r = env.cli("intake", "--from", "-", input="\ufeff" + intake_text())
    assert r.exit_code == 0, r.stderr


def test_an_identity_file_with_a_byte_order_mark_is_read(env: Env):
    bom = env.tmp / "bom.key"
    bom.write_bytes(b"\xef\xbb\xbf" + env.key.read_bytes())
    bom.chmod(0o600)
    assert env.cli("list", identity=bom).exit_code == 0


def test_a_work_factor_too_high_is_not_called_a_wrong_passphrase(env: Env):
    pair = crypto.generate()
    data = crypto.passphrase_encrypt(crypto.identity_file_text(pair, ["test"]).encode(), PASSPHRASE, log_n=10)
    heavy = data.replace(b" 10\n", b" 40\n", 1)
    assert heavy != data
    path = env.tmp / "heavy.key.age"
    path.write_bytes(heavy)
    child = spawn(env, "list", identity=path)
    child.expect("passphrase for ")
    child.sendline(PASSPHRASE)
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    text = child.before.replace("\r\n", "\n")
    assert child.exitstatus == 1, text
    assert "work factor (logN 40) higher than this machine accepts" in text, text
    assert "wrong passphrase" not in text
