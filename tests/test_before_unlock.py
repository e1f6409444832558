"""What needs no key is checked before the passphrase is asked, and a command that
needs a terminal says, in one line, which option replaces its prompt.

Each command runs with a passphrase-protected identity and no terminal (as under
cron): had it reached the passphrase, it would stop with "no terminal to ask it on"
(exit 1). It must stop first, on the case id's form, an option's value, a date, or
the missing terminal for its own questions.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import Env, Result, make_case, one_line_error, vault_case_files

BAD = "K7M3-Q9P"  # one character short
GOOD_FORM = "K7M3-Q9P2"
NOT_AN_ID = "sendvault: error: that is not a case id"


def without_terminal(env: Env, *args: str, identity=None, input: str | None = None) -> Result:
    p = subprocess.run(
        [sys.executable, "-m", "sendvault", *args], env={**os.environ, **env.env(identity)},
        input=input, stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60,
        start_new_session=True,  # no controlling terminal
    )
    return Result(p.returncode, p.stdout, p.stderr)


@pytest.mark.parametrize("args, error", [
    pytest.param(["show", BAD], NOT_AN_ID, id="show"),
    pytest.param(["note", BAD, "called back"], NOT_AN_ID, id="note"),
    pytest.param(["edit", BAD], NOT_AN_ID, id="edit"),
    pytest.param(["close", BAD, "--outcome", "advice-given"], NOT_AN_ID, id="close"),
    pytest.param(["reopen", BAD], NOT_AN_ID, id="reopen"),
    pytest.param(["hold", BAD, "--reason", "court order"], NOT_AN_ID, id="hold"),
    pytest.param(["release", BAD], NOT_AN_ID, id="release"),
    pytest.param(["erase", BAD, "--asked-by", "parent-carer", "--how", "letter", "--yes"], NOT_AN_ID, id="erase-yes"),
    pytest.param(["erase", BAD], NOT_AN_ID, id="erase"),
    pytest.param(["policy", "told", BAD], NOT_AN_ID, id="policy-told"),
    pytest.param(["assign", BAD, "Ann"], NOT_AN_ID, id="assign"),
    pytest.param(["follow-up", BAD, "+2w", "chase the LA"], NOT_AN_ID, id="follow-up"),
    pytest.param(["follow-up", BAD, "--done"], NOT_AN_ID, id="follow-up-done"),
    pytest.param(["audit", "show", "--case", BAD], NOT_AN_ID, id="audit-show-case"),
    pytest.param(["follow-up", GOOD_FORM, "02/11", "chase the LA"], "sendvault: error: ", id="follow-up-date"),
    pytest.param(["list", "--status", "shut"], "sendvault: error: --status must be open, closed or inactive", id="list-status"),
    pytest.param(["close", GOOD_FORM, "--outcome", "done"], "sendvault: error: --outcome: that is not one of the choices", id="close-outcome"),
    pytest.param(["officer", "add", "Cy", "age1x", "--role", "boss"], "sendvault: error: --role must be", id="officer-role"),
    pytest.param(["intake"], "sendvault: error: intake asks its questions on a terminal and there is none: "
                 "use 'sendvault intake --from FILE'", id="intake-no-terminal"),
    pytest.param(["erase", GOOD_FORM, "--how", "letter", "--yes"], "sendvault: error: say who asked: --asked-by parent-carer|",
                 id="erase-who-missing"),
    pytest.param(["erase", GOOD_FORM, "--asked-by", "Mrs Smith", "--how", "letter", "--yes"],
                 "sendvault: error: --asked-by must be one of parent-carer, young-person", id="erase-who-a-name"),
    pytest.param(["erase", GOOD_FORM, "--asked-by", "parent-carer", "--yes"], "sendvault: error: say how the request came: --how ",
                 id="erase-how-missing"),
    pytest.param(["erase", GOOD_FORM, "--asked-by", "parent-carer", "--how", "letter", "--received", "31/02/2027", "--yes"],
                 "sendvault: error: the request's date: ", id="erase-bad-date"),
    pytest.param(["erase", GOOD_FORM, "--asked-by", "parent-carer", "--how", "letter"],
                 "sendvault: error: erase asks you to type the case id to confirm on a terminal and there is none: use 'sendvault erase ID --yes' in scripts", id="erase-no-terminal"),
])
def test_checked_before_the_passphrase_is_asked(env: Env, protected_identity, args, error):
    key, recipient = protected_identity
    r = without_terminal(env, *args, identity=key)
    assert r.exit_code == 2, r.stderr
    line = one_line_error(r)
    assert line.startswith(error), line
    assert "passphrase" not in r.stderr


def test_a_malformed_intake_file_fails_before_the_passphrase(env: Env, protected_identity):
    key, _ = protected_identity
    before = vault_case_files(env)
    r = without_terminal(env, "intake", "--from", "-", identity=key, input="[contact\n")
    assert r.exit_code == 1, r.stderr
    assert one_line_error(r).startswith("sendvault: error: the intake file is not valid TOML")
    assert vault_case_files(env) == before


def test_intake_without_a_terminal_writes_nothing(env: Env):
    make_case(env)
    before = vault_case_files(env)
    r = env.cli("intake", input="2026-11-02\nphone\n")
    assert r.exit_code == 2
    assert "--from FILE" in one_line_error(r)
    assert vault_case_files(env) == before


def test_a_plain_identity_still_reports_an_unknown_case_after_the_id_form_passes(env: Env):
    r = env.cli("show", "k7m3 q9p2")  # well formed, forgiving form: the key is used, the case is not there
    assert r.exit_code == 1
    assert "no case K7M3-Q9P2" in one_line_error(r)
