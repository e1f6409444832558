"""vault.toml travels in the clear (through git): changing it without a vault key must not
let anyone into the team or slip in a vault key of their own making."""

from __future__ import annotations

import json
import tomllib

import tomli_w

from conftest import Env, make_case, make_key, one_line_error


def _config(env: Env) -> dict:
    return tomllib.loads((env.vault / "vault.toml").read_text())


def _write_config(env: Env, config: dict) -> None:
    (env.vault / "vault.toml").write_text(tomli_w.dumps(config))


def _officer_recipients(env: Env) -> list[str]:
    return [o["recipient"] for o in _config(env)["officers"] if "removed" not in o]


def _seal_with(secret: str, config: dict) -> str:
    from sendvault import crypto

    body = {k: config[k] for k in ("officers", "key_epoch", "epochs")}
    return crypto.mac(secret, b"config seal", json.dumps(body, sort_keys=True, separators=(",", ":")).encode())


def test_an_officer_added_by_hand_is_refused_everywhere(env: Env):
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
    from sendvault import crypto

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
    from sendvault import crypto

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
