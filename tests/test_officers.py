"""The team: adding, listing and removing officers; who may change it; what a leaver loses."""

from __future__ import annotations

import datetime as dt
import json
from conftest import (
    Env,
    age_decrypt,
    case_key_files,
    make_case,
    make_key,
    one_line_error,
    requires_age,
    show,
    snapshot,
)


def _team(env: Env) -> dict[str, dict]:
    r = env.cli("officer", "list", "--json")
    assert r.exit_code == 0, r.stderr
    return {o["name"]: o for o in json.loads(r.stdout)}


def _today_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def test_add_and_list(env: Env):
    bo = env.tmp / "bo.key"
    bo_rec = make_key(bo)
    cy_rec = make_key(env.tmp / "cy.key")
    assert env.cli("officer", "add", "Bo Jones", bo_rec).exit_code == 0
    assert env.cli("officer", "add", "Cy Lee", cy_rec, "--role", "manager").exit_code == 0
    team = _team(env)
    assert set(team) == {"Ann", "Bo Jones", "Cy Lee"}
    assert (team["Ann"]["role"], team["Ann"]["recipient"]) == ("manager", env.recipient)
    assert (team["Bo Jones"]["role"], team["Bo Jones"]["recipient"], team["Bo Jones"]["removed"]) == ("officer", bo_rec, None)
    assert team["Cy Lee"]["role"] == "manager"
    assert team["Bo Jones"]["added"] == _today_utc()
    # The table form names everyone too.
    r = env.cli("officer", "list")
    assert r.exit_code == 0 and all(n in r.stdout for n in team)
    # The new officer's key opens the vault at once.
    assert env.cli("audit", "verify", identity=bo).exit_code == 0


def test_add_refuses_a_duplicate_name_or_key_and_a_bad_recipient(env: Env):
    rec = make_key(env.tmp / "bo.key")
    assert env.cli("officer", "add", "Bo", rec).exit_code == 0
    before = snapshot(env.vault)
    for args in (["Bo", make_key(env.tmp / "bo2.key")], ["Bob", rec], ["Dee", "age1notarecipient"]):
        r = env.cli("officer", "add", *args)
        assert r.exit_code == 1, (args, r.stderr)
        one_line_error(r)
    r = env.cli("officer", "add", "Dee", make_key(env.tmp / "dee.key"), "--role", "boss")
    assert r.exit_code == 2
    one_line_error(r)
    assert snapshot(env.vault) == before


def test_only_managers_change_the_team(env: Env):
    bo = env.new_officer("Bo")
    assert env.new_officer("Cy")
    before = snapshot(env.vault)
    r = env.cli("officer", "add", "Dee", make_key(env.tmp / "dee.key"), identity=bo)
    assert r.exit_code == 5
    assert "manager" in one_line_error(r)
    r = env.cli("officer", "remove", "Cy", identity=bo)
    assert r.exit_code == 5
    one_line_error(r)
    r = env.cli("officer", "remove", "Bo", identity=bo)  # not even oneself
    assert r.exit_code == 5
    assert snapshot(env.vault) == before
    assert set(_team(env)) == {"Ann", "Bo", "Cy"}


def test_the_last_manager_cannot_be_removed(env: Env):
    env.new_officer("Bo")
    before = snapshot(env.vault)
    r = env.cli("officer", "remove", "Ann")
    assert r.exit_code == 5
    assert "last manager" in one_line_error(r)
    assert snapshot(env.vault) == before
    # With a second manager, the first may go.
    cy = env.new_officer("Cy", role="manager")
    r = env.cli("officer", "remove", "Ann", identity=cy)
    assert r.exit_code == 0, r.stderr
    r = env.cli("officer", "remove", "Cy", identity=cy)
    assert r.exit_code == 5


def test_remove_unknown_officer(env: Env):
    r = env.cli("officer", "remove", "Nobody")
    assert r.exit_code == 1
    one_line_error(r)


