"""Issue 20.2: destruction does not trust a clock that jumped.

The nightly purge takes today from the machine's clock. A clock stepped ten years
ahead (a dead RTC battery, bad NTP, a restored VM) made ``retention purge --yes``
destroy cases not due until years later, and ``audit verify`` then called a trail
dated 2036 then 2026 intact. Now a purge by the clock is refused when the clock is
implausible against what the vault knows (every device's newest audit entry, which
includes every purge run, and the vault's last synchronised commit); a person gives
the date with ``--on``; and a device's chain going back in time is a finding.

The clock is moved in the test's own process (``conftest.clock_moved``), never the
system's: the product has no hook an officer could reach.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess

import pytest

from conftest import Env, audit_log, clock_moved, make_case, one_line_error, show
from test_retention import OLD, purge, set_rules

from sendvault.records import retention
from sendvault.basics.timefmt import utcnow

TEN_YEARS = dt.timedelta(days=3653)
TODAY = utcnow().date()

# Seen last month, aged 19: 25 (and due) in about six years.
LATER = copy.deepcopy(OLD)
_SEEN = (TODAY - dt.timedelta(days=30)).isoformat()
LATER["contact"] = {**LATER["contact"], "date": _SEEN, "policy_explained": {**LATER["contact"]["policy_explained"], "date": _SEEN}}
LATER["child"] = {**LATER["child"], "date_of_birth": (TODAY.replace(day=1, year=TODAY.year - 20) + dt.timedelta(days=40)).isoformat()}


@pytest.fixture
def two(env: Env) -> tuple[str, str]:
    """A case due now and one due in about six years, under the birthday rule."""
    set_rules(env)
    return make_case(env, OLD), make_case(env, LATER)


def _exists(env: Env, cid: str) -> bool:
    return (env.vault / "cases" / f"{cid}.age").exists()


def test_a_clock_ten_years_ahead_destroys_nothing(env: Env, two):
    """The report's example: with the clock ten years ahead the nightly purge destroyed the case
    due years later and said exit 0. Now: refused, exit 5, one line, nothing destroyed or recorded."""
    due, later = two
    before = audit_log(env)
    with clock_moved(TEN_YEARS):
        r = purge(env)
        assert r.exit_code == 5, r.stderr
        line = one_line_error(r)
        assert "nothing was destroyed" in line and "days after the last purge or another device's newest entry" in line, line
        assert "--on" in r.stderr
        r = purge(env, "--quiet")  # cron's form: still loud
        assert r.exit_code == 5 and "nothing was destroyed" in r.stderr
        assert env.cli("retention", "purge", "--dry-run").exit_code == 0  # destroys nothing: allowed
    assert _exists(env, due) and _exists(env, later)
    assert not list((env.vault / "destroyed").glob("*")) if (env.vault / "destroyed").exists() else True
    assert [e["command"] for e in audit_log(env)[len(before):]] == ["audit show"]


def test_a_person_gives_the_date_with_on_and_it_is_recorded(env: Env, two):
    """With the clock ahead, a manager who knows the date gives it: that day is used, only the case
    due by it is destroyed, and the audit trail records the day given and what the clock said."""
    due, later = two
    with clock_moved(TEN_YEARS):
        r = purge(env, "--on", TODAY.isoformat())
        assert r.exit_code == 0, r.stderr
        assert f"retention purge on {TODAY.isoformat()}: 1 destroyed" in r.stderr
    assert not _exists(env, due) and _exists(env, later)
    assert show(env, later)["id"] == later
    summary = [e for e in audit_log(env) if e["command"] == "retention purge" and e["case"] is None]
    assert len(summary) == 1
    clock = (utcnow() + TEN_YEARS).date().isoformat()
    assert summary[0]["detail"].startswith(f"on {TODAY.isoformat()} (given with --on; this machine's clock said {clock})")


def test_a_clock_behind_what_was_written_is_refused(env: Env, two):
    """A clock behind the audit trail (a restored VM, a reset RTC) is as wrong: refused, unless --on."""
    due, later = two
    with clock_moved(-dt.timedelta(days=40)):
        r = purge(env)
        assert r.exit_code == 5, r.stderr
        assert "earlier than the newest entry of the audit trail" in one_line_error(r)
    assert _exists(env, due)
    with clock_moved(-dt.timedelta(hours=6)):  # a little behind: clocks of devices differ
        assert purge(env).exit_code == 0
    assert not _exists(env, due) and _exists(env, later)


def test_each_nightly_run_is_recorded_and_the_threshold_counts_from_the_last(env: Env, two):
    """Every purge run leaves an entry (so a quiet vault's nightly job moves "what the vault knows"
    along); a clock more than CLOCK_AHEAD_DAYS after the last of them is refused, fewer is not."""
    n = retention.CLOCK_AHEAD_DAYS
    assert purge(env).exit_code == 0
    with clock_moved(dt.timedelta(days=n - 1)):  # a month without a run: still believed
        assert purge(env).exit_code == 0
    with clock_moved(dt.timedelta(days=2 * n - 2)):  # counted from that run, not from today
        assert purge(env).exit_code == 0
    with clock_moved(dt.timedelta(days=3 * n)):
        r = purge(env)
        assert r.exit_code == 5 and f"{n + 2} days after" in r.stderr, r.stderr
    runs = [e for e in audit_log(env) if e["command"] == "retention purge" and e["case"] is None]
    assert len(runs) == 3 and all("(by this machine's clock)" in e["detail"] for e in runs), runs


def _git(root, *args: str, env: dict | None = None) -> str:
    base = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": str(root), "PATH": "/usr/bin:/bin"}
    p = subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args], cwd=root,
                       env={**base, **(env or {})}, capture_output=True, text=True, check=True)
    return p.stdout.strip()


def _server_commit(env: Env, when: dt.datetime) -> None:
    """The vault as a synchronised one whose server branch (as last fetched) was committed at ``when``."""
    root = env.vault
    if not (root / ".git").exists():
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "vault")
    stamp = f"{int(when.timestamp())} +0000"
    tree = _git(root, "rev-parse", "HEAD^{tree}")
    commit = _git(root, "commit-tree", tree, "-p", "HEAD", "-m", "from another machine",
                  env={"GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_DATE": stamp})
    _git(root, "update-ref", "refs/remotes/origin/main", commit)


def test_the_server_s_last_commit_bounds_the_clock_from_behind(env: Env, two):
    """A synchronised vault knows its last commit: a clock earlier than it is refused. A commit does not
    vouch for a clock ahead, though: this machine's own sync under that clock would have made it."""
    due, later = two
    _server_commit(env, utcnow() + dt.timedelta(days=45))
    r = purge(env)  # today by the real clock: 45 days behind what was committed
    assert r.exit_code == 5, r.stderr
    assert "earlier than the vault's last synchronised commit" in one_line_error(r)
    with clock_moved(dt.timedelta(days=46)):
        r = purge(env)
        assert r.exit_code == 5 and "46 days after" in r.stderr, r.stderr
        assert purge(env, "--on", (TODAY + dt.timedelta(days=46)).isoformat()).exit_code == 0
    assert not _exists(env, due) and _exists(env, later)


