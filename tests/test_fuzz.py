"""Hostile and malformed input, fuzzed with hypothesis (issue 14): intake files, ciphertext,
vault.toml, identity files and arguments. Each gets a clear error or is handled; none ends
in a traceback or an "internal error", reaches outside the vault directory, or puts
personal data (or the hostile value itself) on stderr.

A few dozen examples each in `make test`; SENDVAULT_STRESS=1 (`make stress`) runs many
more (the counts are in docs/reliability.md).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_CASE, Env, assert_no_personal_data, make_case, make_key

STRESS = os.environ.get("SENDVAULT_STRESS") == "1"
FUZZ = settings(max_examples=400 if STRESS else 8, deadline=None, derandomize=not STRESS,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MARK = "Zqx"  # every generated string starts with it, so a leak of it on stderr is seen
_counts: dict[str, int] = {}


def clean_failure(r, *also: str) -> None:
    """The contract for hostile input: handled (exit 0) or one clear error; never a crash or a leak."""
    text = r.stdout + r.stderr
    assert "Traceback" not in text and "internal error" not in r.stderr, r.stderr
    if r.exit_code != 0:
        first = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert first and first[0].startswith("sendvault: error: "), r.stderr
    assert MARK not in r.stderr, f"a value given was echoed on stderr: {r.stderr}"
    assert_no_personal_data(r.stderr)
    for value in also:
        assert value not in r.stderr


def counted(name: str) -> None:
    _counts[name] = _counts.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def write_counts():
    yield
    path = os.environ.get("SENDVAULT_FIGURES")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"test": "fuzz", "cases": _counts}) + "\n")


@pytest.fixture(scope="module")
def fz(tmp_path_factory) -> Env:
    tmp = tmp_path_factory.mktemp("fuzz")
    key = tmp / "ann.key"
    e = Env(tmp, tmp / "vault", key, make_key(key), {"SENDVAULT_AGENT": "off"})
    assert e.cli("init", str(e.vault), "--service", "Fuzz SENDIASS", "--officer", "Ann", "--recipient", e.recipient,
                 "--policy-version", "2025-01", "--locality", "North").exit_code == 0
    e.case = make_case(e)
    e.other = make_case(e)
    return e


def outside(e: Env) -> set[str]:
    """Everything next to the vault (where an escape from it would land)."""
    return {str(p) for p in e.tmp.rglob("*") if e.vault not in p.parents and p != e.vault}


# --- intake files --------------------------------------------------------------------------------

hostile_text = st.one_of(
    st.text(min_size=0, max_size=40),
    st.sampled_from(["\x1b[2J", "\x1b[8m", "\u202e", "\u200f", "\x00", "\r\n", "\ufeff", "../../etc/passwd", "{{x}}",
                     "[/i]", "%s%n", "\\u0000", "\t\x07\x08"]),
    st.integers(min_value=1, max_value=200_000).map(lambda n: "x" * n),
).map(lambda s: MARK + s)
hostile_value = st.recursive(
    st.one_of(hostile_text, st.integers(), st.booleans(), st.floats(allow_nan=False), st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)),
    max_leaves=30,
)


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))


PATHS = list(_paths(SAMPLE_CASE))


def _toml(case: dict) -> str:
    from conftest import intake_text

    return intake_text(case)


@FUZZ
@given(where=st.sampled_from(PATHS), value=hostile_value)
def test_intake_files_with_a_hostile_value_anywhere(fz: Env, where, value):
    case = copy.deepcopy(SAMPLE_CASE)
    node = case
    for k in where[:-1]:
        node = node[k]
    node[where[-1]] = value
    f = fz.tmp / "intake.toml"
    f.write_text(_toml(case), encoding="utf-8")
    r = fz.cli("intake", "--from", str(f))
    counted("intake files (a hostile value)")
    clean_failure(r)
    if r.exit_code == 0:  # handled: the case it made reads back
        assert fz.cli("show", r.stdout.strip(), "--json").exit_code == 0


@FUZZ
@given(data=st.data())
def test_intake_files_as_damaged_bytes(fz: Env, data):
    good = _toml(SAMPLE_CASE).encode()
    how = data.draw(st.sampled_from(["flip", "cut", "insert", "bom", "nest", "binary"]))
    if how == "flip":
        i = data.draw(st.integers(0, len(good) - 1))
        raw = good[:i] + bytes([good[i] ^ data.draw(st.integers(1, 255))]) + good[i + 1:]
    elif how == "cut":
        raw = good[: data.draw(st.integers(0, len(good)))]
    elif how == "insert":
        i = data.draw(st.integers(0, len(good)))
        raw = good[:i] + data.draw(st.binary(min_size=1, max_size=20)) + good[i:]
    elif how == "bom":
        raw = b"\xef\xbb\xbf" + good
    elif how == "nest":
        depth = data.draw(st.integers(10, 3000))
        raw = good + b"\nx = " + b"[" * depth + b"]" * depth + b"\n"
    else:
        raw = data.draw(st.binary(max_size=400))
    f = fz.tmp / "intake.toml"
    f.write_bytes(raw)
    r = fz.cli("intake", "--from", str(f))
    counted("intake files (damaged bytes)")
    clean_failure(r)


# --- ciphertext ----------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_damaged_ciphertext_is_a_clear_error_and_a_verify_problem(fz: Env, data):
    rel = data.draw(st.sampled_from([f"cases/{fz.case}.age", f"casekeys/{fz.case}.e1.age", "vaultkeys/1.age"]))
    path = fz.vault / rel
    good = path.read_bytes()
    how = data.draw(st.sampled_from(["flip", "cut", "empty", "other case", "other vault"]))
    if how == "flip":
        i = data.draw(st.integers(0, len(good) - 1))
        bad = good[:i] + bytes([good[i] ^ (1 << data.draw(st.integers(0, 7)))]) + good[i + 1:]
    elif how == "cut":
        bad = good[: data.draw(st.integers(0, len(good) - 1))]
    elif how == "empty":
        bad = b""
    elif how == "other case":
        bad = (fz.vault / rel.replace(fz.case, fz.other)).read_bytes()
    else:
        bad = _other_vault_file(fz, rel)
    try:
        path.write_bytes(bad)
        for args in (["show", fz.case], ["verify"]):
            r = fz.cli(*args)
            counted("ciphertext")
            clean_failure(r)
            assert r.exit_code != 0 or bad == good, f"{how} of {rel} not noticed by {args[0]}"
    finally:
        path.write_bytes(good)


def test_truncation_at_every_length_of_a_case_file(fz: Env):
    """A case file cut at every length (every 17th byte in make test) is reported, never a crash."""
    path = fz.vault / "cases" / f"{fz.case}.age"
    good = path.read_bytes()
    try:
        for n in range(0, len(good), 1 if STRESS else 17):
            path.write_bytes(good[:n])
            r = fz.cli("show", fz.case)
            counted("ciphertext (truncation)")
            clean_failure(r)
            assert r.exit_code != 0
    finally:
        path.write_bytes(good)


_OTHER: dict[str, bytes] = {}


def _other_vault_file(fz: Env, rel: str) -> bytes:
    """The same file of another vault (its ids differ, so a case takes this vault's name)."""
    if not _OTHER:
        key = fz.tmp / "other.key"
        o = Env(fz.tmp, fz.tmp / "other-vault", key, make_key(key), {"SENDVAULT_AGENT": "off"})
        assert o.cli("init", str(o.vault), "--service", "Other", "--officer", "Oz", "--recipient", o.recipient,
                     "--policy-version", "2025-01").exit_code == 0
        cid = make_case(o)
        _OTHER["cases"] = (o.vault / "cases" / f"{cid}.age").read_bytes()
        _OTHER["casekeys"] = (o.vault / "casekeys" / f"{cid}.e1.age").read_bytes()
        _OTHER["vaultkeys"] = (o.vault / "vaultkeys" / "1.age").read_bytes()
    return _OTHER[rel.split("/")[0]]


# --- vault.toml and identity files ---------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_a_damaged_vault_toml(fz: Env, data):
    path = fz.vault / "vault.toml"
    good = path.read_bytes()
    import tomllib

    how = data.draw(st.sampled_from(["flip", "cut", "drop key", "wrong type", "binary"]))
    if how == "flip":
        i = data.draw(st.integers(0, len(good) - 1))
        bad = good[:i] + bytes([good[i] ^ data.draw(st.integers(1, 255))]) + good[i + 1:]
    elif how == "cut":
        bad = good[: data.draw(st.integers(0, len(good) - 1))]
    elif how in ("drop key", "wrong type"):
        config = tomllib.loads(good.decode())
        key = data.draw(st.sampled_from(sorted(config)))
        if how == "drop key":
            del config[key]
        else:
            config[key] = data.draw(st.one_of(st.integers(), hostile_text, st.lists(st.integers(), max_size=3)))
        bad = tomli_w.dumps(config).encode()
    else:
        bad = data.draw(st.binary(max_size=300))
    try:
        path.write_bytes(bad)
        for args in (["list"], ["verify"]):
            r = fz.cli(*args)
            counted("vault.toml")
            clean_failure(r)
    finally:
        path.write_bytes(good)


@FUZZ
@given(content=st.one_of(st.binary(max_size=300), hostile_text.map(str.encode),
                         st.sampled_from([b"", b"AGE-SECRET-KEY-1", b"AGE-SECRET-KEY-1" + b"Q" * 58,
                                          b"age-encryption.org/v1\n-> scrypt xx 99\n"])))
def test_a_malformed_identity_file(fz: Env, content):
    key = fz.tmp / "bad.key"
    key.write_bytes(content)
    key.chmod(0o600)
    r = fz.cli("list", identity=key)
    counted("identity files")
    clean_failure(r)
    assert r.exit_code != 0


# --- arguments -----------------------------------------------------------------------------------

hostile_arg = st.one_of(
    st.sampled_from(["../../etc/passwd", "../vault.toml", "/etc/passwd", "*", "cases/*", "K7M3-Q9P2/../../x", "~",
                     ".", "..", "-", "--", "\x00", "A" * 5000, "K7M3-Q9P2\n", "$(touch /tmp/pwned)", "%2e%2e%2f"]),
    st.text(max_size=30),
)


@FUZZ
@given(arg=hostile_arg, command=st.sampled_from([["show"], ["note", None, "x"], ["consent", "show"],
                                                 ["erase", None, "--asked-by", "parent-carer", "--how", "letter", "--yes"],
                                                 ["close", None, "--outcome", "advice-given"], ["audit", "show", "--case"]]))
def test_hostile_ids_and_paths_as_arguments(fz: Env, arg, command):
    if "\x00" in arg:
        arg = arg.replace("\x00", "")  # an argv cannot hold NUL
    args = [a if a is not None else arg for a in command]
    if None not in command:
        args.append(arg)
    before = outside(fz)
    r = fz.cli(*args)
    counted("arguments")
    assert "Traceback" not in r.stdout + r.stderr and "internal error" not in r.stderr, r.stderr
    if r.exit_code != 0:
        assert r.stderr.startswith("sendvault: error: "), r.stderr
    assert outside(fz) == before, "a file appeared outside the vault"
    assert not Path("/tmp/pwned").exists()