def test_list_keeps_who_left_and_when(env: Env):
    env.new_officer("Bo")
    r = env.cli("officer", "remove", "Bo")
    assert r.exit_code == 0, r.stderr
    team = _team(env)
    assert team["Bo"]["removed"] == _today_utc()
    assert team["Ann"]["removed"] is None
    # The leaver's name can be given to a new officer; both stay in the list.
    assert env.cli("officer", "add", "Bo", make_key(env.tmp / "new-bo.key")).exit_code == 0
    r = env.cli("officer", "list", "--json")
    bos = [o for o in json.loads(r.stdout) if o["name"] == "Bo"]
    assert len(bos) == 2 and sorted(str(b["removed"]) for b in bos) == sorted([_today_utc(), "None"])
    # The audit trail records the change, by whom.
    entries = json.loads(env.cli("audit", "show", "--json").stdout)
    assert [(e["command"], e["officer"]) for e in entries if e["command"].startswith("officer")] == [
        ("officer add", "Ann"), ("officer remove", "Ann"), ("officer add", "Ann")]


def test_removed_officer_loses_access_remaining_keep_it(env: Env):
    bo = env.new_officer("Bo")
    cy = env.new_officer("Cy")
    old = make_case(env)
    assert show(env, old, identity=bo)["id"] == old
    r = env.cli("officer", "remove", "Bo")
    assert r.exit_code == 0, r.stderr
    new = make_case(env)

    for cid in (old, new):
        r = env.cli("show", cid, "--json", identity=bo)
        assert r.exit_code == 3, r.stderr
        one_line_error(r)
        assert r.stdout == ""
    # Everyone who remains, and an officer who joins later, opens old and new cases.
    dee = env.new_officer("Dee")
    for key in (env.key, cy, dee):
        for cid in (old, new):
            assert show(env, cid, identity=key)["id"] == cid
    r = env.cli("verify")
    assert r.exit_code == 0, r.stderr


@requires_age
def test_removed_officer_cannot_open_any_vault_key_with_age(env: Env):
    """Checked with the reference age CLI on the files themselves, not through sendvault."""
    bo = env.new_officer("Bo")
    make_case(env)
    vk1 = env.vault / "vaultkeys" / "1.age"
    before = age_decrypt(vk1, bo)
    assert before.returncode == 0, before.stderr  # Bo could open the vault key while on the team...
    bo_copy_of_vk1 = before.stdout  # ...and may have kept it.
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    new = make_case(env)

    epoch_files = sorted((env.vault / "vaultkeys").glob("*.age"))
    assert [p.name for p in epoch_files] == ["1.age", "2.age"]
    for f in epoch_files:
        r = age_decrypt(f, bo)
        assert r.returncode != 0, f"the leaver's key opens {f.name}"
        assert b"AGE-SECRET-KEY" not in r.stdout
        assert age_decrypt(f, env.key).returncode == 0
    # Rotation, not just re-listing: the case key of a case written after the removal
    # is wrapped for a new vault key, which the leaver's old copy of vault key 1 cannot open.
    (new_key,) = case_key_files(env, new)
    assert new_key.name == f"{new}.e2.age"
    assert age_decrypt(new_key, bo_copy_of_vk1).returncode != 0
    vk2 = age_decrypt(env.vault / "vaultkeys" / "2.age", env.key)
    assert vk2.returncode == 0 and age_decrypt(new_key, vk2.stdout).returncode == 0


def test_config_keeps_the_leaver_marked_removed_and_rotates_the_epoch(env: Env):
    """vault.toml keeps the leaver (for the record), marked removed; the key epoch moves on."""
    import tomllib

    bo = env.new_officer("Bo")
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    config = tomllib.loads((env.vault / "vault.toml").read_text())
    (entry,) = [o for o in config["officers"] if o["name"] == "Bo"]
    assert entry.get("removed") == _today_utc()
    assert config["key_epoch"] == 2
    assert env.cli("audit", "verify", identity=bo).exit_code == 3
