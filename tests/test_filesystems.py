"""A vault on a file system without hard links (issue 20, item 4): a FAT or exFAT memory stick.

Every change keeps the files it replaces in ``local/undo/`` so that a failed write can put
them back; where ``link()`` fails (FAT, exFAT, some network shares) they are copied and
fsynced instead. Here a real FAT or exFAT image is made and mounted: the kernel's own
driver where it has one, else exFAT through FUSE on a loop device (``exfat-fuse``). CI runs
as root, which mounting needs; elsewhere, or where no driver works, the tests skip and say
what was missing. The commands run through the real CLI, the vault on the stick and the
keys off it.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sendvault.store import storage

from conftest import CLI, OTHER_CASE, SAMPLE_CASE, Env, make_case, make_key, one_line_error
from test_faults import snapshot
from test_retention import OLD

TOOLS = "apt-get install dosfstools exfatprogs exfat-fuse"


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


@contextlib.contextmanager
def stick(where: Path, private: bool = True):
    """A freshly made FAT or exFAT file system mounted at a new directory under ``where``; yields
    (mount point, what it is). ``private``: mounted for this account only (umask=077), as an
    officer should; else as a desktop mounts a stick by default (every file 0755 or 0777)."""
    if os.geteuid() != 0:
        pytest.skip(f"mounting a FAT or exFAT image needs root (CI runs as root); needs {TOOLS}")
    image, point = where / "stick.img", where / "stick"
    point.mkdir()
    mask = ["-o", "umask=077"] if private else []
    tried: list[str] = []
    undo: list[list[str]] = []
    mounted = None

    def attempt(label: str, mkfs: str, *mount: str, loop: bool = False) -> bool:
        if shutil.which(mkfs) is None or shutil.which(mount[0]) is None:
            tried.append(f"{label}: {mkfs if shutil.which(mkfs) is None else mount[0]} not installed")
            return False
        image.unlink(missing_ok=True)
        with open(image, "wb") as f:
            f.truncate(64 << 20)
        made = _run(mkfs, str(image))
        if made.returncode:
            tried.append(f"{label}: {mkfs} failed ({made.stderr.strip()[:80]})")
            return False
        source = str(image)
        if loop:
            lo = _run("losetup", "-f", "--show", str(image))
            if lo.returncode:
                tried.append(f"{label}: no loop device ({lo.stderr.strip()[:80]})")
                return False
            source = lo.stdout.strip()
            undo.append(["losetup", "-d", source])
        r = _run(*[source if a == "SOURCE" else str(point) if a == "POINT" else a for a in mount])
        if r.returncode:
            tried.append(f"{label}: {r.stderr.strip().splitlines()[-1][:100] if r.stderr.strip() else 'mount failed'}")
            for cmd in reversed(undo):
                _run(*cmd)
            undo.clear()
            return False
        undo.insert(0, ["umount", "-l", str(point)])
        return True

    try:
        for label, mkfs, mount, loop in (
            ("FAT (kernel)", "mkfs.vfat", ["mount", "-t", "vfat", "-o", "loop", *mask, "SOURCE", "POINT"], False),
            ("exFAT (kernel)", "mkfs.exfat", ["mount", "-t", "exfat", "-o", "loop", *mask, "SOURCE", "POINT"], False),
            ("exFAT (FUSE)", "mkfs.exfat", ["mount.exfat-fuse", *mask, "SOURCE", "POINT"], True),
        ):
            if attempt(label, mkfs, *mount, loop=loop):
                mounted = label
                break
        if mounted is None:
            pytest.skip("no FAT or exFAT file system could be mounted here: " + "; ".join(tried) + f" (CI: {TOOLS})")
        probe = point / "probe"
        probe.write_bytes(b"x")
        with pytest.raises(OSError):  # the point of the exercise: this file system has no hard links
            os.link(probe, point / "probe2")
        probe.unlink()
        yield point, mounted
    finally:
        for cmd in undo:
            _run(*cmd)


def _vault_on(point: Path, tmp: Path) -> Env:
    key = tmp / "ann.key"  # the key off the stick, as the officer keeps it
    e = Env(tmp, point / "vault", key, make_key(key), {"SENDVAULT_AGENT": "off"})
    r = e.cli("init", str(e.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", e.recipient,
              "--policy-version", "2025-01", "--locality", "North")
    assert r.exit_code == 0, r.stderr
    return e


def _no_undo_left(e: Env) -> None:
    undo = e.vault / "local" / "undo"
    assert not undo.exists() or list(undo.iterdir()) == []


def test_every_command_works_on_a_stick_without_hard_links(tmp_path: Path):
    """The example: on an exFAT or FAT stick every command, reads included, failed with "Operation not
    permitted". init, intake, show, note, find, consent, verify, purge and erase all work there."""
    with stick(tmp_path) as (point, what):
        e = _vault_on(point, tmp_path)
        a = make_case(e, SAMPLE_CASE)
        b = make_case(e, OTHER_CASE)
        old = make_case(e, copy.deepcopy(OLD))
        for args in (["show", a], ["list"], ["note", a, "Called the school."], ["find", "exa"],
                     ["consent", "grant", b, "share-information", "--party", "Hill School", "--by", "parent-carer"],
                     ["retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0"]):
            r = e.cli(*args)
            assert r.exit_code == 0, f"{what}: {args[0]}: {r.stderr}"
            _no_undo_left(e)
        assert "Called the school." in e.cli("show", a).stdout
        assert a in e.cli("find", "exa").stdout
        r = e.cli("retention", "purge", "--yes")
        assert r.exit_code == 0 and "1 destroyed" in r.stderr, r.stderr
        assert not list((e.vault / "casekeys").glob(f"{old}.*"))
        r = e.cli("erase", b, "--asked-by", "parent-carer", "--how", "letter", "--yes")
        assert r.exit_code == 0, r.stderr
        for args in (["verify"], ["audit", "verify"]):
            r = e.cli(*args)
            assert r.exit_code == 0, f"{what}: {args}: {r.stderr}"
        _no_undo_left(e)


