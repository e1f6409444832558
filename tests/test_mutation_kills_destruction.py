"""What mutation testing of destruction.py found untested (docs/reliability.md, "Mutation testing"):
destroying a case, crash-safe and resumable, the one path of `erase` and `retention purge`.

Each test runs sendvault through its command line where a command reaches the behaviour. Where it
needs one process to list the vault and another to change it in between (a purge's plan, then an
officer's note), it holds the vault through the core API (conftest's ``core_vault``) and makes the
other officer's change on the command line: no single command can be stopped between the two."""

from __future__ import annotations

import json

from conftest import Env, case_file, case_key_files, core_vault, make_case, one_line_error, show


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
