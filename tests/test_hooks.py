"""Test hooks stay out of the installed product's reach (issue 21, item 11).

The hooks that weaken a new passphrase (a cheap scrypt cost) or make write steps fail
(which can skip overwriting a key before it is unlinked) are module-level settings only
the test suite sets (tests/hooks.py). The product reads no environment variable for them:
``python -m sendvault`` with every hook variable set behaves as without them. The same
commands through tests/hooked.py show the variables do act where a test asks for them, so
the check can fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect

from sendvault.store import crypto

from conftest import CLI, ROOT, Env, make_case, make_key

HOOKED = {"SENDVAULT_INSECURE_TEST_SCRYPT_LOGN": "10", "SENDVAULT_FAULT": "any:*:EIO"}
PRODUCT = [sys.executable, "-m", "sendvault"]
NEW_PASSPHRASE = "a passphrase long enough"


def _set_passphrase(env: Env, argv: list[str], key: Path, hooked: dict = HOOKED) -> tuple[int, str]:
    child = pexpect.spawn(argv[0], [*argv[1:], "passphrase"], env={**os.environ, **env.env(key), **hooked},
                          cwd=str(env.tmp), encoding="utf-8", timeout=120)
    for _ in range(2):
        child.expect("passphrase")
        child.sendline(NEW_PASSPHRASE)
    child.expect(pexpect.EOF)
    text = child.before
    child.close()
    return child.exitstatus, text


def _run(env: Env, argv: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*argv, *args], env={**os.environ, **env.env(), **HOOKED},
                          capture_output=True, text=True, timeout=120)


def test_the_product_ignores_the_hook_variables(env: Env):
    """A new passphrase gets the full scrypt cost and no write step fails, with both variables set."""
    key = env.tmp / "plain.key"
    make_key(key)
    status, text = _set_passphrase(env, PRODUCT, key)
    assert status == 0, text
    assert "test hook" not in text, text
    assert crypto.scrypt_work_factor(key.read_bytes()) == crypto.SCRYPT_LOG_N == 18

    cid = make_case(env)
    for args in (["note", cid, "a note"], ["erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes"], ["verify"]):
        r = _run(env, PRODUCT, *args)
        assert r.returncode == 0, f"{args[0]}: {r.stderr}"
    assert not list((env.vault / "casekeys").glob(f"{cid}.*"))


def test_the_same_variables_act_through_the_test_runner(env: Env):
    """The check above can fail: through tests/hooked.py the variables weaken and break as asked."""
    key = env.tmp / "plain.key"
    make_key(key)
    # the identity's rewrite must succeed here: only its cost is looked at
    status, text = _set_passphrase(env, CLI, key, {**HOOKED, "SENDVAULT_FAULT": ""})
    assert status == 0, text
    assert "test hook lowers" in text
    assert crypto.scrypt_work_factor(key.read_bytes()) == 10

    cid = make_case(env)
    r = _run(env, CLI, "note", cid, "a note")
    assert r.returncode != 0 and "Input/output error" in r.stderr, r.stderr


def test_the_package_names_no_hook_variable():
    """No module of the installed package mentions a hook's variable: a new hook cannot creep back into it."""
    import hooks

    found = [f"{p.relative_to(ROOT)}: {name}" for p in sorted((ROOT / "sendvault").rglob("*.py"))
             for name in hooks.HOOKS if re.search(re.escape(name), p.read_text(encoding="utf-8"))]
    assert found == []
