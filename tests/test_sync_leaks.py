"""What sync may leave behind or give away (issue 21, leaks 1 and 2).

1. A sync killed (SIGKILL, SIGTERM) at random moments leaves no ``sendvault-*`` file in
   /dev/shm or the temporary directory, and what it left inside the vault's own .git
   (the key channel's objects) is gone after the next command that syncs or destroys.
   Each sync runs with a /dev/shm and a TMPDIR of its own (a mount namespace: root
   only), so what is found there was left by that sync, whatever else runs on the machine.
2. The server's whole history, read as an outsider (no key), pairs no case id with a
   profile: statistical records are encrypted for the vault key and padded to one size.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import OTHER_CASE, SAMPLE_CASE, Env, core_vault, make_case

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")

SEED = int(os.environ.get("SENDVAULT_CRASH_SEED", "20261205"))
KEY_OBJECTS = Path(".git") / "sendvault-keys"


def _private_mounts_work(tmp: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = tmp / "probe"
    probe.mkdir()
    p = subprocess.run(["unshare", "-m", "sh", "-c", 'mount --bind "$0" /dev/shm && touch /dev/shm/x', str(probe)],
                       capture_output=True)
    return p.returncode == 0 and (probe / "x").exists()


def _start(e: Env, shm: Path, tmpdir: Path, *args: str) -> subprocess.Popen:
    """sendvault in a mount namespace whose /dev/shm is ``shm``, with TMPDIR ``tmpdir``."""
    cmd = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" /dev/shm && exec "$@"', str(shm),
           sys.executable, "-m", "sendvault", *args]
    return subprocess.Popen(cmd, env={**os.environ, **e.env(), "TMPDIR": str(tmpdir)}, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _left(shm: Path, tmpdir: Path) -> list[str]:
    return [str(p) for d in (shm, tmpdir) for p in d.rglob("*") if "sendvault" in p.name]


@pytest.mark.slow
def test_a_sync_killed_at_random_moments_leaves_no_key_files_behind(tmp_path: Path):
    from test_faults import _team

    if not _private_mounts_work(tmp_path):
        pytest.skip("needs root and unshare to give each sync a /dev/shm of its own (CI runs as root)")
    a, b = _team(tmp_path / "team")
    # The server's side runs in a session of its own, as on an ssh server (see test_crash_commands).
    subprocess.run(["git", "-C", str(b.vault), "config", "remote.origin.receivepack", "setsid git-receive-pack"],
                   check=True)
    shm, tmpdir = tmp_path / "shm", tmp_path / "tmpdir"
    shm.mkdir()
    tmpdir.mkdir()
    start = time.monotonic()
    p = _start(b, shm, tmpdir, "sync")
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    whole = time.monotonic() - start  # a sync from start to end, on this machine now
    assert _left(shm, tmpdir) == [] and not (b.vault / KEY_OBJECTS).exists()
    rng = random.Random(SEED)
    made = [a.made, b.made]
    report = []
    for sig in (signal.SIGKILL, signal.SIGTERM):
        kills = caught = 0
        for n in range(12):
            if kills >= 3 and caught >= 1:
                break
            made.append(make_case(b, OTHER_CASE if n % 2 else SAMPLE_CASE))  # a new key to send each time
            delay = rng.uniform(0.3, 0.97) * whole
            p = _start(b, shm, tmpdir, "sync")
            try:
                p.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, sig)  # sendvault and the git it runs
            _, err = p.communicate(timeout=60)
            where = f"{sig.name} round {n} (seed {SEED}, after {delay:.2f}s of {whole:.2f}s)"
            if p.returncode == 0:
                continue  # it finished first: not a kill
            assert p.returncode == -sig, f"{where}: ended by {p.returncode}, not the signal: {err.decode()}"
            kills += 1
            assert _left(shm, tmpdir) == [], f"{where}: left outside the vault"
            if (b.vault / KEY_OBJECTS).exists():
                caught += 1  # killed while the key channel's objects were in use
            nxt = _start(b, shm, tmpdir, "sync")  # the next command
            _, err = nxt.communicate(timeout=300)
            assert nxt.returncode == 0, f"{where}: the next sync: {err.decode()}"
            assert _left(shm, tmpdir) == [], f"{where}: left by the next sync"
            assert not (b.vault / KEY_OBJECTS).exists(), f"{where}: the key channel's objects outlived the next sync"
            assert b.cli("verify").exit_code == 0
        report.append(f"{sig.name}: {kills} kills, {caught} while the key channel was in use")
        assert kills >= 1, f"no {sig.name} landed mid-sync: nothing was tested"
        assert caught >= 1, f"no {sig.name} landed while the key channel's objects were in use: {report}"
    for e in (a, b):
        assert e.cli("sync").exit_code == 0
    ids = {row["id"] for row in json.loads(b.cli("list", "--json").stdout)}
    assert set(made) <= ids
    print("\nsync kill test: " + "; ".join(report))


@pytest.mark.slow
def test_a_destruction_shreds_what_a_killed_sync_left_in_the_vault(tmp_path: Path):
    """Killed mid-sync, then a case destroyed before any sync: its key is not left in the key channel's store."""
    from test_faults import _team

    a, b = _team(tmp_path / "team")
    subprocess.run(["git", "-C", str(b.vault), "config", "remote.origin.receivepack", "setsid git-receive-pack"],
                   check=True)
    rng = random.Random(SEED + 1)
    for n in range(30):
        p = subprocess.Popen([sys.executable, "-m", "sendvault", "sync"], env={**os.environ, **b.env()},
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        store = b.vault / KEY_OBJECTS
        deadline = time.monotonic() + 120
        while p.poll() is None and not store.exists() and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=60)
        if p.returncode == -signal.SIGKILL and store.exists():
            break
        make_case(b)
    else:
        pytest.fail("no kill landed while the key channel's objects were in use")
    r = b.cli("erase", b.made, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    assert not store.exists()
    assert b.cli("verify").exit_code == 0


# --- leak 2: the server's history read by an outsider ---------------------------------------


def _objects(server: Path) -> list[bytes]:
    """Every object in the server's store, reachable or not, as git holds it."""
    listing = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch-check=%(objectname)"], cwd=server,
                             capture_output=True, check=True).stdout.split()
    out = []
    for sha in listing:
        out.append(subprocess.run(["git", "cat-file", "-p", sha.decode()], cwd=server, capture_output=True,
                                  check=True).stdout)
    return out


