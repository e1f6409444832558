"""I/O fault injection (issue 14): every command that writes, with each of its write steps
failing in turn, says so in one line, exits non-zero and leaves the vault exactly as it was.

The model is SQLite's I/O-error testing: run a command once to count its write steps
(opening a file, writing it, fsync, rename, fsync of the directory), then run it again
and again on a fresh copy of the same vault, failing step 1, then step 2, ... with
ENOSPC, EIO, EACCES or EROFS. The failure comes from the test-only hook in
``sendvault/store/storage.py`` (``storage.set_fault``, set in-process, or in a child started
through tests/hooked.py by ``SENDVAULT_FAULT``: see tests/hooks.py); a write that fails
part-way writes half its bytes first, as a full disk does.

After each failure: one ``sendvault: error:`` line, non-zero exit, no personal data on
stderr, every file of the vault byte for byte as before (so every case reads the same
and the audit trail is whole), and ``verify`` passes. A destruction (purge, erase) that
fails after its key was shredded cannot be put back: it must say so, ``verify`` must
pass, and running the command again must finish it.

``make test`` fails a sample of the steps of every command (each errno in turn);
``SENDVAULT_STRESS=1`` (``make stress``) fails every step with every errno.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sendvault.store import storage

from conftest import CLI, OTHER_CASE, Result, SAMPLE_CASE, Env, assert_no_personal_data, intake_text, make_key, one_line_error, tty_run
from test_retention import OLD

STRESS = os.environ.get("SENDVAULT_STRESS") == "1"
ERRNOS = ("ENOSPC", "EIO", "EACCES", "EROFS")
SCHOOL = "Thistlecombe Primary School"
EDITOR = """\
import pathlib, sys
p = pathlib.Path(sys.argv[-1])
p.write_text(p.read_text(encoding="utf-8").replace("Example Hill Primary School", "Example Hill Academy"), encoding="utf-8")
"""

# Every command that writes: (name, argv). A, B and OLD stand for the base vault's cases;
# OUT for a file outside the vault; INTAKE for an intake file.
COMMANDS = [
    ("intake", ["intake", "--from", "INTAKE"]),
    ("note", ["note", "A", "Called the school; a meeting is booked."]),
    ("consent grant", ["consent", "grant", "B", "share-information", "--party", SCHOOL, "--by", "parent-carer"]),
    ("consent withdraw (re-key)", ["consent", "withdraw", "A", "store-personal-details"]),
    ("share", ["share", "A", "--to", SCHOOL, "--out", "OUT/share.pdf"]),
    ("edit", ["edit", "A"]),
    ("close", ["close", "A", "--outcome", "advice-given"]),
    ("assign", ["assign", "A", "Bo"]),
    ("follow-up", ["follow-up", "A", "+2w", "chase the draft plan"]),
    ("hold", ["hold", "A", "--reason", "production order PO-1"]),
    ("policy set", ["policy", "set", "2026-04"]),
    ("officer add", ["officer", "add", "Cy", "RECIPIENT", "--role", "officer"]),
    ("officer remove (key rotation)", ["officer", "remove", "Bo"]),
    ("retention rules set", ["retention", "rules", "set", "--birthday", "25", "--after-last-contact", "1"]),
    ("retention purge", ["retention", "purge", "--yes"]),
    ("sar request", ["sar", "request", "B", "--for", "parent"]),
    ("sar copy", ["sar", "A", "--for", "parent", "--out", "OUT/copy.pdf"]),
    ("erase", ["erase", "B", "--asked-by", "parent-carer", "--how", "letter", "--yes"]),
    ("attach", ["attach", "A", "DOC"]),
    ("detach", ["detach", "B", "1", "--yes"]),
    ("import", ["import", "IMPORT", "--mapping", "IMPORT_MAP"]),
    ("export", ["export", "--out", "OUT/leaving.tar.age", "--recipient", "RECIPIENT"]),
    ("export chosen, plaintext", ["export", "A", "B", "--out", "OUT/leaving", "--plaintext"]),
]
DESTROYING = {"retention purge", "erase"}


def snapshot(vault: Path) -> dict[str, bytes]:
    """Every file of the vault (the lock file and git's own files aside), by path."""
    out = {}
    for p in sorted(vault.rglob("*")):
        rel = p.relative_to(vault).as_posix()
        # The index (local/index/) is a cache any read may bring up to date (the purge's plan reads it):
        # not part of what a failed change must leave as it was.
        if p.is_file() and rel not in ("local/lock", "local/purge") and not rel.startswith((".git/", "local/index/")):
            out[rel] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Env:
    """A vault with a manager (Ann), an officer (Bo), cases A and B, a case due for purge, rules set."""
    from conftest import make_case  # imported here: make_case needs an Env

    tmp = tmp_path_factory.mktemp("faults")
    key = tmp / "ann.key"
    e = Env(tmp, tmp / "vault", key, make_key(key), {"SENDVAULT_AGENT": "off"})
    assert e.cli("init", str(e.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", e.recipient,
                 "--policy-version", "2025-01", "--locality", "North").exit_code == 0
    e.new_officer("Bo")
    a = make_case(e, SAMPLE_CASE)
    b = make_case(e, OTHER_CASE)
    old = make_case(e, copy.deepcopy(OLD))
    r = e.cli("consent", "grant", a, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    assert r.exit_code == 0, r.stderr
    r = e.cli("retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0")
    assert r.exit_code == 0, r.stderr
    r = e.cli("sar", "request", a, "--for", "parent")
    assert r.exit_code == 0, r.stderr
    (tmp / "letter.pdf").write_bytes(b"%PDF-1.4\n" + b"a letter\n" * 5000)
    r = e.cli("attach", b, str(tmp / "letter.pdf"))  # erase shreds it, detach removes it
    assert r.exit_code == 0, r.stderr
    (tmp / "intake.toml").write_text(intake_text(SAMPLE_CASE))
    from test_import import HEAD, MINI, ROWS, write_csv

    write_csv(tmp / "cases.csv", [HEAD, *ROWS])  # two cases from another system (sendvault import)
    (tmp / "import.toml").write_text(MINI)
    (tmp / "editor.py").write_text(EDITOR)
    e.extra_env["EDITOR"] = e.extra_env["VISUAL"] = f"{sys.executable} {tmp / 'editor.py'}"
    e.ids = {"A": a, "B": b, "OLD": old}
    e.cy = make_key(tmp / "cy.key")
    return e


def argv_for(base: Env, args: list[str], out: Path) -> list[str]:
    subst = {**base.ids, "INTAKE": str(base.tmp / "intake.toml"), "RECIPIENT": base.cy, "DOC": str(base.tmp / "letter.pdf"),
             "IMPORT": str(base.tmp / "cases.csv"), "IMPORT_MAP": str(base.tmp / "import.toml")}
    return [subst.get(a, a).replace("OUT/", f"{out}/") for a in args]


def fresh(base: Env, where: Path) -> tuple[Env, Path]:
    """A copy of the base vault (same keys) and an empty directory for output files."""
    vault = where / "vault"
    shutil.copytree(base.vault, vault, symlinks=True)
    out = where / "out"
    out.mkdir()
    return Env(base.tmp, vault, base.key, base.recipient, dict(base.extra_env)), out


def run_faulty(e: Env, argv: list[str], spec: str | None):
    if argv[0] == "edit":  # an editor starts only on a terminal: a real process on a pty
        return tty_run(e, *argv, extra_env={"SENDVAULT_FAULT": spec} if spec else None)
    storage.set_fault(spec)
    try:
        return e.cli(*argv)
    finally:
        storage.set_fault(None)


def count_steps(base: Env, args: list[str], where: Path) -> list[str]:
    where.mkdir()
    e, out = fresh(base, where)
    log = where / "steps"
    r = run_faulty(e, argv_for(base, args, out), f"count:{log}")
    assert r.exit_code == 0, r.stderr
    return log.read_text().split() if log.exists() else []


def check_failed_run(base: Env, name: str, args: list[str], n: int, step: str, code: str, where: Path,
                     before: dict) -> None:
    where.mkdir()
    e, out = fresh(base, where)
    argv = argv_for(base, args, out)
    r = run_faulty(e, argv, f"any:{n}:{code}")
    what = f"{name}: step {n} ({step}) failing with {code}"
    if step == "shred":
        # Overwriting a key before unlinking it is a best effort: the unlinking destroys.
        assert r.exit_code == 0, f"{what}: {r.stderr}"
        assert e.cli("verify").exit_code == 0, what
        return
    assert r.exit_code != 0, f"{what}: exit 0\n{r.stderr}"
    line = one_line_error(r)
    assert_no_personal_data(r.stderr)
    assert os.strerror(getattr(errno, code)) in line, f"{what}: {line}"
    after = snapshot(e.vault)
    if name == "edit" and after != before:
        # The record was shown in the editor: that read is recorded, whatever became of the edit.
        def kept(files: dict) -> dict:
            return {k: v for k, v in files.items() if not k.startswith("audit/") and k != "local/highwater"}

        assert kept(after) == kept(before), what
        assert json.loads(e.cli("audit", "show", "--json").stdout)[-1]["command"] == "edit discarded", what
        before = after
    if after != before:
        # Only a destruction past its shredded key may stay changed, and it says how to finish.
        assert name in DESTROYING and "run the same command again" in line, (
            f"{what}: the vault changed: {sorted(set(after) ^ set(before)) or [k for k in after if after[k] != before[k]]}\n{line}")
    else:
        assert not [p for p in out.iterdir()], f"{what}: an output file was left behind"
    v = e.cli("verify")
    assert v.exit_code == 0, f"{what}: verify failed\n{v.stderr}"
    if after != before:
        again = e.cli(*argv)
        assert again.exit_code == 0, f"{what}: running it again did not finish it\n{again.stderr}"
        assert e.cli("verify").exit_code == 0
        assert not [n for n in json.loads(e.cli("verify", "--json").stdout)["notes"] if "interrupted" in n]


def steps_to_fail(total: int) -> list[int]:
    if STRESS or total <= 4:
        return list(range(1, total + 1))
    # Two runs a command in make test: a step of the data's writing, one of the audit's (near the end).
    return sorted({max(1, total // 3), total - 3})


@pytest.mark.parametrize("name,args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_each_write_step_failing_leaves_the_vault_as_it_was(base: Env, name: str, args: list[str], tmp_path: Path):
    before = snapshot(base.vault)
    steps = count_steps(base, args, tmp_path / "count")
    assert steps, f"{name} wrote nothing"
    assert set(steps) <= set(storage.STEPS)
    runs = 0
    for i, n in enumerate(steps_to_fail(len(steps))):
        for code in (ERRNOS if STRESS else (ERRNOS[i % len(ERRNOS)],)):
            check_failed_run(base, name, args, n, steps[n - 1], code, tmp_path / f"f{n}-{code}", before)
            runs += 1
    _record(name, len(steps), runs)


def _record(name: str, steps: int, runs: int) -> None:
    """Append the figures to the file docs/reliability.md quotes (when asked to, by SENDVAULT_FIGURES)."""
    path = os.environ.get("SENDVAULT_FIGURES")
    if path:
        with open(path, "a") as f:
            f.write(json.dumps({"test": "faults", "command": name, "steps": steps, "faults": runs}) + "\n")


# --- the examples of the issue, through the real CLI in a subprocess ----------------------------


# Root with every capability dropped: the file modes bind it as they bind anyone (a read-only copy
# cannot be written), yet it is still the account that owns the checkout, so the interpreter and
# the editable install are reachable wherever the suite was cloned (another account could not
# enter a 0700 home or `mktemp -d`).
POWERLESS_ROOT = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]


def run_cli(e: Env, *args: str, extra: dict | None = None, powerless: bool = False):
    cmd = [*CLI, *args]
    if powerless:
        cmd = [*POWERLESS_ROOT, *cmd]
    p = subprocess.run(cmd, env={**os.environ, **e.env(), **(extra or {})}, capture_output=True, text=True, timeout=120)
    return Result(p.returncode, p.stdout, p.stderr)


def test_disk_full_during_intake_leaves_no_case_no_torn_audit_line_and_says_so(base: Env, tmp_path: Path):
    """The example: intake on a full disk printed 'internal error (OSError)', yet the case was written
    and the audit line torn. Now every step of it failing with ENOSPC is one line, and nothing is written."""
    e, out = fresh(base, tmp_path)
    before = snapshot(e.vault)
    steps = count_steps(base, ["intake", "--from", "INTAKE"], tmp_path / "count")
    # The audit line's append (a write not followed by a rename) is the step that tore lines.
    append = [i + 1 for i in range(len(steps) - 2) if steps[i] == "write" and steps[i + 2] != "rename"]
    assert append, steps
    for n in range(1, len(steps) + 1) if STRESS else sorted({1, *append, len(steps)}):
        r = run_cli(e, "intake", "--from", str(base.tmp / "intake.toml"), extra={"SENDVAULT_FAULT": f"any:{n}:ENOSPC"})
        line = one_line_error(r)
        assert "No space left on device" in line and "nothing was changed" in line, line
        assert "internal error" not in r.stderr and not r.stdout.strip()
        assert snapshot(e.vault) == before, f"step {n} ({steps[n - 1]}) changed the vault"
    r = run_cli(e, "verify")
    assert r.exit_code == 0 and "note" not in r.stderr, r.stderr
    r = run_cli(e, "audit", "verify")
    assert r.exit_code == 0, r.stderr


def _can_mount() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="no private mount namespace here (unshare -m and mount need privileges)")
def test_a_real_full_filesystem_during_intake(base: Env, tmp_path: Path):
    """The same on a real small filesystem (a tmpfs in a private mount namespace), filled up first."""
    script = """
set -e
mount -t tmpfs -o size=2m tmpfs "$MNT"
cp -a "$SRC" "$MNT/vault"
head -c 10000000 /dev/zero > "$MNT/fill" 2>/dev/null || true
set +e
"$PY" -m sendvault --vault "$MNT/vault" intake --from "$INTAKE" >"$OUT/stdout" 2>"$OUT/all-stderr"; echo $? >"$OUT/rc"
"$PY" -m sendvault --vault "$MNT/vault" list >/dev/null 2>>"$OUT/all-stderr"; echo $? >"$OUT/list-rc"
set -e
rm -f "$MNT/fill"
"$PY" -m sendvault --vault "$MNT/vault" verify >"$OUT/verify" 2>&1; echo $? >"$OUT/verify-rc"
cp -a "$MNT/vault" "$OUT/after"
"""
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "mnt").mkdir()
    env = {**os.environ, **base.env(), "MNT": str(tmp_path / "mnt"), "SRC": str(base.vault), "PY": sys.executable,
           "INTAKE": str(base.tmp / "intake.toml"), "OUT": str(out)}
    subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, check=True, timeout=300)
    err = (out / "all-stderr").read_text()
    assert (out / "rc").read_text().strip() != "0", err
    assert "No space left on device" in err and "internal error" not in err and "Traceback" not in err, err
    assert (out / "verify-rc").read_text().strip() == "0", (out / "verify").read_text()
    before, after = snapshot(base.vault), snapshot(out / "after")
    assert {k for k in after if k.startswith("cases/")} == {k for k in before if k.startswith("cases/")}


# --- read-only vaults ---------------------------------------------------------------------------


def _read_only_copy(base: Env, where: Path) -> Env:
    e, _ = fresh(base, where)
    for p in [e.vault, *e.vault.rglob("*")]:
        p.chmod(p.stat().st_mode & ~0o222)
    return e


def _check_reads(e: Env, before: dict, **kw) -> None:
    a = e.ids["A"] if hasattr(e, "ids") else None
    for args in (["show", a], ["list"], ["find", "exa"], ["verify"], ["audit", "verify"], ["consent", "show", a]):
        r = run_cli(e, *args, **kw)
        assert r.exit_code == 0, f"{args[0]}: {r.stderr}"
        assert "read-only" in r.stderr and "internal error" not in r.stderr
    r = run_cli(e, "note", a, "a note", **kw)
    assert "read-only" in one_line_error(r)
    assert snapshot(e.vault) == before


def test_a_read_only_copy_reads_without_writing_anything(base: Env, tmp_path: Path):
    """The example: show, list and verify on a read-only copy failed taking the lock. A copy whose
    files and directories are all read-only (as a data-protection officer's backup copy is) is read
    without a lock or an audit entry, by a process that may not write it; a change is refused in one line."""
    powerless = os.geteuid() == 0  # root writes whatever the modes say: read as root without its capabilities
    if powerless and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux): permissions cannot make a copy read-only")
    e = _read_only_copy(base, tmp_path)
    e.ids = base.ids
    before = snapshot(e.vault)
    if powerless:
        probe = subprocess.run([*POWERLESS_ROOT, sys.executable, "-c", "import os, sys; sys.exit(os.access(sys.argv[1], os.W_OK))",
                                str(e.vault)], capture_output=True, text=True)
        assert probe.returncode == 0, f"the read-only copy is still writable without capabilities: {probe.stderr}"
    _check_reads(e, before, powerless=powerless, extra={"HOME": str(tmp_path)})


def test_a_vault_on_a_read_only_mount_reads(base: Env, tmp_path: Path):
    """The same on a read-only mount (a bind mount in a private mount namespace, where allowed)."""
    if not _can_mount():
        pytest.skip("no private mount namespace here")
    e, _ = fresh(base, tmp_path / "src")
    before = snapshot(e.vault)
    ro = tmp_path / "ro"
    ro.mkdir()
    a = base.ids["A"]
    script = ('mount --bind -o ro "$SRC" "$RO" && mount -o remount,bind,ro "$RO" 2>/dev/null; '
              'for c in "show $A" list verify "audit verify"; do "$PY" -m sendvault --vault "$RO" $c >/dev/null 2>>"$ERR" '
              '|| echo "FAILED $c" >>"$ERR"; done; "$PY" -m sendvault --vault "$RO" note $A x 2>"$ERR.note"; echo "note $?" >>"$ERR"')
    err = tmp_path / "err"
    env = {**os.environ, **e.env(), "SRC": str(e.vault), "RO": str(ro), "PY": sys.executable, "A": a, "ERR": str(err)}
    subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, timeout=300)
    text = err.read_text()
    assert "FAILED" not in text and "internal error" not in text and "Traceback" not in text, text
    # Each read ran without writing (its note says so); the change was refused, as read-only, in one line.
    assert text.count("is read-only here, so this") == 4, text
    assert "note 1\n" in text, text
    note = (tmp_path / "err.note").read_text().splitlines()
    assert note[0].startswith("sendvault: error: ") and "read-only" in note[0], note
    assert all(ln.startswith("sendvault: hint: ") for ln in note[1:]), note
    assert snapshot(e.vault) == before


def test_lock_waits_time_out_with_a_clear_message(base: Env, tmp_path: Path):
    """A writer that cannot get the lock (another holds it) stops after SENDVAULT_LOCK_TIMEOUT seconds, in one line."""
    import fcntl

    e, _ = fresh(base, tmp_path)
    fd = os.open(e.vault / "local" / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        r = run_cli(e, "note", base.ids["A"], "waiting", extra={"SENDVAULT_LOCK_TIMEOUT": "1"})
    finally:
        os.close(fd)
    assert "busy" in one_line_error(r)


# --- sync: git's own steps are git's; what sync writes through the vault's storage is checked here ---


def _team(tmp: Path) -> tuple[Env, Env]:
    from conftest import make_case

    tmp.mkdir()
    key = tmp / "ann.key"
    a = Env(tmp, tmp / "a", key, make_key(key), {"SENDVAULT_AGENT": "off"})
    assert a.cli("init", str(a.vault), "--service", "S", "--officer", "Ann", "--recipient", a.recipient,
                 "--policy-version", "2025-01").exit_code == 0
    assert a.cli("serve-init", str(tmp / "server.git")).exit_code == 0
    assert a.cli("sync", "--remote", str(tmp / "server.git")).exit_code == 0
    b = Env(tmp, tmp / "b", key, a.recipient, {"SENDVAULT_AGENT": "off"})
    assert b.cli("clone", str(tmp / "server.git"), str(b.vault)).exit_code == 0
    a.made = make_case(a)
    assert a.cli("sync").exit_code == 0
    b.made = make_case(b)
    return a, b


def test_a_sync_whose_writes_fail_loses_nothing_and_the_next_sync_finishes(tmp_path: Path):
    a, b = _team(tmp_path / "count")
    log = tmp_path / "steps"
    storage.set_fault(f"count:{log}")
    try:
        assert b.cli("sync").exit_code == 0
    finally:
        storage.set_fault(None)
    steps = log.read_text().split()
    assert steps
    for n in steps_to_fail(len(steps)) if STRESS else [len(steps) // 2 + 1]:
        a, b = _team(tmp_path / f"n{n}")
        code = ERRNOS[n % len(ERRNOS)]
        r = run_faulty(b, ["sync"], f"any:{n}:{code}")
        what = f"sync: step {n} ({steps[n - 1]}) failing with {code}"
        if steps[n - 1] != "shred":
            assert r.exit_code != 0, what
            one_line_error(r)
        assert b.cli("verify").exit_code == 0, what
        assert b.cli("sync").exit_code == 0, what  # the next sync finishes it
        assert a.cli("sync").exit_code == 0, what
        for e in (a, b):
            ids = {row["id"] for row in json.loads(e.cli("list", "--json").stdout)}
            assert {a.made, b.made} <= ids, what
            assert e.cli("verify").exit_code == 0, what
            assert e.cli("audit", "verify").exit_code == 0, what
        _record("sync", len(steps), 1)


def test_a_new_passphrase_whose_write_fails_leaves_the_identity_as_it_was(env: Env, cheap_scrypt):
    """`passphrase` rewrites the identity file (outside the vault) with the same atomic replacement:
    each of its steps failing leaves the file as it was, or (the directory's fsync, after the rename)
    says the new one is in place."""
    from sendvault.store import crypto

    from conftest import finish, spawn

    key = env.tmp / "plain.key"
    pair = crypto.generate()
    crypto.write_identity_file(key, pair, None)
    before = key.read_bytes()
    for n, step in enumerate(("open", "write", "fsync", "rename", "dirsync"), 1):
        env.extra_env["SENDVAULT_FAULT"] = f"any:{n}:ENOSPC"
        child = spawn(env, "passphrase", identity=key)
        for _ in range(2):
            child.expect("passphrase")
            child.sendline("a different horse entirely")
        status, text = finish(child)
        assert status != 0, f"{step}: {text}"
        assert "sendvault: error:" in text and "Traceback" not in text and "internal error" not in text, text
        if step == "dirsync":
            assert "was rewritten" in text
        else:
            assert key.read_bytes() == before and "unchanged" in text, f"{step}: {text}"
        assert [p.name for p in key.parent.iterdir() if p.name.startswith(f".{key.name}.")] == []
        key.write_bytes(before)


@pytest.mark.parametrize("pre_existing", [False, True], ids=["new directory", "empty directory"])
def test_init_failing_at_any_write_leaves_nothing_behind(tmp_path: Path, pre_existing: bool):
    """A vault half made would be taken for a vault: ``init`` with any of its writes failing
    leaves the directory as it was (absent, or empty), says so in one line, and can be run again."""
    key = tmp_path / "ann.key"
    e = Env(tmp_path, tmp_path / "vault", key, make_key(key), {"SENDVAULT_AGENT": "off"})
    args = ("init", str(e.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", e.recipient)

    def fresh() -> None:
        shutil.rmtree(e.vault, ignore_errors=True)
        if pre_existing:
            e.vault.mkdir(mode=0o700)

    fresh()
    log = tmp_path / "steps"
    assert run_faulty(e, list(args), f"count:{log}").exit_code == 0
    steps = log.read_text().split()
    assert len(steps) >= 10
    made = refused = 0
    for n in range(1, len(steps) + 1):
        fresh()
        r = run_faulty(e, list(args), f"any:{n}:ENOSPC")
        if r.exit_code == 0:  # a device's own note (its pins, what it has seen) is kept at the next chance
            assert e.cli("verify").exit_code == 0, n
            made += 1
            continue
        assert r.exit_code == 1, (n, r.stderr)
        line = one_line_error(r)
        assert "No space left on device" in line and "nothing was left behind" in line, (n, line)
        assert (list(e.vault.iterdir()) == []) if pre_existing else not e.vault.exists(), n
        refused += 1
    assert refused >= 15, (refused, made)
    fresh()
    assert e.cli(*args).exit_code == 0 and e.cli("verify").exit_code == 0


def test_keygen_on_a_full_disk_leaves_no_key_file_and_the_retry_works(tmp_path: Path):
    """The report: keygen --out on a full disk left a 0-byte key file, which then blocked the retry as
    "already exists". Each of its write steps failing leaves the directory as it was (or, if only the
    directory's fsync failed, the whole file), in one line; the retry then makes the key."""
    e = Env(tmp_path, tmp_path / "vault", tmp_path / "unused.key", "")
    keys = tmp_path / "keys"
    keys.mkdir()
    out = keys / "cron.key"
    log = tmp_path / "steps"
    assert run_faulty(e, ["keygen", "--out", str(out), "--no-passphrase"], f"count:{log}").exit_code == 0
    steps = log.read_text().split()
    assert steps[:2] == ["open", "write"], steps
    out.unlink()
    for n, step in enumerate(steps, 1):
        r = run_faulty(e, ["keygen", "--out", str(out), "--no-passphrase"], f"any:{n}:ENOSPC")
        line = one_line_error(r)
        assert "No space left on device" in line, (n, line)
        assert r.stdout == "", n
        if step == "dirsync":  # the file is whole; only the disk's report of the directory failed
            assert "was written" in line and out.stat().st_size > 0, (n, line)
            out.unlink()
        assert list(keys.iterdir()) == [], (n, step, list(keys.iterdir()))
    r = e.cli("keygen", "--out", str(out), "--no-passphrase")
    assert r.exit_code == 0, r.stderr
    assert out.read_text().count("AGE-SECRET-KEY-") == 1 and r.stdout.strip().startswith("age1")
