"""No editor keeps a copy, and none starts without a terminal (issue 14, "Plaintext left by
editors", Deliver 6).

Any editor, under any name: a script called ``myedit`` that tries every place an editor
keeps things for itself (HOME, the XDG directories, TMPDIR, its working directory) finds
each of them inside sendvault's private RAM directory, which is shredded after. Real vim
(when installed), as ``vim.basic`` and as Debian's ``editor``, with a vimrc and VIMINIT asking
for undo files, backups and viminfo, leaves none of them.
"""

from __future__ import annotations

import copy
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, files_containing, make_case, one_line_error, spawn, tty_run

SCAN_ROOTS = (Path("/tmp"), Path("/dev/shm"), Path("/var/tmp"))

KEEPER = """\
import json, os, pathlib, sys
path = pathlib.Path(sys.argv[-1])
text = path.read_text(encoding="utf-8")
kept = []
for where in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"):
    d = pathlib.Path(os.environ[where]) / "kept"
    d.mkdir(parents=True, exist_ok=True)
    (d / "copy.toml").write_text(text)
    kept.append(str(d))
pathlib.Path("kept-in-cwd.toml").write_text(text)
kept.append(os.getcwd())
# Whether the record's marker was in the file (its prefix only: the log itself must not hold the marker).
pathlib.Path({log!r}).write_text(json.dumps({{"kept": kept, "file": str(path), "viminit": os.environ.get("VIMINIT"),
                                             "saw_marker": "PLAINTEXT-MARKER-" in text}}))
"""


def planted(env: Env) -> tuple[str, str]:
    """A case with a unique marker where the editor sees it (edit's file) and in a note (note --editor's
    file names the notes but never quotes them)."""
    marker = "PLAINTEXT-MARKER-" + secrets.token_hex(12)
    case = copy.deepcopy(SAMPLE_CASE)
    case["contact"]["heard_about"] = "other"  # words go with "other" (issue 25)
    case["contact"]["heard_about_other"] = marker
    cid = make_case(env, case)
    assert env.cli("note", cid, f"Confidential: {marker}").exit_code == 0
    return cid, marker


def keeper(env: Env) -> Path:
    """The copy-keeping editor, installed under a name nobody recognises; returns its log."""
    log = env.tmp / "keeper.json"
    bindir = env.tmp / "bin"
    bindir.mkdir(exist_ok=True)
    script = bindir / "myedit"
    script.write_text(f"#!{sys.executable}\n" + KEEPER.format(log=str(log)))
    script.chmod(0o700)
    env.extra_env.update({"EDITOR": "myedit", "VISUAL": "myedit", "PATH": f"{bindir}:{os.environ['PATH']}",
                          "HOME": str(env.tmp / "home"), "VIMINIT": "set undofile"})
    (env.tmp / "home").mkdir(exist_ok=True)
    return log


def test_an_editor_under_any_name_keeps_no_copy(env: Env):
    import json

    cid, marker = planted(env)
    log = keeper(env)
    for args in (("edit", cid), ("note", cid, "--editor")):
        r = tty_run(env, *args, extra_env=env.extra_env)
        assert r.exit_code in (0, 1), r.stderr  # (an unchanged edit saves nothing; an empty note is refused)
        seen = json.loads(log.read_text())
        private = Path(seen["file"]).parent
        assert str(private).startswith("/dev/shm/sendvault-"), private
        for d in seen["kept"]:
            assert Path(d).is_relative_to(private), f"the editor could write to {d}"
        assert not private.exists(), "the private directory was not removed"
        assert seen["viminit"] is None, "VIMINIT reached the editor"
        assert seen["saw_marker"] == (args[0] == "edit"), "the marker is not where the editor sees it"
        log.unlink()
    assert files_containing(marker.encode(), env.vault, env.tmp / "home", *SCAN_ROOTS, since=env.started - 2) == []


