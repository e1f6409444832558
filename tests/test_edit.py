"""`sendvault edit` and `note --editor` (issue 3, R24): edits are checked like an intake, and
the plaintext never stays behind, however the edit ends (saved, refused, the editor
failing, sendvault killed with SIGKILL or stopped with SIGTERM/SIGHUP).

These run sendvault as a real subprocess, on a terminal (a pty: no editor starts
without one), with EDITOR set to a small Python script.
A unique marker is planted in the case where the editor sees it (how the caller heard
about the service, a field edit writes to the editor's file) and in a note; afterwards no
readable file under the vault, /tmp or /dev/shm may contain it. An editor that keeps a
copy outside sendvault's private directory is caught by that check
(test_the_marker_check_catches_an_editor_that_keeps_a_copy).
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sendvault.records import casework, codes

from conftest import VALID_CASE, Env, audit_log, files_containing, tty_run, tty_start, make_case, one_line_error, show

SCAN_ROOTS = (Path("/tmp"), Path("/dev/shm"), Path(tempfile.gettempdir()))

PRELUDE = """\
import os, pathlib, sys, time
path = pathlib.Path(sys.argv[-1])
log = pathlib.Path({log!r})
runs = log / "editor-runs"
run = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(run))
tmp = log / "editor-ready.part"
tmp.write_text(f"{{path}}\\n{{os.getpid()}}\\n")
tmp.rename(log / "editor-ready")
text = path.read_text(encoding="utf-8")
"""


def editor(env: Env, body: str) -> str:
    """Write an editor script (PRELUDE, then ``body``); make it $EDITOR and $VISUAL for ``env``."""
    log = env.tmp / "editor-log"
    log.mkdir(exist_ok=True)
    script = env.tmp / f"editor-{secrets.token_hex(4)}.py"
    script.write_text(PRELUDE.format(log=str(log)) + body)
    cmd = f"{sys.executable} {script}"
    env.extra_env.update({"EDITOR": cmd, "VISUAL": cmd})
    return cmd


def editor_info(env: Env) -> tuple[Path, int]:
    """The file the (last) editor was given, and its pid."""
    path, pid = (env.tmp / "editor-log" / "editor-ready").read_text().split()
    return Path(path), int(pid)


def wait_for_editor(env: Env, proc: subprocess.Popen, timeout: float = 30) -> tuple[Path, int]:
    ready = env.tmp / "editor-log" / "editor-ready"
    deadline = time.monotonic() + timeout
    while not ready.exists():
        assert proc.poll() is None, "sendvault ended before the editor started"
        assert time.monotonic() < deadline, "the editor did not start"
        time.sleep(0.05)
    return editor_info(env)


def start(env: Env, *args: str) -> subprocess.Popen:
    return tty_start(env, *args)


def alive(pid: int) -> bool:
    """Running (a zombie nobody reaped yet does not count)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def planted(env: Env, case: dict | None = None) -> tuple[str, str]:
    """A new case with a unique marker in a field the editor is given and in a note; returns (id, marker)."""
    marker = "PLAINTEXT-MARKER-" + secrets.token_hex(12)
    case = copy.deepcopy(case or VALID_CASE)
    case["contact"]["heard_about"] = "other"  # words go with "other" (issue 25)
    case["contact"]["heard_about_other"] = marker
    cid = make_case(env, case)
    r = env.cli("note", cid, f"Confidential: {marker}")
    assert r.exit_code == 0, r.stderr
    # A note is never written to the editor's file: the marker must be in what edit offers,
    # or a copy the editor kept could not be found by it.
    assert marker in json.dumps(casework.editable(show(env, cid)))
    return cid, marker


def assert_marker_nowhere(env: Env, marker: str) -> None:
    # The vault's own files are encrypted: the marker readable there is plaintext too.
    found = files_containing(marker.encode(), env.vault, *SCAN_ROOTS, since=env.started - 2)
    assert found == [], f"plaintext left behind in {found}"


SLEEPER = "time.sleep(120)\n"
CHANGE_SEN_STAGE = """\
assert 'sen_stage = "sen-support"' in text, "unexpected record text"
path.write_text(text.replace('sen_stage = "sen-support"', 'sen_stage = "ehc-plan"'), encoding="utf-8")
"""


