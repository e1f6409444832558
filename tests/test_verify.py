"""`sendvault verify`: a clean vault passes; every kind of damage is listed, exit 4."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import (
    OTHER_CASE,
    Env,
    assert_no_personal_data,
    case_file,
    case_key_files,
    flip_byte,
    make_key,
    make_case,
    one_line_error,
    show,
)


@pytest.fixture
def two(env: Env) -> tuple[str, str]:
    return make_case(env), make_case(env, OTHER_CASE)


def _fails(env: Env, *expected: str) -> list[str]:
    """verify exits 4, in the error contract, listing problems that contain each of ``expected``."""
    r = env.cli("verify")
    assert r.exit_code == 4, r.stderr
    assert "problem" in one_line_error(r)
    assert_no_personal_data(r.stdout, r.stderr)
    r = env.cli("verify", "--json")
    assert r.exit_code == 4
    problems = json.loads(r.stdout)["problems"]
    for text in expected:
        assert any(text in p for p in problems), (text, problems)
    return problems


def test_clean_vault(env: Env, two):
    r = env.cli("verify")
    assert r.exit_code == 0, r.stderr
    assert "2 cases" in r.stderr
    r = env.cli("verify", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {"cases": 2, "problems": [], "notes": []}


def test_empty_vault(env: Env):
    assert env.cli("verify").exit_code == 0


@pytest.mark.parametrize("rel", ["cases/notes.txt", "export.csv", "casekeys/notes.txt", "audit/notes.txt",
                                 "vaultkeys/notes.txt", "local/notes.txt"])
def test_stray_plaintext_file(env: Env, two, rel: str):
    p = env.vault / rel
    p.write_text("Jane Example called about Sam Example, EX1 2NP\n")
    problems = _fails(env, rel)
    assert any("NOT encrypted" in x for x in problems if rel in x)


def test_stray_plaintext_file_named_like_a_case(env: Env, two):
    stray = env.vault / "cases" / "ABCD-EFGH.age"
    stray.write_text("name = 'Jane Example'\n")
    _fails(env, "ABCD-EFGH")


def test_unexpected_directory(env: Env, two):
    (env.vault / "cases" / "old").mkdir()
    _fails(env, "cases/old")


@pytest.mark.parametrize("where", ["header", "payload", "last-byte"])
def test_corrupted_case_file(env: Env, two, where: str):
    a, b = two
    f = case_file(env, a)
    size = f.stat().st_size
    offset = {"header": 60, "payload": size - 40, "last-byte": size - 1}[where]
    flip_byte(f, offset)
    problems = _fails(env, f"case {a}")
    assert not any(b in p for p in problems)  # the other case is fine


@pytest.mark.parametrize("keep", [0.5, 0.9, 20])
def test_truncated_case_file(env: Env, two, keep: float):
    a, _ = two
    f = case_file(env, a)
    data = f.read_bytes()
    f.write_bytes(data[: int(len(data) * keep) if keep < 1 else int(keep)])
    _fails(env, f"case {a}")


def test_case_file_swapped_for_another(env: Env, two):
    a, b = two
    shutil.copyfile(case_file(env, b), case_file(env, a))
    _fails(env, f"case {a}")
    r = env.cli("show", a, "--json")
    assert r.exit_code != 0
    one_line_error(r)
    assert r.stdout == ""
    assert_no_personal_data(r.stderr)
    # B itself still opens, with its own data.
    assert show(env, b)["person"]["name"] == "Kim Other"


def test_case_key_swapped_for_another(env: Env, two):
    a, b = two
    (ka,), (kb,) = case_key_files(env, a), case_key_files(env, b)
    shutil.copyfile(kb, ka)
    _fails(env, f"case {a}")
    r = env.cli("show", a)
    assert r.exit_code != 0 and r.stdout == ""
    one_line_error(r)


def test_both_case_and_key_swapped_for_another(env: Env, two):
    """The id is bound inside the record and the key file: a consistent swap is caught too."""
    a, b = two
    (ka,), (kb,) = case_key_files(env, a), case_key_files(env, b)
    shutil.copyfile(kb, ka)
    shutil.copyfile(case_file(env, b), case_file(env, a))
    _fails(env, f"case {a}")
    r = env.cli("show", a, "--json")
    assert r.exit_code != 0 and r.stdout == ""
    one_line_error(r)


def test_missing_case_key(env: Env, two):
    a, _ = two
    for k in case_key_files(env, a):
        k.unlink()
    _fails(env, f"case {a}")


def test_missing_case_file_whose_key_remains(env: Env, two):
    a, _ = two
    case_file(env, a).unlink()
    _fails(env, f"case {a}")


def test_corrupted_vault_config_of_keys(env: Env, two):
    """A second vault-key file nobody made."""
    shutil.copyfile(env.vault / "vaultkeys" / "1.age", env.vault / "vaultkeys" / "7.age")
    _fails(env, "vaultkeys/7.age")


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "not-age", "other-key"])
def test_a_damaged_vault_key_file_is_a_problem_verify_names(env: Env, two, damage: str):
    """The report: a damaged vault-key file made verify fail with the one-line error whose hint
    sends the officer to verify. verify now reports it as it does other damage: exit 4, the file named,
    with the checks that need no key (a stray plaintext file is still found)."""
    key = env.vault / "vaultkeys" / "1.age"
    if damage == "flip":
        flip_byte(key, key.stat().st_size - 5)
    elif damage == "truncate":
        key.write_bytes(key.read_bytes()[: key.stat().st_size // 2])
    elif damage == "empty":
        key.write_bytes(b"")
    elif damage == "not-age":
        key.write_text("not a key\n")
    else:  # wrapped for someone else: Ann is listed but her key no longer opens it
        from sendvault.store import crypto

        key.write_bytes(crypto.encrypt(b"# sendvault vault key\n", [crypto.generate().recipient]))
    (env.vault / "cases" / "notes.txt").write_text("Jane Example\n")
    problems = _fails(env, "vaultkeys/1.age", "cases/notes.txt")
    assert any("vault key epoch 1" in p for p in problems), problems
    r = env.cli("verify")
    assert "vaultkeys/1.age" in r.stderr and "Traceback" not in r.stderr
    r = env.cli("show", two[0])  # other commands keep the one line that points here
    assert r.exit_code != 0 and ("verify" in r.stderr or damage == "other-key")


def test_a_vault_key_file_of_someone_not_listed_still_says_no_key(env: Env, two, tmp_path):
    """Someone who is not an officer learns nothing from verify: it needs an officer's key."""
    stranger = tmp_path / "stranger.key"
    make_key(stranger)
    r = env.cli("verify", identity=stranger)
    assert r.exit_code == 3, r.stderr
    assert "no key of yours" in one_line_error(r)