@pytest.mark.parametrize("args, instead", [
    (("edit", "{id}"), "note, close, assign"),
    (("note", "{id}", "--editor"), "give the note as TEXT"),
])
def test_no_editor_starts_without_a_terminal(env: Env, args, instead):
    cid, marker = planted(env)
    log = keeper(env)
    # stdin a pipe, stdout a file (a cron job's log)
    p = subprocess.run([sys.executable, "-m", "sendvault", *[a.format(id=cid) for a in args]],
                       env={**os.environ, **env.env()}, input="", capture_output=True, text=True)
    assert p.returncode == 2, p.stderr
    line = p.stderr.splitlines()[0]
    assert line.startswith("sendvault: error: ") and "needs a terminal" in line and instead in line, line
    assert p.stdout == "" and marker not in p.stderr
    assert not log.exists(), "the editor ran"
    # a terminal to type on but output going to a file is no terminal either
    with open(env.tmp / "cron.log", "w") as out:
        p = subprocess.run([sys.executable, "-m", "sendvault", *[a.format(id=cid) for a in args]],
                           env={**os.environ, **env.env()}, stdout=out, stderr=subprocess.PIPE, text=True,
                           stdin=subprocess.DEVNULL)
    assert p.returncode == 2 and not log.exists()
    assert marker not in (env.tmp / "cron.log").read_text()


def test_an_editor_that_hands_the_file_to_a_server_is_refused(env: Env):
    cid, marker = planted(env)
    bindir = env.tmp / "bin"
    bindir.mkdir()
    ran = env.tmp / "ran"
    client = bindir / "emacsclient"
    client.write_text(f"#!/bin/sh\ntouch {ran}\n")
    client.chmod(0o700)
    env.extra_env.update({"EDITOR": str(client), "VISUAL": str(client)})
    r = tty_run(env, "edit", cid, extra_env=env.extra_env)
    assert r.exit_code == 1
    assert "running editor" in one_line_error(r)
    assert not ran.exists()


VIM = shutil.which("vim.basic")


@pytest.mark.skipif(VIM is None, reason="vim is not installed (CI installs it: apt-get install vim)")
@pytest.mark.parametrize("name", ["vim.basic", "editor"])
def test_vim_with_undo_backup_and_viminfo_asked_for_keeps_nothing(env: Env, name: str):
    cid, marker = planted(env)
    if name == "editor":
        # Debian's `editor`: a link (through /etc/alternatives) to vim.basic. Made here, first on PATH,
        # so the test does not depend on which editor this machine's alternative happens to choose.
        bindir = env.tmp / "bin"
        bindir.mkdir(exist_ok=True)
        os.symlink(VIM, bindir / "editor")
        env.extra_env["PATH"] = f"{bindir}:{os.environ['PATH']}"
    home = env.tmp / "home"
    for d in ("undo", "backup", "swap"):
        (home / d).mkdir(parents=True)
    asks = f"set undofile undodir={home}/undo backup writebackup backupdir={home}/backup directory={home}/swap viminfo='100,<500,n{home}/viminfo"
    (home / ".vimrc").write_text(asks + "\n")
    env.extra_env.update({"EDITOR": name, "VISUAL": name, "HOME": str(home), "VIMINIT": asks, "TERM": "xterm"})
    child = spawn(env, "edit", cid)
    try:
        child.expect("Case " + cid, timeout=30)  # the header line, drawn by vim
        time.sleep(0.5)
        child.send("yy")  # a yank: what viminfo would keep
        child.send("\x1b:wq\r")
        child.expect(["unchanged", "saved"], timeout=30)
        child.expect(__import__("pexpect").EOF, timeout=30)
    finally:
        child.close(force=True)
    for d in ("undo", "backup", "swap"):
        assert list((home / d).iterdir()) == [], f"vim wrote to its {d} directory"
    assert not (home / "viminfo").exists() and not (home / ".viminfo").exists()
    assert files_containing(marker.encode(), env.vault, home, *SCAN_ROOTS, since=env.started - 2) == []