# --- edits that are saved, refused, or discarded ------------------------------------


def test_edit_saves_a_valid_change_and_leaves_no_plaintext(env: Env):
    cid, marker = planted(env)
    editor(env, CHANGE_SEN_STAGE)
    r = tty_run(env, "edit", cid)
    assert r.exit_code == 0, r.stderr
    assert f"case {cid} saved" in r.stderr
    record = show(env, cid)
    assert record["profile"]["sen_stage"] == "ehc-plan"
    assert record["notes"][0]["text"] == f"Confidential: {marker}"  # the rest is kept as it was
    assert record["history"][-1]["event"] == "edited" and record["history"][-1]["by"] == "Ann"
    assert any(e["command"] == "edit" and e["case"] == cid and e["officer"] == "Ann" for e in audit_log(env))
    path, _ = editor_info(env)
    assert str(path).startswith("/dev/shm/"), path  # edited in RAM
    assert not path.parent.exists()
    assert_marker_nowhere(env, marker)


def test_edit_breaking_a_rule_is_refused_and_no_discards_it(env: Env):
    anonymous = copy.deepcopy(VALID_CASE)
    anonymous["anonymous"] = True
    del anonymous["person"], anonymous["child"]
    cid, marker = planted(env, anonymous)
    before = show(env, cid)
    editor(env, 'path.write_text(text + \'\\n[person]\\nname = "Added Later"\\n\', encoding="utf-8")\n')
    r = tty_run(env, "edit", cid, input="n\n")
    assert r.exit_code == 1
    assert "sendvault: error: the edit has 1 problem(s)" in r.stderr
    assert "  - the caller's details are not allowed in an anonymous contact (no identifying details are stored)" in r.stderr
    assert "sendvault: error: edit discarded; nothing was saved" in r.stderr
    assert "Added Later" not in r.stderr and marker not in r.stderr and "Traceback" not in r.stderr
    assert show(env, cid) == before
    assert not any(e["command"] == "edit" for e in audit_log(env))
    assert_marker_nowhere(env, marker)


def test_edit_refused_then_edited_again_is_saved(env: Env):
    cid, marker = planted(env)
    editor(env, """\
if run == 1:
    path.write_text(text.replace('sen_stage = "sen-support"', 'sen_stage = "lots"'), encoding="utf-8")
else:
    path.write_text(text.replace('sen_stage = "lots"', 'sen_stage = "ehc-plan"'), encoding="utf-8")
""")
    r = tty_run(env, "edit", cid, input="y\n")
    assert r.exit_code == 0, r.stderr
    assert "  - the SEN stage must be one of: " in r.stderr  # the first attempt's problem was shown, in intake's words
    assert (env.tmp / "editor-log" / "editor-runs").read_text() == "2"
    assert show(env, cid)["profile"]["sen_stage"] == "ehc-plan"
    assert_marker_nowhere(env, marker)


def test_edit_offers_only_the_editable_fields_and_keeps_the_rest(env: Env):
    """Notes, holds, history... are left out of the file (named in a comment, never quoted) and kept as they were."""
    cid, marker = planted(env)
    assert env.cli("hold", cid, "--reason", "production order PO-7").exit_code == 0
    assert env.cli("close", cid, "--outcome", "resolved").exit_code == 0
    assert env.cli("reopen", cid).exit_code == 0
    before = show(env, cid)
    editor(env, """\
import json, tomllib
(log / "keys").write_text(json.dumps(sorted(tomllib.loads(text))))
(log / "comments").write_text("\\n".join(ln for ln in text.splitlines() if ln.startswith("#")))
""" + CHANGE_SEN_STAGE)
    r = tty_run(env, "edit", cid)
    assert r.exit_code == 0, r.stderr
    log = env.tmp / "editor-log"
    assert set(json.loads((log / "keys").read_text())) <= set(casework.EDITABLE)
    comments = (log / "comments").read_text()
    assert "the notes (1 entry)" in comments and "the legal holds (1 entry)" in comments and "the case history" in comments
    assert marker not in comments and "PO-7" not in comments
    after = show(env, cid)
    assert after["profile"]["sen_stage"] == "ehc-plan"
    for key in ("notes", "holds", "created", "created_by", "assigned_to"):
        assert after[key] == before[key], key
    assert after["history"][:-1] == before["history"] and after["history"][-1]["event"] == "edited"
    assert_marker_nowhere(env, marker)


