"""No lock-in: a case opens with the reference `age` CLI and the officer's own identity.

The steps (the same as docs/vault-format.md), for case ID, with E the key epoch of
the case's key file (the number in casekeys/ID.eE.age) and officer.key your identity:

    # 1. the vault key of epoch E (an age identity file, wrapped for every officer)
    age -d -i officer.key vaultkeys/E.age
    # 2. the case key (an age identity file, wrapped for that vault key)
    age -d -i <(age -d -i officer.key vaultkeys/E.age) casekeys/ID.eE.age
    # 3. the case record (TOML), wrapped for the case key
    age -d -i <(age -d -i <(age -d -i officer.key vaultkeys/E.age) casekeys/ID.eE.age) cases/ID.age

Each intermediate key only ever passes through a pipe (bash's <(...), or `-i -`
reading the identity from standard input): never a file on disk. If a key must be
kept between steps, keep it in a RAM-backed directory (/dev/shm), never /tmp.

Audit entries open the same way: each line of audit/<device>.log is
`e<E>:<base64 of an age file>` wrapped for vault key E:

    cut -d: -f2 <<<"$LINE" | base64 -d | age -d -i <(age -d -i officer.key vaultkeys/E.age)
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import AGE, OTHER_CASE, Env, age_decrypt, case_file, case_key_files, make_case, show

pytestmark = pytest.mark.skipif(AGE is None, reason="the reference age CLI is not on PATH (CI installs it: apt-get install age)")

SECRET_LINE = re.compile(r"^AGE-SECRET-KEY-1[0-9A-Z]+$", re.M)


def _epoch(key_file: Path) -> int:
    m = re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}\.e(\d+)\.age", key_file.name)
    assert m, key_file.name
    return int(m.group(1))


def open_with_age(vault: Path, cid: str, officer_key: Path) -> bytes:
    """Follow the key chain with /usr/bin/age only; intermediate keys stay in memory."""
    (key_file,) = sorted((vault / "casekeys").glob(f"{cid}.e*.age"))
    epoch = _epoch(key_file)
    step1 = age_decrypt(vault / "vaultkeys" / f"{epoch}.age", officer_key)
    assert step1.returncode == 0, step1.stderr
    assert SECRET_LINE.search(step1.stdout.decode()), "the vault key is an age identity file"
    step2 = age_decrypt(key_file, step1.stdout)  # `age -d -i - casekeys/ID.eE.age`, the key on stdin
    assert step2.returncode == 0, step2.stderr
    text = step2.stdout.decode()
    assert SECRET_LINE.search(text) and f"# case: {cid}" in text, "the case key is an age identity file naming its case"
    step3 = age_decrypt(vault / "cases" / f"{cid}.age", step2.stdout)
    assert step3.returncode == 0, step3.stderr
    return step3.stdout


def test_open_a_case_with_age_only(env: Env):
    cid = make_case(env)
    plain = open_with_age(env.vault, cid, env.key)
    record = tomllib.loads(plain.decode("utf-8"))
    assert record == show(env, cid)
    assert record["id"] == cid and record["person"]["name"] == "Jane Example"


def test_the_documented_shell_pipeline(env: Env):
    """The one-liner of docs/vault-format.md, run by bash exactly as an auditor would."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    cid = make_case(env, OTHER_CASE)
    (key_file,) = case_key_files(env, cid)
    e = _epoch(key_file)
    script = (
        f"age -d -i <(age -d -i <(age -d -i {env.key} vaultkeys/{e}.age) casekeys/{cid}.e{e}.age) cases/{cid}.age"
    )
    p = subprocess.run(["bash", "-c", script], cwd=env.vault, capture_output=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert tomllib.loads(p.stdout.decode()) == show(env, cid)


def test_age_opens_cases_across_key_epochs(env: Env):
    """After an officer leaves, old (epoch 1) and new (epoch 2) cases both open with age."""
    cy = env.new_officer("Cy")
    env.new_officer("Bo")
    old = make_case(env)
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    new = make_case(env, OTHER_CASE)
    assert [_epoch(k) for k in case_key_files(env, old)] == [1]
    assert [_epoch(k) for k in case_key_files(env, new)] == [2]
    for key in (env.key, cy):
        for cid in (old, new):
            assert tomllib.loads(open_with_age(env.vault, cid, key).decode()) == show(env, cid)


def test_a_case_rewritten_after_rotation_opens_with_age(env: Env):
    """A write to an old case gives it a key of the current epoch; age follows the new chain."""
    env.new_officer("Bo")
    cid = make_case(env)
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    assert env.cli("note", cid, "called back; information sent").exit_code == 0
    assert [_epoch(k) for k in case_key_files(env, cid)] == [2]
    assert tomllib.loads(open_with_age(env.vault, cid, env.key).decode()) == show(env, cid)


def test_audit_entries_open_with_age(env: Env):
    cid = make_case(env)
    (log,) = (env.vault / "audit").glob("*.log")
    entries = []
    for line in log.read_bytes().splitlines():
        tag, b64 = line.split(b":", 1)
        vk = age_decrypt(env.vault / "vaultkeys" / f"{int(tag[1:])}.age", env.key)
        assert vk.returncode == 0, vk.stderr
        blob = base64.b64decode(b64)
        # age reads the identity and the file from two different pipes: the file via a fd.
        r = _age_with_identity_pipe(blob, vk.stdout)
        assert r.returncode == 0, r.stderr
        entries.append(json.loads(r.stdout))
    assert [(e["command"], e["case"]) for e in entries] == [("init", None), ("intake", cid)]


def _age_with_identity_pipe(data: bytes, identity: bytes) -> subprocess.CompletedProcess:
    """`age -d -i /dev/fd/N` with the identity on a pipe and the file on stdin."""
    import os
    import threading

    r, w = os.pipe()

    def feed():
        with os.fdopen(w, "wb") as f:
            f.write(identity)

    t = threading.Thread(target=feed)
    t.start()
    try:
        return subprocess.run([AGE, "-d", "-i", f"/dev/fd/{r}"], input=data, capture_output=True, pass_fds=(r,), timeout=60)
    finally:
        os.close(r)
        t.join()


def test_wrong_identity_cannot_follow_the_chain(env: Env, tmp_path: Path):
    from conftest import make_key

    cid = make_case(env)
    stranger = tmp_path / "stranger.key"
    make_key(stranger)
    assert age_decrypt(env.vault / "vaultkeys" / "1.age", stranger).returncode != 0
    # And the case file is not wrapped for any officer directly: only its case key opens it.
    assert age_decrypt(case_file(env, cid), env.key).returncode != 0