def test_a_failed_write_on_a_stick_puts_every_file_back(tmp_path: Path):
    """The undo copies do what the links do: every write step of a note, a consent and a purge failing
    in turn (the copies' own steps included) leaves every file as it was, says so in one line, and
    verify passes; the same command then works."""
    with stick(tmp_path) as (point, what):
        e = _vault_on(point, tmp_path)
        a = make_case(e, SAMPLE_CASE)
        make_case(e, copy.deepcopy(OLD))
        assert e.cli("retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0").exit_code == 0
        for args in (["note", a, "A note."], ["consent", "withdraw", a, "store-personal-details"]):
            log = tmp_path / "steps"
            log.unlink(missing_ok=True)
            before = snapshot(e.vault)
            storage.set_fault(f"count:{log}")
            try:
                probe = e.cli(*args)  # counted on a copy: the real run is below
            finally:
                storage.set_fault(None)
            assert probe.exit_code == 0, probe.stderr
            steps = log.read_text().split()
            # Undo the counting run's change by putting the files back as they were.
            _restore(e.vault, before)
            refused = 0
            for n in range(1, len(steps) + 1):
                storage.set_fault(f"any:{n}:ENOSPC")
                try:
                    r = e.cli(*args)
                finally:
                    storage.set_fault(None)
                if r.exit_code == 0:  # the last step (a directory's fsync after the audit) may be past undoing
                    _restore(e.vault, before)
                    continue
                refused += 1
                line = one_line_error(r)
                assert "No space left on device" in line, (what, args[0], n, line)
                if "nothing was changed" in line:
                    assert snapshot(e.vault) == before, f"{what}: {args[0]}: step {n} ({steps[n - 1]}) changed the vault"
                assert e.cli("verify").exit_code == 0, (args[0], n)
                _restore(e.vault, before)
            assert refused >= len(steps) - 2, (args[0], refused, len(steps))
            r = e.cli(*args)
            assert r.exit_code == 0, r.stderr
            _no_undo_left(e)
        r = e.cli("retention", "purge", "--yes")
        assert r.exit_code == 0 and "1 destroyed" in r.stderr, r.stderr
        assert e.cli("verify").exit_code == 0 and e.cli("audit", "verify").exit_code == 0