def test_edit_reports_every_problem_at_once_in_intake_words(env: Env):
    cid, marker = planted(env)
    editor(env, """\
text = text.replace('sen_stage = "sen-support"', 'sen_stage = "lots"')
text = text.replace('date = "2026-11-02"', 'date = "2099-01-01"', 1)
path.write_text('status = "closed"\\n' + text, encoding="utf-8")
""")
    before = show(env, cid)
    r = tty_run(env, "edit", cid, input="n\n")
    assert r.exit_code == 1
    assert "sendvault: error: the edit has 4 problem(s); nothing was saved" in r.stderr
    assert "  - the child's date of birth makes them older than 25" in r.stderr
    assert "  - the case's status cannot be changed with edit (use 'sendvault close' or 'sendvault reopen')" in r.stderr
    assert "  - the date of first contact is in the future" in r.stderr
    assert "  - the SEN stage must be one of: " in r.stderr
    assert show(env, cid) == before
    assert_marker_nowhere(env, marker)


@pytest.mark.parametrize("how", ["unchanged", "refused"])
def test_an_edit_not_saved_is_audited_as_a_read(env: Env, how):
    """The editor showed the record: the audit trail says so even when nothing was saved."""
    cid, marker = planted(env)
    before = show(env, cid)
    editor(env, "" if how == "unchanged" else CHANGE_SEN_STAGE.replace('"ehc-plan"', '"lots"'))
    r = tty_run(env, "edit", cid, input="n\n")
    if how == "unchanged":
        assert r.exit_code == 0, r.stderr
        assert f"case {cid} unchanged; nothing was saved" in r.stderr
    else:
        assert r.exit_code == 1 and "edit discarded; nothing was saved" in r.stderr
    assert show(env, cid) == before
    entries = [e for e in audit_log(env) if e.get("case") == cid]
    assert entries[-2]["command"] == "edit discarded" and entries[-2]["officer"] == "Ann"  # the last is show's own
    assert not any(e["command"] == "edit" for e in entries)
    assert_marker_nowhere(env, marker)


@pytest.mark.parametrize("field, new", [("id", '"ZZZZ-ZZZZ"'), ("created_by", '"Mallory"'), ("status", '"closed"')])
def test_edit_cannot_change_protected_fields(env: Env, field, new):
    """The file holds only what edit may change; a protected field added to it is refused, named by its label."""
    cid, marker = planted(env)
    editor(env, f"assert '{field} =' not in text\npath.write_text('{field} = ' + {new!r} + '\\n' + text, encoding='utf-8')\n")
    before = show(env, cid)
    r = tty_run(env, "edit", cid, input="n\n")
    assert r.exit_code == 1
    assert f"  - {codes.label(field)} cannot be changed with edit" in r.stderr
    assert show(env, cid) == before
    assert_marker_nowhere(env, marker)


@pytest.mark.parametrize("section, command", [("holds", "release"), ("notes", "note"), ("history", None)])
def test_edit_cannot_rewrite_what_happened(env: Env, section, command):
    """A hold (released only by a manager), the notes and the history are records of what
    happened: edit refuses to remove or change them (R31, R23)."""
    cid, marker = planted(env)
    assert env.cli("hold", cid, "--reason", "production order PO-7").exit_code == 0
    assert env.cli("close", cid, "--outcome", "resolved").exit_code == 0
    assert env.cli("reopen", cid).exit_code == 0
    editor(env, f"""\
assert "[[{section}]]" not in text and "PO-7" not in text  # left out of the file
path.write_text("{section} = []\\n" + text, encoding="utf-8")
""")
    before = show(env, cid)
    r = tty_run(env, "edit", cid, input="n\n")
    assert r.exit_code == 1
    assert f"  - {codes.label(section)} cannot be changed with edit" in r.stderr
    if command:
        assert f"sendvault {command}" in r.stderr
    assert show(env, cid) == before
    assert_marker_nowhere(env, marker)


