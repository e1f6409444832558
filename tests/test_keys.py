"""Officer identities: keygen, plain and passphrase-protected files, what is refused.

Passphrase tests drive the real command on a pseudo-terminal (pexpect): a passphrase
is only ever read from the terminal. scrypt is slow by design (pyrage picks logN 20:
~2.3 s and 1 GiB), so only a few tests pay for it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sendvault.store import crypto

from conftest import AGE, CLI, PASSPHRASE, Env, finish, make_key, one_line_error, requires_age, spawn


@pytest.fixture
def cheap_scrypt(env: Env, cheap_scrypt):
    """conftest's cheap_scrypt, with the vault's Env."""
    return env


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _audit_entries(env: Env) -> list[dict]:
    r = env.cli("audit", "show", "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


# --- keygen ------------------------------------------------------------------


def test_keygen_no_passphrase_writes_0600_file_and_prints_recipient(env: Env):
    out = env.tmp / "new.key"
    r = env.cli("keygen", "--out", str(out), "--no-passphrase")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("age1"), r.stdout
    assert crypto.is_recipient(lines[0])
    assert _mode(out) == 0o600
    (pair,) = crypto.parse_identities(out.read_text())
    assert pair.recipient == lines[0]
    # The new recipient is usable as an officer straight away.
    r = env.cli("officer", "add", "Newcomer", lines[0])
    assert r.exit_code == 0, r.stderr
    r = env.cli("audit", "verify", identity=out)
    assert r.exit_code == 0, r.stderr
    assert _audit_entries(env)[-1]["officer"] == "Newcomer"


@requires_age
def test_keygen_plain_file_is_an_age_keygen_identity(env: Env):
    out = env.tmp / "new.key"
    r = env.cli("keygen", "--out", str(out), "--no-passphrase")
    assert r.exit_code == 0, r.stderr
    recipient = r.stdout.strip()
    keygen_y = Path(AGE).with_name("age-keygen")
    if keygen_y.exists():
        y = subprocess.run([str(keygen_y), "-y", str(out)], capture_output=True, text=True)
        assert y.stdout.strip() == recipient, y.stderr
    enc = subprocess.run([AGE, "-r", recipient], input=b"round trip", capture_output=True, check=True).stdout
    dec = subprocess.run([AGE, "-d", "-i", str(out)], input=enc, capture_output=True)
    assert dec.returncode == 0 and dec.stdout == b"round trip", dec.stderr


def test_keygen_never_overwrites(env: Env):
    out = env.tmp / "existing.key"
    out.write_text("precious\n")
    before = out.read_bytes()
    r = env.cli("keygen", "--out", str(out), "--no-passphrase")
    assert r.exit_code == 1
    assert "already exists" in one_line_error(r)
    assert r.stdout == ""
    assert out.read_bytes() == before


def test_keygen_gives_up_after_three_tries_and_writes_nothing(env: Env):
    out = env.tmp / "never.key"
    child = spawn(env, "keygen", "--out", str(out))
    for attempt in range(3):
        child.expect("passphrase for the new identity: ")
        child.sendline(PASSPHRASE)
        child.expect("the same passphrase again: ")
        child.sendline(PASSPHRASE + " but different")
        if attempt < 2:
            child.expect("sendvault: the two passphrases differ; try again")
    status, text = finish(child)
    assert status == 2, text
    assert "sendvault: error: gave up after 3 tries: the two passphrases differ; nothing was written" in text
    assert PASSPHRASE not in text  # never echoed
    assert not out.exists()


def test_keygen_asks_again_when_too_short_or_different(env: Env):
    out = env.tmp / "third-time.key"
    child = spawn(env, "keygen", "--out", str(out))
    child.expect("passphrase for the new identity: ")
    child.sendline("short")
    child.expect("sendvault: the passphrase is too short \\(8 characters at least\\); try again \\(2 more tries\\)")
    child.expect("passphrase for the new identity: ")
    child.sendline(PASSPHRASE)
    child.expect("the same passphrase again: ")
    child.sendline("something else entirely")
    child.expect("sendvault: the two passphrases differ; try again \\(1 more try\\)")
    child.expect("passphrase for the new identity: ")
    child.sendline(PASSPHRASE)
    child.expect("the same passphrase again: ")
    child.sendline(PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    (pair,) = crypto.load_identity_file(out, lambda: PASSPHRASE)
    assert pair.recipient in text


def test_keygen_with_passphrase_on_a_terminal_then_age_accepts_it(env: Env, tmp_path: Path):
    """keygen asks twice on the terminal; the file is what `age -p` makes, so `age -d -i` opens it."""
    out = env.tmp / "protected.key"
    child = spawn(env, "keygen", "--out", str(out))
    child.expect("passphrase for the new identity: ")
    child.sendline(PASSPHRASE)
    child.expect("the same passphrase again: ")
    child.sendline(PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert PASSPHRASE not in text  # echo off: the passphrase never shows
    recipients = [w for w in text.split() if w.startswith("age1")]
    assert len(recipients) == 1 and crypto.is_recipient(recipients[0]), text
    assert _mode(out) == 0o600
    data = out.read_bytes()
    assert data.startswith(crypto.AGE_MAGIC) and b"AGE-SECRET-KEY" not in data
    if AGE is None:
        pytest.skip("the reference age CLI is not on PATH (CI installs it)")
    import pexpect

    secret = tmp_path / "message.age"
    subprocess.run([AGE, "-r", recipients[0], "-o", str(secret)], input=b"opened by age", check=True)
    child = pexpect.spawn(AGE, ["-d", "-i", str(out), str(secret)], encoding="utf-8", timeout=120)
    child.expect("(?i)passphrase")
    child.sendline(PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert "opened by age" in text


# --- using a passphrase-protected identity -----------------------------------


def test_protected_identity_right_passphrase_works(env: Env, protected_identity):
    key, recipient = protected_identity
    r = env.cli("officer", "add", "Pat", recipient)
    assert r.exit_code == 0, r.stderr
    child = spawn(env, "audit", "verify", identity=key)
    child.expect(f"passphrase for {key}: ")
    child.sendline(PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert "error" not in text and PASSPHRASE not in text
    last = _audit_entries(env)[-1]
    assert (last["officer"], last["command"]) == ("Pat", "audit verify")


# The wrong passphrase is in test_errors.py (with the error contract and "nothing written").


def test_protected_identity_without_a_terminal_is_a_clear_error(env: Env, protected_identity):
    key, recipient = protected_identity
    assert env.cli("officer", "add", "Pat", recipient).exit_code == 0
    p = subprocess.run(
        [sys.executable, "-m", "sendvault", "audit", "verify"],
        env={**os.environ, **env.env(key)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no controlling terminal, as under cron
    )
    assert p.returncode == 1, p.stderr
    from conftest import Result

    line = one_line_error(Result(p.returncode, p.stdout, p.stderr))
    assert "no terminal" in line
    assert "keygen --no-passphrase" in p.stderr  # the hint says what cron should use


# --- identity files ----------------------------------------------------------


def _age_keygen_block(pair: crypto.KeyPair) -> str:
    # The exact shape age-keygen writes.
    return f"# created: 2025-01-15T09:30:00Z\n# public key: {pair.recipient}\n{pair.secret}\n"


def test_identity_file_with_comments_and_several_keys(env: Env):
    stranger, mine = crypto.generate(), crypto.generate()
    key = env.tmp / "keys.txt"
    key.write_text(_age_keygen_block(stranger) + "\n" + _age_keygen_block(mine))
    key.chmod(0o600)
    assert env.cli("officer", "add", "Cy", mine.recipient).exit_code == 0
    r = env.cli("audit", "verify", identity=key)
    assert r.exit_code == 0, r.stderr
    last = _audit_entries(env)[-1]
    assert (last["officer"], last["command"]) == ("Cy", "audit verify")


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_plain_identity_readable_by_others_is_refused(env: Env, mode: int):
    env.key.chmod(mode)
    r = env.cli("audit", "verify")
    assert r.exit_code == 1
    one_line_error(r)
    hints = [ln for ln in r.stderr.splitlines() if ln.startswith("sendvault: hint: ")]
    assert hints and "chmod" in hints[0], r.stderr
    env.key.chmod(0o600)
    assert env.cli("audit", "verify").exit_code == 0


@pytest.mark.parametrize(
    "content",
    [b"hello, this is not a key\n", b"", "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n".encode(),
     b"AGE-SECRET-KEY-1NOTAREALKEY\n", b"\x00\xff\xfe binary"],
    ids=["text", "empty", "a-recipient", "bad-secret", "binary"],
)
def test_a_file_that_is_not_an_identity(env: Env, content: bytes):
    key = env.tmp / "not-a-key"
    key.write_bytes(content)
    key.chmod(0o600)
    r = env.cli("audit", "verify", identity=key)
    assert r.exit_code == 1
    assert "not an age identity file" in one_line_error(r)


def test_missing_identity_file(env: Env):
    r = env.cli("audit", "verify", identity=env.tmp / "nowhere.key")
    assert r.exit_code == 1
    assert "no identity file" in one_line_error(r)
    assert "keygen" in r.stderr


def test_key_of_no_officer_exits_3(env: Env):
    stranger = env.tmp / "stranger.key"
    make_key(stranger)
    r = env.cli("audit", "verify", identity=stranger)
    assert r.exit_code == 3
    assert "no key of yours" in one_line_error(r)


# --- sendvault passphrase ----------------------------------------------------

NEW_PASSPHRASE = "a different horse entirely"


def _no_leftovers(key: Path) -> None:
    assert sorted(p.name for p in key.parent.iterdir() if p.name.startswith(f".{key.name}.")) == []


def test_passphrase_change_keeps_the_key_and_only_the_new_passphrase_opens_it(cheap_scrypt: Env):
    env = cheap_scrypt
    key = env.tmp / "pat.key"
    pair = crypto.generate()
    crypto.write_identity_file(key, pair, PASSPHRASE)
    assert env.cli("officer", "add", "Pat", pair.recipient).exit_code == 0

    child = spawn(env, "passphrase", identity=key)
    child.expect_exact(f"current passphrase for {key}: ")
    child.sendline(PASSPHRASE)
    child.expect_exact(f"new passphrase for {key}: ")
    child.sendline(NEW_PASSPHRASE)
    child.expect_exact("the same passphrase again: ")
    child.sendline(NEW_PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert "was changed; your recipient is unchanged" in text
    assert PASSPHRASE not in text and NEW_PASSPHRASE not in text

    with pytest.raises(crypto.IdentityFileError, match="wrong passphrase"):
        crypto.load_identity_file(key, lambda: PASSPHRASE)
    (after,) = crypto.load_identity_file(key, lambda: NEW_PASSPHRASE)
    assert after.recipient == pair.recipient and after.secret == pair.secret
    assert _mode(key) == 0o600
    assert key.read_bytes().startswith(crypto.AGE_MAGIC) and b"AGE-SECRET-KEY" not in key.read_bytes()
    _no_leftovers(key)

    # The vault opens with the new passphrase, as the same officer.
    child = spawn(env, "audit", "verify", identity=key)
    child.expect_exact(f"passphrase for {key}: ")
    child.sendline(NEW_PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert _audit_entries(env)[-1]["officer"] == "Pat"

    if AGE is None:
        pytest.skip("the reference age CLI is not on PATH (CI installs it)")
    import pexpect

    secret = env.tmp / "message.age"
    subprocess.run([AGE, "-r", pair.recipient, "-o", str(secret)], input=b"still opened by age", check=True)
    child = pexpect.spawn(AGE, ["-d", "-i", str(key), str(secret)], encoding="utf-8", timeout=60)
    child.expect("(?i)passphrase")
    child.sendline(NEW_PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert "still opened by age" in text


def test_passphrase_added_to_a_plain_file_then_removed(cheap_scrypt: Env):
    env = cheap_scrypt
    key = env.tmp / "plain.key"
    pair = crypto.generate()
    crypto.write_identity_file(key, pair, None)

    child = spawn(env, "passphrase", identity=key)  # plain: no current passphrase is asked
    child.expect_exact(f"new passphrase for {key}: ")
    child.sendline(NEW_PASSPHRASE)
    child.expect_exact("the same passphrase again: ")
    child.sendline(NEW_PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert "current passphrase" not in text and "was set" in text
    assert key.read_bytes().startswith(crypto.AGE_MAGIC)
    (after,) = crypto.load_identity_file(key, lambda: NEW_PASSPHRASE)
    assert after.recipient == pair.recipient
    assert _mode(key) == 0o600

    child = spawn(env, "passphrase", "--remove", identity=key)
    child.expect_exact(f"current passphrase for {key}: ")
    child.sendline(NEW_PASSPHRASE)
    status, text = finish(child)
    assert status == 0, text
    assert "warning:" in text and "unprotected" in text
    (plain,) = crypto.parse_identities(key.read_text())
    assert plain.recipient == pair.recipient
    assert _mode(key) == 0o600
    _no_leftovers(key)
    # Plain already: nothing to do.
    r = env.cli("passphrase", "--remove", identity=key)
    assert r.exit_code == 0 and "nothing was changed" in r.stderr


def test_passphrase_wrong_current_or_no_agreement_changes_nothing(cheap_scrypt: Env):
    env = cheap_scrypt
    key = env.tmp / "pat.key"
    crypto.write_identity_file(key, crypto.generate(), PASSPHRASE)
    before = key.read_bytes()

    child = spawn(env, "passphrase", identity=key)
    child.expect_exact("current passphrase for")
    child.sendline("not the passphrase")
    status, text = finish(child)
    assert status == 1, text
    assert "wrong passphrase" in text and "new passphrase" not in text

    child = spawn(env, "passphrase", identity=key)
    child.expect_exact("current passphrase for")
    child.sendline(PASSPHRASE)
    for _ in range(3):
        child.expect_exact("new passphrase for")
        child.sendline("short")
    status, text = finish(child)
    assert status == 2, text
    assert "gave up after 3 tries: the passphrase is too short (8 characters at least); nothing was written" in text
    assert key.read_bytes() == before
    _no_leftovers(key)


def _without_terminal(env: Env, *args: str, identity: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], env={**os.environ, **env.env(identity)},
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        start_new_session=True,  # no controlling terminal, as under cron
    )


def test_keygen_and_passphrase_without_a_terminal_say_so_in_one_line(env: Env, protected_identity):
    from conftest import Result

    out = env.tmp / "never.key"
    p = _without_terminal(env, "keygen", "--out", str(out))
    line = one_line_error(Result(p.returncode, p.stdout, p.stderr))
    assert p.returncode == 2
    assert "passphrases are only read from a terminal" in line and "--no-passphrase" in line
    assert not out.exists()

    key, _ = protected_identity
    before = key.read_bytes()
    p = _without_terminal(env, "passphrase", identity=key)
    line = one_line_error(Result(p.returncode, p.stdout, p.stderr))
    assert p.returncode == 2 and "passphrases are only read from a terminal" in line
    assert key.read_bytes() == before
