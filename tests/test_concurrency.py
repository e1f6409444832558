"""Concurrent writers are serialised: nothing is lost, nothing torn, the audit chain holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest

from conftest import (
    AGE,
    Env,
    age_decrypt,
    case_fields,
    case_key_files,
    intake_text,
    show,
    start_writer,
)

STRESS = os.environ.get("SENDVAULT_STRESS") == "1"
PER_WRITER = 300 if STRESS else 60


def _ids(out: str) -> list[str]:
    return [w for w in out.split() if w != "ready"]


@pytest.mark.slow
def test_two_writers_at_once(env: Env, ram_dir):
    fields = ram_dir / "fields.json"
    fields.write_text(json.dumps(case_fields()))
    bo = env.new_officer("Bo")
    writers = [start_writer(env, fields, "--count", str(PER_WRITER)),
               start_writer(env, fields, "--count", str(PER_WRITER), key=bo)]
    reported = []
    for p in writers:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        reported.append(_ids(out))
    assert [len(ids) for ids in reported] == [PER_WRITER, PER_WRITER]
    every = reported[0] + reported[1]
    assert len(set(every)) == 2 * PER_WRITER

    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert json.loads(r.stdout) == {"cases": 2 * PER_WRITER, "problems": [], "notes": []}
    r = env.cli("audit", "verify")
    assert r.exit_code == 0, r.stderr
    for cid in reported[0]:
        assert show(env, cid)["created_by"] == "Ann"
    for cid in reported[1]:
        assert show(env, cid)["created_by"] == "Bo"
    entries = json.loads(env.cli("audit", "show", "--json").stdout)
    intakes = [(e["officer"], e["case"]) for e in entries if e["command"] == "intake"]
    assert sorted(intakes) == sorted([("Ann", c) for c in reported[0]] + [("Bo", c) for c in reported[1]])
    seqs = sorted(e["seq"] for e in entries)
    assert seqs == list(range(1, len(entries) + 1))  # one device, one unbroken chain


@pytest.mark.slow
def test_two_intake_commands_at_once(env: Env, ram_dir):
    """The same through the real command line: two shells running `intake --from -` in a loop."""
    n = 8
    intake = ram_dir / "intake.toml"
    intake.write_text(intake_text(case_fields()))
    loop = f'for i in $(seq {n}); do "{sys.executable}" -m sendvault intake --from - < "{intake}" || exit 1; done'
    e = {**os.environ, **env.env()}
    shells = [subprocess.Popen(["sh", "-c", loop], env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    ids = []
    for p in shells:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        ids += out.split()
    assert len(set(ids)) == 2 * n
    assert env.cli("verify").exit_code == 0
    assert env.cli("audit", "verify").exit_code == 0
    for cid in ids:
        assert show(env, cid)["id"] == cid


def test_a_writer_opened_before_an_officer_left_writes_with_the_new_key(env: Env, ram_dir):
    """A long-lived process (an interactive intake, say) opened the vault before a
    manager removed an officer elsewhere; the case it writes afterwards must still be
    out of the leaver's reach (R22): wrapped for the new vault key, not the old one."""
    fields = ram_dir / "fields.json"
    fields.write_text(json.dumps(case_fields()))
    bo = env.new_officer("Bo")
    p = start_writer(env, fields, "--step")
    try:
        assert p.stdout.readline().strip() == "ready"
        assert env.cli("officer", "remove", "Bo").exit_code == 0  # while the writer has the vault open
        p.stdin.write("go\n")
        p.stdin.flush()
        cid = p.stdout.readline().strip()
    finally:
        p.stdin.close()
        p.wait(timeout=60)
    err = p.stderr.read().strip().splitlines()
    assert cid and p.returncode == 0, f"the writer failed after the rotation: {err[-1] if err else p.returncode}"
    assert show(env, cid)["id"] == cid
    assert [k.name for k in case_key_files(env, cid)] == [f"{cid}.e2.age"], "the case key was wrapped for the old vault key"
    if AGE:
        # Bo, who could open vault key 1 while on the team, cannot open this case's key.
        config = tomllib.loads((env.vault / "vault.toml").read_text())
        assert config["key_epoch"] == 2
        for k in case_key_files(env, cid):
            vk = age_decrypt(env.vault / "vaultkeys" / "1.age", env.key).stdout
            assert age_decrypt(k, vk).returncode != 0
    assert env.cli("verify").exit_code == 0
    r = env.cli("show", cid, identity=bo)
    assert r.exit_code == 3