def _restore(vault: Path, files: dict[str, bytes]) -> None:
    """Put the vault's files back to ``files`` (the lock, the index and git's files aside, as snapshot)."""
    now = snapshot(vault)
    for rel in now.keys() - files.keys():
        (vault / rel).unlink()
    for rel, data in files.items():
        if now.get(rel) != data:
            (vault / rel).parent.mkdir(parents=True, exist_ok=True)
            (vault / rel).write_bytes(data)
    shutil.rmtree(vault / "local" / "index", ignore_errors=True)  # a cache: rebuilt from the files


def test_a_killed_change_on_a_stick_leaves_the_vault_whole(tmp_path: Path):
    """A note killed (SIGKILL) at a random moment, again and again: each time the vault verifies, and
    the next change clears what the killed one kept in local/undo (old versions of files)."""
    with stick(tmp_path) as (point, what):
        e = _vault_on(point, tmp_path)
        a = make_case(e, SAMPLE_CASE)
        # Kill times as fractions of how long a whole note takes here and now: fixed times missed
        # every note on a quiet machine (each was done before its kill) and proved nothing.
        started = time.monotonic()
        subprocess.run([*CLI, "note", a, "timed"], env={**os.environ, **e.env()}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        whole = time.monotonic() - started
        killed = 0
        for i in range(12):
            p = subprocess.Popen([*CLI, "note", a, f"note {i}"], env={**os.environ, **e.env()},
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(whole * (0.45 + 0.045 * i))  # from the end of start-up to the last write
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                killed += 1
            p.wait()
            r = e.cli("verify")
            assert r.exit_code == 0, f"{what}: after kill {i}: {r.stderr}"
            r = e.cli("note", a, f"after {i}")
            assert r.exit_code == 0, r.stderr
            _no_undo_left(e)
        assert killed, "no note was killed mid-way: the test proved nothing"
        assert e.cli("audit", "verify").exit_code == 0


def test_verify_names_a_stick_mounted_open_to_everyone(tmp_path: Path):
    """A stick mounted as a desktop does by default gives every file the same open mode, which chmod
    cannot change: verify says so once, naming what the file system lacks, not once per file."""
    with stick(tmp_path, private=False) as (point, what):
        e = _vault_on(point, tmp_path)
        make_case(e, SAMPLE_CASE)
        r = e.cli("verify")
        assert r.exit_code == 4, r.stderr
        assert "without file permissions" in r.stderr and "umask=077" in r.stderr, r.stderr
        assert "a file open to others" not in r.stderr and "problem(s)" in r.stderr, r.stderr
        assert sum(ln.startswith("  - ") for ln in r.stderr.splitlines()) == 1, r.stderr


def test_a_file_system_that_cannot_lock_files_is_named_in_one_line(env: Env, monkeypatch):
    """Where flock(2) fails as on a share without locks (ENOLCK), every command that takes the lock, a
    read included, says in one line what the file system lacks, and nothing is written. (The failure is
    made in the process: no file system without locks can be mounted here.)"""
    import errno
    import fcntl

    a = make_case(env, SAMPLE_CASE)
    before = snapshot(env.vault)

    def no_locks(fd, op):
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    for args in (["show", a], ["note", a, "A note."], ["retention", "purge", "--yes"]):
        line = one_line_error(env.cli(*args))
        assert "file system cannot lock files (No locks available)" in line, (args[0], line)
    assert snapshot(env.vault) == before
