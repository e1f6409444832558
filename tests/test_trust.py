"""vault.toml travels in the clear (through git): changing it without a vault key must not
let anyone into the team or slip in a vault key of their own making."""

from __future__ import annotations

import json
import tomllib

import tomli_w

from conftest import Env, audit_log, core_vault, make_case, make_key, one_line_error


def _config(env: Env) -> dict:
    return tomllib.loads((env.vault / "vault.toml").read_text())


def _write_config(env: Env, config: dict) -> None:
    (env.vault / "vault.toml").write_text(tomli_w.dumps(config))


def _officer_recipients(env: Env) -> list[str]:
    return [o["recipient"] for o in _config(env)["officers"] if "removed" not in o]


def _seal_with(secret: str, config: dict) -> str:
    """The seal of the whole file, as sendvault makes it (a forger holding ``secret`` can too)."""
    from sendvault.store import crypto

    body = {k: v for k, v in config.items() if k != "seal"}
    return crypto.mac(secret, b"config seal/whole", json.dumps(body, sort_keys=True, separators=(",", ":")).encode())


def _old_seal_with(secret: str, config: dict) -> str:
    """The seal as vaults made before the whole file was sealed carry it: the team and the keys only."""
    from sendvault.store import crypto

    body = {k: config[k] for k in ("officers", "key_epoch", "epochs")}
    return crypto.mac(secret, b"config seal", json.dumps(body, sort_keys=True, separators=(",", ":")).encode())


def test_an_officer_added_by_hand_is_refused_by_reads_changes_and_verify(env: Env):
    cid = make_case(env)
    original = (env.vault / "vault.toml").read_text()
    config = _config(env)
    config["officers"].append({"name": "Eve", "recipient": make_key(env.tmp / "eve.key"), "role": "manager",
                               "added": "2026-11-23"})
    _write_config(env, config)
    for args in (["show", cid], ["officer", "remove", "Ann"], ["verify"]):
        r = env.cli(*args)
        assert r.exit_code == 1
        assert "changed outside sendvault" in one_line_error(r)
    r = env.cli("show", cid, identity=env.tmp / "eve.key")  # listed, but no key was ever wrapped for her
    assert r.exit_code == 3 and "no key of yours" in one_line_error(r)
    (env.vault / "vault.toml").write_text(original)
    assert env.cli("show", cid).exit_code == 0


def test_a_new_epoch_not_made_by_a_key_holder_is_refused(env: Env):
    """Someone with no vault key makes their own 'next' vault key, wraps it for the
    officers (their public keys are in vault.toml) and seals the config with it."""
    from sendvault.store import crypto

    make_case(env)
    forged = crypto.generate()
    text = crypto.identity_file_text(forged, ["sendvault vault key", "epoch: 2"])
    (env.vault / "vaultkeys" / "2.age").write_bytes(crypto.encrypt(text.encode(), _officer_recipients(env)))
    config = _config(env)
    config["key_epoch"] = 2
    config["epochs"].append({"epoch": 2, "from": "2026-11-23T23:00:00Z", "recipient": forged.recipient, "endorsed": "0" * 64})
    config["seal"] = _seal_with(forged.secret, config)
    _write_config(env, config)
    r = env.cli("list")
    assert r.exit_code == 1
    assert "was not made by a holder of vault key 1" in one_line_error(r)


def test_a_replaced_vault_key_is_caught_by_the_devices_pin(env: Env):
    """The whole epoch 1 replaced consistently (key, recipient, seal): only a device that
    has opened the vault before can tell, from the key it pinned."""
    from sendvault.store import crypto

    assert env.cli("list").exit_code == 0  # this device pins vault key 1
    forged = crypto.generate()
    text = crypto.identity_file_text(forged, ["sendvault vault key", "epoch: 1"])
    (env.vault / "vaultkeys" / "1.age").write_bytes(crypto.encrypt(text.encode(), _officer_recipients(env)))
    config = _config(env)
    config["epochs"][0]["recipient"] = forged.recipient
    config["seal"] = _seal_with(forged.secret, config)
    _write_config(env, config)
    r = env.cli("list")
    assert r.exit_code == 1
    assert "not the one this device has seen before" in one_line_error(r)


def test_team_changes_through_sendvault_keep_the_seal(env: Env):
    env.new_officer("Bo")
    cy = env.new_officer("Cy", role="manager")
    assert env.cli("officer", "remove", "Bo").exit_code == 0
    assert env.cli("officer", "remove", "Ann", identity=cy).exit_code == 0
    assert env.cli("policy", "set", "2026-04", identity=cy).exit_code == 0
    r = env.cli("verify", identity=cy)
    assert r.exit_code == 0, r.stderr
    assert [e["epoch"] for e in _config(env)["epochs"]] == [1, 2, 3]


# --- the seal covers the whole file ---------------------------------------------------------

HAND_EDITS = {
    "service": lambda c: c.update(service="Another service"),
    "created": lambda c: c.update(created="2020-01-01"),
    "policy": lambda c: c["policy"].update(version="forged"),
    "localities": lambda c: c.update(localities=[*c.get("localities", []), "Elsewhere"]),
    "consent": lambda c: c.update(consent={"own_consent_age": 18}),
    "subject_access": lambda c: c.update(subject_access={"private_age": 18}),
    "retention": lambda c: c.update(retention={"rules": [{"rule": "after-closed", "months": 0}], "enquiries_months": 0,
                                               "fallback_months": 0, "keep_statistics": False, "statistics_locality": False}),
    "redaction": lambda c: c.update(redaction={"schools": ["Hill School"]}),
    "report": lambda c: c.update(report={"threshold": 2, "allow_extract": True}),
    "officers": lambda c: c["officers"][0].update(added="2020-01-01"),
}