def test_what_this_machine_wrote_after_the_jump_does_not_vouch_for_it(env: Env, two):
    """The nightly job ran last night; then the clock jumped, and the officer (or a sync job) worked
    under it before the next purge. Those entries carry the wrong clock's time: they do not make it right."""
    due, later = two
    assert purge(env).exit_code == 0
    with clock_moved(TEN_YEARS):
        for args in (["list"], ["note", later, "called"], ["retention", "plan"]):
            assert env.cli(*args).exit_code == 0
        r = purge(env)
        assert r.exit_code == 5, r.stderr
        assert "days after the last purge" in one_line_error(r)
    assert _exists(env, later)


def test_another_device_s_entries_vouch_for_the_clock(env: Env, two, tmp_path):
    """Another device's clock is another witness: its entries (brought by sync) say the time has moved on,
    so a machine that has not purged for 40 days may, when a colleague's laptop worked 39 days on."""
    import shutil

    due, later = two
    laptop = Env(env.tmp, tmp_path / "laptop", env.key, env.recipient)
    shutil.copytree(env.vault, laptop.vault, symlinks=True)
    (laptop.vault / "local" / "device").unlink()  # another machine: its own device and audit chain
    with clock_moved(dt.timedelta(days=39)):
        assert laptop.cli("note", later, "from the laptop").exit_code == 0
    device = (laptop.vault / "local" / "device").read_text().strip()
    for ext in ("log", "head"):  # what sync brings: the laptop's chain
        shutil.copy(laptop.vault / "audit" / f"{device}.{ext}", env.vault / "audit" / f"{device}.{ext}")
    with clock_moved(dt.timedelta(days=40)):
        r = purge(env)
        assert r.exit_code == 0, r.stderr
    assert not _exists(env, due)