def test_audit_damage_is_a_vault_problem_too(env: Env, two):
    (log,) = (env.vault / "audit").glob("*.log")
    lines = log.read_bytes().splitlines(keepends=True)
    del lines[1]
    log.write_bytes(b"".join(lines))
    _fails(env, "audit/")


def _symlink_case_file(env: Env, a: str, b: str) -> str:
    outside = env.tmp / "outside.age"
    shutil.copyfile(case_file(env, a), outside)
    case_file(env, a).unlink()
    os.symlink(outside, case_file(env, a))
    return f"cases/{a}.age"


def _symlink_stray(env: Env, a: str, b: str) -> str:
    os.symlink("/etc", env.vault / "cases" / "etc")
    return "cases/etc"


def _symlink_top_level(env: Env, a: str, b: str) -> str:
    os.symlink(env.tmp, env.vault / "elsewhere")
    return "elsewhere"


def _symlink_directory(env: Env, a: str, b: str) -> str:
    d = env.vault / "casekeys"
    shutil.copytree(d, env.tmp / "casekeys-elsewhere")
    shutil.rmtree(d)
    os.symlink(env.tmp / "casekeys-elsewhere", d)
    return "casekeys"


def _symlink_case_key(env: Env, a: str, b: str) -> str:
    (k,) = case_key_files(env, a)
    outside = env.tmp / k.name
    shutil.copyfile(k, outside)
    k.unlink()
    os.symlink(outside, k)
    return f"casekeys/{k.name}"


@pytest.mark.parametrize("make", [_symlink_case_file, _symlink_stray, _symlink_top_level, _symlink_directory,
                                  _symlink_case_key], ids=lambda f: f.__name__[9:])
def test_symlink_inside_the_vault(env: Env, two, make):
    a, b = two
    rel = make(env, a, b)
    problems = _fails(env, rel)
    assert any("symbolic link" in p for p in problems), problems


def test_interrupted_write_traces_are_notes_not_problems(env: Env, two):
    """A temporary file left by a killed writer is harmless: verify passes and says so."""
    (env.vault / "cases" / ".tmp-0123456789abcdef").write_bytes(b"age-encryption.org/v1\n partial")
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["problems"] == [] and any(".tmp-" in n for n in result["notes"])