def _profile_case(need: str, band: str) -> dict:
    case = json.loads(json.dumps(SAMPLE_CASE))
    case["profile"] = {**case["profile"], "primary_need": need, "age_band": band}
    return case


def test_the_servers_whole_history_pairs_no_case_id_with_a_profile(env: Env):
    server = env.tmp / "server.git"
    assert env.cli("serve-init", str(server)).exit_code == 0
    assert env.cli("sync", "--remote", str(server)).exit_code == 0
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient)
    assert b.cli("clone", str(server), str(b.vault)).exit_code == 0
    gone_a = make_case(env, _profile_case("HI", "11-15"))
    keep = make_case(env, _profile_case("ASD", "11-15"))
    assert env.cli("sync").exit_code == 0
    assert b.cli("sync").exit_code == 0
    gone_b = make_case(b, _profile_case("SLCN", "11-15"))
    assert b.cli("sync").exit_code == 0
    assert env.cli("erase", gone_a, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0  # its deletion, record and profile in one sync
    assert b.cli("erase", gone_b, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    for e in (env, b, env):
        r = e.cli("sync")
        assert r.exit_code == 0, r.stderr
    # As an outsider: the history as text, and every object in the store.
    log = subprocess.run(["git", "log", "-p", "--all", "--binary", "--format=%H %an %ad%n%B"], cwd=server,
                         capture_output=True, check=True).stdout
    for blob in [log, *_objects(server)]:
        for word in (b"sendvault-statistics", b'"profile"', b'"age_band"', b"primary_need"):
            assert word not in blob, f"{word!r} readable without a key"
    # Every statistical record ever committed is an age file, and the destroyed cases' are there.
    commits = subprocess.run(["git", "rev-list", "--all"], cwd=server, capture_output=True, text=True,
                             check=True).stdout.split()
    seen = set()
    for commit in commits:
        tree = subprocess.run(["git", "ls-tree", "-r", commit, "statistics"], cwd=server, capture_output=True,
                              text=True, check=True).stdout.splitlines()
        for line in tree:
            meta, name = line.split("\t")
            assert name.endswith(".age"), name
            seen.add(meta.split()[2])
    assert len(seen) == 2
    for sha in seen:
        data = subprocess.run(["git", "cat-file", "-p", sha], cwd=server, capture_output=True, check=True).stdout
        assert data.startswith(b"age-encryption.org/v1\n")
    # With the vault key the profiles are there: reports still count the destroyed cases.
    from sendvault.store import destruction

    needs = sorted(s["profile"]["primary_need"] for s in destruction.statistical_records(core_vault(env)))
    assert needs == ["HI", "SLCN"]
    assert keep in env.cli("list").stdout


def test_plain_statistics_of_an_earlier_version_are_encrypted_and_still_counted(env: Env):
    from sendvault.store import destruction

    ids = [make_case(env, _profile_case("ASD", "11-15")) for _ in range(6)]
    period = ("--from", "2000-01-01", "--to", "2099-12-31", "--json")

    def total() -> int:
        r = env.cli("report", *period)
        assert r.exit_code == 0, r.stderr
        cells = json.loads(r.stdout)["cells"]
        return next(c for c in cells if c["table"] == "primary_need" and c["row"] == "Total")["count"]

    before = total()
    assert env.cli("erase", ids[0], "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    # Made into what an earlier version wrote: the sealed record in the clear, statistics/<random>.json.
    (enc,) = (env.vault / "statistics").glob("*.age")
    v = core_vault(env)
    record = destruction.statistical_records(v)[0]
    plain = enc.with_suffix(".json")
    plain.write_text(json.dumps(record, sort_keys=True, indent=1) + "\n")
    enc.unlink()
    assert total() == before  # read as it is until migrated
    r = env.cli("verify", "--json")
    assert r.exit_code == 0 and any("in the clear" in n for n in json.loads(r.stdout)["notes"]), r.stdout
    server = env.tmp / "server.git"
    assert env.cli("serve-init", str(server)).exit_code == 0
    r = env.cli("sync", "--remote", str(server))
    assert r.exit_code == 0, r.stderr
    assert not plain.exists() and (env.vault / "statistics" / f"{plain.stem}.age").exists()
    assert total() == before
    names = subprocess.run(["git", "log", "--all", "--name-only", "--format="], cwd=server, capture_output=True,
                           text=True, check=True).stdout
    stats = [n for n in names.split() if n.startswith("statistics/")]
    assert stats == [f"statistics/{plain.stem}.age"]
    r = env.cli("verify", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["notes"] == [], r.stdout
