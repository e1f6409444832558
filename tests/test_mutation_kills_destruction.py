"""What mutation testing of destruction.py found untested (docs/reliability.md, "Mutation testing"):
destroying a case, crash-safe and resumable, the one path of `erase` and `retention purge`.

Each test runs sendvault through its command line where a command reaches the behaviour. Where it
needs one process to list the vault and another to change it in between (a purge's plan, then an
officer's note), it holds the vault through the core API (conftest's ``core_vault``) and makes the
other officer's change on the command line: no single command can be stopped between the two."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE_CASE, Env, audit_log, case_file, case_key_files, core_vault, make_case, one_line_error, show


def _erase(env: Env, cid: str, *extra: str):
    return env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes", *extra)


def _rotate(env: Env) -> None:
    """Add an officer and remove them: the vault key moves to epoch 2 (cases keep epoch 1 until written)."""
    env.new_officer("Bob")
    r = env.cli("officer", "remove", "Bob")
    assert r.exit_code == 0, r.stderr


def _verify(env: Env) -> dict:
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stdout + r.stderr
    return json.loads(r.stdout)


# --- the bug the run's examination found -------------------------------------------------------


def test_a_destruction_after_another_officer_rekeyed_the_case_since_the_listing(env: Env):
    """A process that listed casekeys/ (a bulk read: a purge's plan, a long session) and then destroyed
    a case another officer had re-keyed in between (a note after a key rotation: its epoch-1 key
    shredded, an epoch-2 one written) failed with "writing to the vault failed (FileNotFoundError);
    nothing was changed": under the lock, the read trusted the listing made before the lock was
    taken. It now looks at that case's key files again, and the destruction goes through; likewise
    for a case made by another officer after the listing (no key listed for it at all)."""
    cid = make_case(env)
    _rotate(env)
    v = core_vault(env)
    assert v.index_keys() == {cid: [1]}
    r = env.cli("note", cid, "called back")  # another officer: the case re-keyed under epoch 2
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in case_key_files(env, cid)] == [f"{cid}.e2.age"]
    later = make_case(env)  # made after the listing: not in it
    v.destroy_case(cid)
    v.destroy_case(later)
    for gone in (cid, later):
        assert case_key_files(env, gone) == [] and not case_file(env, gone).exists()
        assert "was destroyed on" in one_line_error(env.cli("show", gone))
    assert _verify(env)["cases"] == 0


# --- a destruction killed at each of its steps, finished by the next purge ----------------------

# A process that erases a case and is killed (SIGKILL: no clean-up, no rollback) on entering the
# given step; each step as docs/retention.md and destruction.py's docstring list them.
_KILLED_AT = r"""
import os, signal, sys
from sendvault.store import destruction, keys, storage

def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)

step = sys.argv[1]
if step == "statistics":    # after the intent (.pending), before the statistical record
    destruction._write_statistics = die
elif step == "audit":       # after the statistical record, before the audit entry
    destruction._shred = die
elif step == "keys":        # after the audit entry, before the key is shredded
    keys.Keyring.shred_case_keys = die
elif step == "case-file":   # after the key is shredded, before the case file is removed
    remove = storage.Store.remove
    storage.Store.remove = lambda self, rel, *a, **k: die() if rel.startswith("cases/") else remove(self, rel, *a, **k)
elif step == "pending":     # after the record, before the intent is removed
    remove = storage.Store.remove
    storage.Store.remove = lambda self, rel, *a, **k: die() if rel.endswith(".pending") else remove(self, rel, *a, **k)
from sendvault.cli import main
sys.argv = ["sendvault", *sys.argv[2:]]
main()
"""

STEPS = ("statistics", "audit", "keys", "case-file", "pending")


def _erase_killed_at(env: Env, step: str, cid: str) -> None:
    import os
    import signal
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-c", _KILLED_AT, step, "erase", cid, "--asked-by", "young-person",
                        "--how", "email", "--received", "30/11/2026", "--yes"],
                       env={**os.environ, **env.env()}, capture_output=True, text=True, timeout=120)
    assert p.returncode == -signal.SIGKILL, p.stderr
    assert (env.vault / "destroyed" / f"{cid}.pending").exists()


def _statistics(env: Env) -> list[dict]:
    from sendvault.store import destruction

    return destruction.statistical_records(core_vault(env))


def _erasures(env: Env, cid: str) -> list[dict]:
    return [e for e in audit_log(env) if e["case"] == cid and e["command"] == "erase"]


REQUEST = "asked by young-person by email, received 2026-11-30"


def _assert_destroyed_once(env: Env, cid: str, kept: str) -> None:
    """Destroyed, recorded, counted and audited exactly once; nothing left pending; the other case intact."""
    assert case_key_files(env, cid) == [] and not case_file(env, cid).exists()
    assert sorted(p.name for p in (env.vault / "destroyed").iterdir()) == [f"{cid}.json"]
    rec = json.loads((env.vault / "destroyed" / f"{cid}.json").read_text())
    assert (rec["case"], rec["reason"], rec["rule"], rec["by"], rec["method"]) == (cid, "erasure", None, "Ann", "crypto-shredding")
    assert rec["request"] == {"asked_by": "young-person", "how": "email", "received": "2026-11-30"}
    assert "pending" not in rec
    (stats,) = _statistics(env)
    assert stats["profile"] == {k: v for k, v in SAMPLE_CASE["profile"].items()}
    assert [e.get("detail") for e in _erasures(env, cid)] == [REQUEST]
    assert "was destroyed on" in one_line_error(env.cli("show", cid))
    report = _verify(env)
    assert report["problems"] == [] and not [n for n in report["notes"] if cid in n], report
    assert show(env, kept)["id"] == kept


@pytest.mark.parametrize("step", STEPS)
def test_a_destruction_killed_at_each_step_is_finished_once_by_the_next_purge(env: Env, step: str):
    """finish_unfinished, _finish, _decrypt_note, _audited and check's note of an unfinished destruction
    (none reached by destruction's own tests but through a crash). Killed at each step, the vault
    verifies (the interruption a note, not a problem); the next purge finishes it: the statistical
    record written once (only if the crash came before it), the audit entry once and with the
    request's words, the record final, the intent removed."""
    cid, kept = make_case(env), make_case(env)
    _erase_killed_at(env, step, cid)
    report = _verify(env)
    assert report["problems"] == []
    assert f"case {cid}: its destruction was interrupted; the next 'sendvault retention purge' finishes it" in report["notes"]
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    assert "1 interrupted destruction(s) finished" in r.stderr
    _assert_destroyed_once(env, cid, kept)


def test_the_same_erase_again_finishes_it(env: Env):
    """destroy's finishing of a destruction already begun (a case with an intent is finished, never
    destroyed a second time: a second statistical record would count the family twice)."""
    cid, kept = make_case(env), make_case(env)
    _erase_killed_at(env, "audit", cid)
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    _assert_destroyed_once(env, cid, kept)  # the first request's words kept, not the second's


def test_a_destruction_interrupted_before_a_key_rotation_is_finished_after_it(env: Env):
    """_decrypt_note's epoch (the intent's note is encrypted for the vault key of its day, "e1:..."):
    after an officer's removal moved the vault key to epoch 2, the purge opens it with key 1."""
    cid, kept = make_case(env), make_case(env)
    _erase_killed_at(env, "statistics", cid)
    _rotate(env)
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    _assert_destroyed_once(env, cid, kept)