def test_edit_refused_when_the_case_changed_meanwhile(env: Env):
    """Another officer's note added while the editor was open must not be overwritten."""
    cid, marker = planted(env)
    editor(env, f"""\
import subprocess
subprocess.run([sys.executable, "-m", "sendvault", "note", {cid!r}, "added meanwhile"], check=True,
               stderr=subprocess.DEVNULL)
path.write_text(text.replace('sen_stage = "sen-support"', 'sen_stage = "ehc-plan"'), encoding="utf-8")
""")
    r = tty_run(env, "edit", cid)
    assert r.exit_code == 1, r.stderr
    assert "changed by someone else" in one_line_error(r)
    record = show(env, cid)
    assert [n["text"] for n in record["notes"]] == [f"Confidential: {marker}", "added meanwhile"]
    assert record["profile"]["sen_stage"] == "sen-support"
    assert_marker_nowhere(env, marker)


def test_editor_failing_saves_nothing_and_leaves_no_plaintext(env: Env):
    cid, marker = planted(env)
    before = show(env, cid)
    editor(env, CHANGE_SEN_STAGE + "sys.exit(3)\n")
    r = tty_run(env, "edit", cid)
    assert r.exit_code == 1
    assert one_line_error(r) == "sendvault: error: the editor failed; nothing was saved"
    assert show(env, cid) == before
    path, _ = editor_info(env)
    assert not path.parent.exists()
    assert_marker_nowhere(env, marker)


def test_edit_of_an_unknown_case_does_not_start_the_editor(env: Env):
    editor(env, "")
    r = tty_run(env, "edit", "ZZZZ-ZZZZ")
    assert r.exit_code == 1
    one_line_error(r)
    assert not (env.tmp / "editor-log" / "editor-runs").exists()


@pytest.mark.parametrize("where", ["/tmp", "home"])
def test_the_marker_check_catches_an_editor_that_keeps_a_copy(env: Env, where):
    """The check the tests above rely on fails when an editor keeps the file it was given:
    here one that copies it to /tmp, or to the officer's home by its absolute path (past the
    HOME sendvault gives it)."""
    cid, marker = planted(env)
    home = env.tmp / "home"
    home.mkdir()
    env.extra_env["HOME"] = str(home)
    copy_to = Path(tempfile.mkdtemp(prefix="kept-by-editor-", dir="/tmp") if where == "/tmp" else home) / "copy.toml"
    editor(env, f"pathlib.Path({str(copy_to)!r}).write_text(text, encoding='utf-8')\n")
    try:
        r = tty_run(env, "edit", cid)
        assert r.exit_code == 0 and f"case {cid} unchanged" in r.stderr, r.stderr
        assert copy_to.is_file(), "the editor did not keep its copy"
        with pytest.raises(AssertionError, match="plaintext left behind") as caught:
            assert_marker_nowhere(env, marker)
        assert str(copy_to) in str(caught.value)
    finally:
        copy_to.unlink(missing_ok=True)
        if where == "/tmp":
            copy_to.parent.rmdir()
    assert_marker_nowhere(env, marker)  # and nothing else kept it


# --- note --editor -------------------------------------------------------------------


def test_note_with_the_editor_adds_the_note(env: Env):
    cid = make_case(env, VALID_CASE)
    editor(env, 'path.write_text("Spoke to the SENCo; review booked for 3 Dec.\\n" + text, encoding="utf-8")\n')
    r = tty_run(env, "note", cid, "--editor")
    assert r.exit_code == 0, r.stderr
    (n,) = show(env, cid)["notes"]
    assert n["text"] == "Spoke to the SENCo; review booked for 3 Dec." and n["by"] == "Ann"
    path, _ = editor_info(env)
    assert str(path).startswith("/dev/shm/") and not path.parent.exists()
    assert any(e["command"] == "note" and e["case"] == cid for e in audit_log(env))


def test_note_with_the_editor_left_empty_is_not_saved(env: Env):
    cid = make_case(env, VALID_CASE)
    editor(env, "")  # only the '#' help lines remain
    r = tty_run(env, "note", cid, "--editor")
    assert r.exit_code == 1
    assert "empty" in one_line_error(r)
    assert "notes" not in show(env, cid)


# --- the plaintext copy after a crash or a signal ------------------------------------