def test_a_hand_edit_of_any_section_is_refused_by_reads_changes_and_verify(env: Env):
    """Without a vault key nobody may change a setting (the private age, the retention rules) either."""
    cid = make_case(env)
    original = (env.vault / "vault.toml").read_text()
    for section, edit in HAND_EDITS.items():
        config = _config(env)
        edit(config)
        _write_config(env, config)
        for args in (["list"], ["show", cid], ["find", "Jane"], ["note", cid, "A note."], ["sar-settings"], ["verify"]):
            r = env.cli(*args)
            assert r.exit_code == 1, (section, args, r.stdout)
            assert "changed outside sendvault (the file does not match its seal)" in one_line_error(r), section
        (env.vault / "vault.toml").write_text(original)
    assert "A note." not in json.dumps(show_case(env, cid))
    assert env.cli("verify").exit_code == 0


def show_case(env: Env, cid: str) -> dict:
    r = env.cli("show", cid, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _to_old_form(env: Env) -> str:
    """vault.toml as a vault made before the whole file was sealed, seen by a device that never saw the new form."""

    config = _config(env)
    config["seal"] = _old_seal_with(core_vault(env).vault_key(config["key_epoch"]).secret, config)
    _write_config(env, config)
    (env.vault / "local" / "seal").unlink(missing_ok=True)
    return config["seal"]


def test_an_old_form_seal_is_migrated_once_then_refused_as_a_downgrade(env: Env):
    cid = make_case(env)
    assert env.cli("sar-settings", "--private-age", "13").exit_code == 0
    old = _to_old_form(env)
    old_text = (env.vault / "vault.toml").read_text()
    r = env.cli("show", cid)  # the first unlock re-seals
    assert r.exit_code == 0, r.stderr
    config = _config(env)
    assert config["seal"] != old

    assert config["seal"] == _seal_with(core_vault(env).vault_key(1).secret, config)
    assert config["subject_access"] == {"private_age": 13}  # nothing but the seal changed
    assert (env.vault / "local" / "seal").exists()
    assert [e for e in audit_log(env) if e.get("command") == "config reseal"]
    assert env.cli("verify").exit_code == 0
    # Someone puts the old file back (to edit the settings under a seal that does not cover them).
    (env.vault / "vault.toml").write_text(old_text.replace("private_age = 13", "private_age = 18"))
    for args in (["list"], ["verify"]):
        r = env.cli(*args)
        assert r.exit_code == 1
        assert "old form of its seal, which this device no longer accepts" in one_line_error(r)
    # A device that never saw the new form (its local state gone, a fresh clone) learns it from the
    # vault's own sealed audit trail.
    (env.vault / "local" / "seal").unlink()
    r = env.cli("list")
    assert r.exit_code == 1
    assert "old form of its seal, which the vault's own audit trail says was replaced" in one_line_error(r)


def test_the_migration_waits_for_a_vault_it_can_write(env: Env, monkeypatch):
    from sendvault.store import storage

    cid = make_case(env)
    old = _to_old_form(env)

    write = storage.replace_file

    def read_only_config(target, *args, **kwargs):  # vault.toml cannot be written here (another owner's file, say)
        if target.name == "vault.toml":
            raise PermissionError(13, "Permission denied")
        return write(target, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(storage, "replace_file", read_only_config)
        r = env.cli("show", cid)
        assert r.exit_code == 0, r.stderr  # reading goes on
        assert _config(env)["seal"] == old
        assert not (env.vault / "local" / "seal").exists()
    assert env.cli("list").exit_code == 0
    assert _config(env)["seal"] != old
    assert (env.vault / "local" / "seal").exists()


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))
    else:
        yield path, value


def test_every_field_at_any_depth_is_under_the_seal(env: Env):
    """A property over the whole file: change any one value (a different value of its kind) and the
    seal no longer matches, so check_trust refuses; the seal alone is outside it."""
    from hypothesis import given, settings, strategies as st

    from sendvault.basics.errors import VaultCorrupt

    assert env.cli("sar-settings", "--private-age", "13").exit_code == 0
    assert env.cli("report-settings", "--threshold", "10").exit_code == 0
    vault = core_vault(env)
    original = vault.settings.data
    leaves = [(p, v) for p, v in _leaves(original) if p != ("seal",)]

    @settings(max_examples=60, deadline=None)
    @given(st.sampled_from(leaves), st.data())
    def changed_anywhere(leaf, data):
        path, value = leaf
        new = data.draw({bool: st.booleans(), int: st.integers(-5, 500), str: st.text(max_size=20)}[type(value)]
                        .filter(lambda x: x != value))
        copy = json.loads(json.dumps(original))
        node = copy
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = new
        vault.settings.data = copy
        try:
            vault.settings.check_trust()
        except VaultCorrupt as exc:
            assert "changed outside sendvault" in exc.message
        else:
            raise AssertionError(f"{path} changed and the seal still matched")
        finally:
            vault.settings.data = original

    changed_anywhere()
    vault.settings.check_trust()  # the file as written still passes
