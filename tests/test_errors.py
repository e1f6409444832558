"""The error contract, on the real command (a subprocess): exactly one
`sendvault: error: ...` line (then optional `sendvault: hint: ...` lines), the
exit code PRODUCT.md gives (1 error, 2 usage, 3 no key, 4 verify, 5 refused), no
traceback, no personal data, and nothing written to the vault."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import (
    OTHER_CASE,
    PASSPHRASE,
    Env,
    Result,
    assert_no_personal_data,
    case_file,
    case_key_files,
    finish,
    flip_byte,
    make_case,
    make_key,
    one_line_error,
    snapshot,
    spawn,
)


@dataclass
class World:
    env: Env
    a: str  # SAMPLE_CASE
    b: str  # OTHER_CASE


@pytest.fixture
def world(env: Env) -> World:
    return World(env, make_case(env), make_case(env, OTHER_CASE))


@dataclass
class Scenario:
    """``setup`` damages the world and returns (argv, identity or None, directory that must stay untouched or None)."""

    setup: Callable[[World], tuple[list[str], Path | None, Path | None]]
    code: int
    says: str  # a fragment the error line must contain


def _wrong_identity(w):
    key = w.env.tmp / "stranger.key"
    make_key(key)
    return ["show", w.a], key, None


def _corrupt_ciphertext(w):
    f = case_file(w.env, w.a)
    flip_byte(f, f.stat().st_size - 30)
    return ["show", w.a], None, None


def _corrupt_header(w):
    flip_byte(case_file(w.env, w.a), 50)
    return ["show", w.a], None, None


def _truncated_case(w):
    f = case_file(w.env, w.a)
    data = f.read_bytes()
    f.write_bytes(data[: len(data) // 2])
    return ["show", w.a], None, None


def _empty_case(w):
    case_file(w.env, w.a).write_bytes(b"")
    return ["show", w.a], None, None


def _non_vault_directory(w):
    d = w.env.tmp / "not-a-vault"
    d.mkdir()
    (d / "readme.txt").write_text("just a folder\n")
    return ["--vault", str(d), "show", w.a], None, d


def _missing_vault(w):
    return ["--vault", str(w.env.tmp / "no-such-vault"), "show", w.a], None, w.env.tmp / "no-such-vault"


def _group_readable_key(w):
    w.env.key.chmod(0o640)
    return ["show", w.a], None, None


def _not_an_identity(w):
    key = w.env.tmp / "notes.txt"
    key.write_text("Jane Example's phone is 07700 900123\n")
    key.chmod(0o600)
    return ["show", w.a], key, None


def _missing_identity(w):
    return ["show", w.a], w.env.tmp / "missing.key", None


def _swapped_case(w):
    shutil.copyfile(case_file(w.env, w.b), case_file(w.env, w.a))
    return ["show", w.a], None, None


def _missing_case_key(w):
    for k in case_key_files(w.env, w.a):
        k.unlink()
    return ["show", w.a], None, None


def _unknown_case(w):
    return ["show", "ZZZZ-ZZZZ"], None, None


def _malformed_case_id(w):
    return ["show", "Jane Example"], None, None


def _bad_toml(w):
    (w.env.vault / "vault.toml").write_text('format = "sendvault-vault/1"\nofficers = [ {name = "Ann", \n')
    return ["show", w.a], None, None


def _config_not_a_vault_config(w):
    (w.env.vault / "vault.toml").write_text('title = "my notes"\n')
    return ["show", w.a], None, None


def _missing_vault_key(w):
    (w.env.vault / "vaultkeys" / "1.age").unlink()
    return ["show", w.a], None, None


def _unknown_command(w):
    return ["frobnicate", w.a], None, None


def _missing_argument(w):
    return ["show"], None, None


def _unknown_option(w):
    return ["show", w.a, "--colour"], None, None


SCENARIOS = {
    "wrong-identity": Scenario(_wrong_identity, 3, "no key of yours"),
    "corrupt-ciphertext": Scenario(_corrupt_ciphertext, 1, "cases/"),
    "corrupt-header": Scenario(_corrupt_header, 1, "cases/"),
    "truncated-case": Scenario(_truncated_case, 1, "cases/"),
    "empty-case": Scenario(_empty_case, 1, "cases/"),
    "non-vault-directory": Scenario(_non_vault_directory, 1, "not a sendvault vault"),
    "missing-vault": Scenario(_missing_vault, 1, "no vault"),
    "group-readable-key": Scenario(_group_readable_key, 1, "readable by others"),
    "not-an-identity": Scenario(_not_an_identity, 1, "not an age identity file"),
    "missing-identity": Scenario(_missing_identity, 1, "no identity file"),
    "swapped-case": Scenario(_swapped_case, 1, "cases/"),
    "missing-case-key": Scenario(_missing_case_key, 1, "no key"),
    "unknown-case": Scenario(_unknown_case, 1, "no case ZZZZ-ZZZZ"),
    "malformed-case-id": Scenario(_malformed_case_id, 2, "not a case id"),
    "vault-toml-not-toml": Scenario(_bad_toml, 1, "vault.toml"),
    "vault-toml-not-a-config": Scenario(_config_not_a_vault_config, 1, "vault.toml"),
    "missing-vault-key": Scenario(_missing_vault_key, 1, "vaultkeys/1.age"),
    "unknown-command": Scenario(_unknown_command, 2, "no such command"),
    "missing-argument": Scenario(_missing_argument, 2, "case_id"),
    "unknown-option": Scenario(_unknown_option, 2, "--colour"),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_error_contract(world: World, name: str):
    sc = SCENARIOS[name]
    args, identity, elsewhere = sc.setup(world)
    vault_before = snapshot(world.env.vault)
    elsewhere_before = snapshot(elsewhere) if elsewhere else None
    r = world.env.run(*args, identity=identity)
    line = one_line_error(r)
    assert r.exit_code == sc.code, r.stderr
    rest = [ln for ln in r.stderr.splitlines() if ln.strip()][1:]
    assert all(ln.startswith("sendvault: hint: ") for ln in rest), r.stderr  # exactly one error line
    assert sc.says.lower() in line.lower(), r.stderr
    assert r.stdout == "", "an error prints no data"
    assert_no_personal_data(r.stdout, r.stderr)
    assert snapshot(world.env.vault) == vault_before, "the vault changed on error"
    if elsewhere is not None:
        assert snapshot(elsewhere) == elsewhere_before
        if not elsewhere_before:
            assert not elsewhere.exists(), "a missing vault path was created"


def test_wrong_passphrase(env: Env, protected_identity):
    """One error line, exit 1, on a real terminal; nothing written."""
    key, recipient = protected_identity
    assert env.cli("officer", "add", "Pat", recipient).exit_code == 0
    a = make_case(env)
    before = snapshot(env.vault)
    child = spawn(env, "show", a, identity=key)
    child.expect(f"passphrase for {key}: ")
    child.sendline("not the passphrase")
    status, text = finish(child)
    assert status == 1, text
    r = Result(status, "", text.replace("\r\n", "\n"))
    assert "wrong passphrase" in one_line_error(r)
    assert [ln for ln in r.stderr.splitlines() if ln.strip()][1:] == []
    assert "not the passphrase" not in text and PASSPHRASE not in text
    assert_no_personal_data(text)
    assert snapshot(env.vault) == before


def test_error_contract_holds_in_process_too(world: World):
    """The same contract through Typer's runner (how other tests drive the CLI)."""
    r = world.env.cli("show", "ZZZZ-ZZZZ")
    assert r.exit_code == 1
    assert "ZZZZ-ZZZZ" in one_line_error(r)


def test_words_typed_by_mistake_are_not_echoed(env: Env):
    """An unquoted note, or a name typed where a command goes, may be personal data."""
    r = env.cli("note", "K7M3-Q9P2", "Mum", "said", "Jane", "was", "excluded")
    assert r.exit_code == 2
    assert one_line_error(r) == "sendvault: error: too many arguments"
    assert "Jane" not in r.stderr
    r = env.cli("Jane")
    assert r.exit_code == 2 and "Jane" not in r.stderr