def test_sigkill_while_editing_leaves_no_plaintext(env: Env):
    cid, marker = planted(env)
    before = show(env, cid)
    editor(env, SLEEPER)
    proc = start(env, "edit", cid)
    editor_pid = None
    try:
        path, editor_pid = wait_for_editor(env, proc)
        assert str(path).startswith("/dev/shm/"), path
        assert VALID_CASE["person"]["name"] in path.read_text(encoding="utf-8")  # the plaintext is there while editing
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert wait_until(lambda: not path.parent.exists()), "the watchdog did not remove the plaintext"
        assert wait_until(lambda: not alive(editor_pid)), "the orphaned editor was not stopped"
        assert_marker_nowhere(env, marker)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if editor_pid and alive(editor_pid):
            os.kill(editor_pid, signal.SIGKILL)
    assert show(env, cid) == before


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_while_editing_stops_and_leaves_no_plaintext(env: Env, sig):
    cid, marker = planted(env)
    before = show(env, cid)
    editor(env, SLEEPER)
    proc = start(env, "edit", cid)
    editor_pid = None
    try:
        path, editor_pid = wait_for_editor(env, proc)
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=30)
        out = proc.read_terminal()
        assert proc.returncode not in (0, None)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert lines and lines[0].startswith("sendvault: error: "), err
        assert "Traceback" not in err and marker not in err and marker not in out
        assert not path.parent.exists()
        assert wait_until(lambda: not alive(editor_pid)), "the editor was left running"
        assert_marker_nowhere(env, marker)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if editor_pid and alive(editor_pid):
            os.kill(editor_pid, signal.SIGKILL)
    assert show(env, cid) == before


# --- no RAM-backed directory ---------------------------------------------------------


def test_without_a_ram_directory_edit_refuses_with_a_hint(env: Env):
    cid, marker = planted(env)
    editor(env, CHANGE_SEN_STAGE)
    env.extra_env["SENDVAULT_RAM_DIR"] = str(env.tmp / "no-such-ram-dir")
    for args in (("edit", cid), ("note", cid, "--editor")):
        r = tty_run(env, *args)
        assert r.exit_code == 1
        one_line_error(r)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 2 and lines[1].startswith("sendvault: hint: ") and "--insecure-tmp" in lines[1], r.stderr
    assert not (env.tmp / "editor-log" / "editor-runs").exists()
    assert show(env, cid)["profile"]["sen_stage"] == "sen-support"
    assert_marker_nowhere(env, marker)


def test_insecure_tmp_edits_on_disk_and_removes_the_plaintext(env: Env):
    cid, marker = planted(env)
    editor(env, CHANGE_SEN_STAGE)
    env.extra_env["SENDVAULT_RAM_DIR"] = str(env.tmp / "no-such-ram-dir")
    r = tty_run(env, "edit", cid, "--insecure-tmp")
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["profile"]["sen_stage"] == "ehc-plan"
    path, _ = editor_info(env)
    assert not str(path).startswith("/dev/shm/")
    assert not path.parent.exists()
    assert_marker_nowhere(env, marker)


def test_insecure_tmp_note_with_the_editor(env: Env):
    cid = make_case(env, VALID_CASE)
    editor(env, 'path.write_text("Written on disk, then removed\\n", encoding="utf-8")\n')
    env.extra_env["SENDVAULT_RAM_DIR"] = str(env.tmp / "no-such-ram-dir")
    r = tty_run(env, "note", cid, "--editor", "--insecure-tmp")
    assert r.exit_code == 0, r.stderr
    assert show(env, cid)["notes"][0]["text"] == "Written on disk, then removed"
    path, _ = editor_info(env)
    assert not path.parent.exists()


def test_the_scan_for_plaintext_finds_a_file_left_during_the_test(env: Env):
    """``files_containing(..., since=...)`` reads only files whose inode changed since the test began:
    one left now is found, even with its modification time set back (that changes its st_ctime)."""
    left = env.tmp / "left.txt"
    left.write_bytes(b"xx MARKER-SCAN-7Q xx")
    os.utime(left, (0, 0))
    assert files_containing(b"MARKER-SCAN-7Q", env.tmp, since=env.started - 2) == [str(left)]
    assert files_containing(b"MARKER-SCAN-7Q", env.tmp, since=left.stat().st_ctime + 5) == []