def test_time_going_back_in_a_device_s_chain_is_a_finding(env: Env):
    """The report: after a clock ten years ahead was put right, `audit verify` called a trail dated
    2036 then 2026 intact. An entry dated earlier than the one before it on the same device is now
    a problem for `audit verify` and `verify` (exit 4), named with both times."""
    make_case(env)
    assert env.cli("audit", "verify").exit_code == 0
    with clock_moved(TEN_YEARS):
        assert env.cli("list").exit_code == 0
    assert env.cli("list").exit_code == 0  # the clock put right: this entry goes back ten years
    for args in (["audit", "verify"], ["verify"]):
        r = env.cli(*args, "--json")
        assert r.exit_code == 4, (args, r.stderr)
        problems = json.loads(r.stdout)["problems"]
        back = [p for p in problems if "clock went back" in p]
        assert len(back) == 1, problems
        assert str((utcnow() + TEN_YEARS).year) in back[0]
        r = env.cli(*args)
        assert r.exit_code == 4 and "problem" in one_line_error(r)


def test_a_clock_stepped_back_by_minutes_is_a_note_not_a_problem(env: Env):
    """A time server correcting a drift, a laptop waking: a step back of minutes is noted, and the
    trail still verifies (the log is append-only, so a problem would stay for ever)."""
    import datetime as dt

    make_case(env)
    with clock_moved(dt.timedelta(minutes=20)):
        assert env.cli("list").exit_code == 0
    assert env.cli("list").exit_code == 0  # twenty minutes back
    for args in (["audit", "verify"], ["verify"]):
        r = env.cli(*args, "--json")
        assert r.exit_code == 0, (args, r.stderr)
        assert not [p for p in json.loads(r.stdout)["problems"] if "clock went back" in p]
        assert [n for n in json.loads(r.stdout)["notes"] if "clock went back" in n]


def test_a_purge_by_a_clock_ahead_then_put_right_shows_in_verify(env: Env, two):
    """The whole story: what a wrong clock wrote stays visible. The purge with --on under a clock ten
    years ahead records its entries at the clock's time; once the clock is right, verify names the step."""
    with clock_moved(TEN_YEARS):
        assert purge(env, "--on", TODAY.isoformat()).exit_code == 0
    assert env.cli("list").exit_code == 0
    r = env.cli("audit", "verify")
    assert r.exit_code == 4 and "problem" in one_line_error(r)


def test_another_repository_s_commits_do_not_count(env: Env, two, tmp_path, monkeypatch):
    """With GIT_DIR exported (a bare-repository dotfiles setup, a git hook), another repository's
    commits (here one made under a clock ten years ahead) must not count: only the vault's own history."""
    due, later = two
    _server_commit(env, utcnow())  # the vault's own history: today
    other = tmp_path / "dotfiles"
    other.mkdir()
    _git(other, "init", "-q", "-b", "main")
    stamp = f"{int((utcnow() + TEN_YEARS).timestamp())} +0000"
    _git(other, "commit", "-q", "--allow-empty", "-m", "made under the wrong clock",
         env={"GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_DATE": stamp})
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    r = purge(env)  # the right clock: not "earlier than the last commit"
    assert r.exit_code == 0, r.stderr
    assert not _exists(env, due) and _exists(env, later)
