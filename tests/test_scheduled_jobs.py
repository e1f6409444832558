"""Every crontab line and systemd unit in docs/ works as written (issue 27, item 2).

Each is taken from the docs themselves, so a line edited there is the line tested. The
paths a line names on a real server (/usr/local/bin, /srv/sendvault, /etc/sendvault,
$HOME) are mapped to a throw-away tree, and the line is run as cron runs it: by /bin/sh,
in an environment that holds only cron's PATH, HOME, SHELL, LOGNAME and LANG=C, with no
terminal (a session of its own, standard input /dev/null). A shared vault is included:
the purge must work from the rules and holds the team has, and its destructions must
reach the team.
"""

from __future__ import annotations

import copy
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, make_case

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CRON_LINE = re.compile(r"^(?:[0-9*/,-]+\s+){5}(?P<command>\S.*)$")
PROGRAM = Path(sys.executable).parent / "sendvault"  # the console script the installed package made

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")


def cron_lines() -> list[tuple[str, str]]:
    """(doc, command) for every crontab line in a code block of docs/*.md."""
    found = []
    for doc in sorted(DOCS.glob("*.md")):
        inside = False
        for line in doc.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                inside = not inside
                continue
            if inside and (m := CRON_LINE.match(line.strip())):
                found.append((doc.name, m.group("command")))
    return found


def systemd_units() -> dict[str, str]:
    """Every unit file in docs/*.md: a code block whose first line is ``# /etc/systemd/system/NAME``."""
    units = {}
    for doc in sorted(DOCS.glob("*.md")):
        for block in re.findall(r"```ini\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            first, _, body = block.partition("\n")
            if m := re.fullmatch(r"# /etc/systemd/system/(\S+)", first.strip()):
                units[m.group(1)] = body
    return units


class Server:
    """The paths a documented line names, mapped into ``root``."""

    def __init__(self, root: Path, key: Path):
        self.root = root
        self.home = root / "home"
        self.bin = root / "usr-local-bin"
        self.srv = root / "srv"
        self.etc = root / "etc"
        for d in (self.home / ".local" / "bin", self.home / ".config" / "sendvault", self.bin, self.srv, self.etc):
            d.mkdir(parents=True, exist_ok=True)
        for link in (self.bin / "sendvault", self.home / ".local" / "bin" / "sendvault"):  # where pipx puts it
            link.symlink_to(PROGRAM)
        for k in (self.etc / "purge.key", self.home / ".config" / "sendvault" / "cron.key"):
            shutil.copyfile(key, k)
            k.chmod(0o600)

    def mapped(self, text: str) -> str:
        return (text.replace("/usr/local/bin/", f"{self.bin}/").replace("/srv/sendvault/", f"{self.srv}/")
                .replace("/etc/sendvault/", f"{self.etc}/"))

    def cron_env(self) -> dict:
        return {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "SHELL": "/bin/sh", "LOGNAME": "root", "LANG": "C"}

    def run_as_cron(self, command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["/bin/sh", "-c", self.mapped(command)], env=self.cron_env(), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, start_new_session=True, timeout=300)

    def run_as_systemd(self, unit: str) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(self.home), "LANG": "C"}
        argv = None
        for line in unit.splitlines():
            key, _, value = line.partition("=")
            if key == "Environment":
                env.update(dict(pair.split("=", 1) for pair in shlex.split(self.mapped(value))))
            elif key == "ExecStart":
                argv = shlex.split(self.mapped(value))
        assert argv, "the unit has no ExecStart"
        return subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              start_new_session=True, timeout=300)


def _due_case() -> dict:
    case = copy.deepcopy(SAMPLE_CASE)
    case["contact"] = {**case["contact"], "date": "2024-01-02",
                       "policy_explained": {"version": "2025-01", "date": "2024-01-02", "copy_given": True}}
    case["child"] = {**case["child"], "date_of_birth": "2000-01-01"}  # 25 before today: due under --birthday 25
    case["profile"] = {**case["profile"], "age_band": "19-25", "school_phase": "post-16"}
    return case


def ok(r) -> None:
    assert r.exit_code == 0, r.stderr


def _ids(e: Env) -> set[str]:
    import json

    return {row["id"] for row in json.loads(e.cli("list", "--json").stdout)}


@pytest.fixture
def shared(env: Env):
    """(the manager's laptop, the jobs server's copy of the vault, its paths, the cases): a vault shared through git,
    whose rules and a hold were set on the laptop after the jobs server last had the vault."""
    server_repo = env.tmp / "server.git"
    ok(env.cli("serve-init", str(server_repo)))
    ok(env.cli("sync", "--remote", str(server_repo)))
    due, held, kept = make_case(env, _due_case()), make_case(env, _due_case()), make_case(env)
    ok(env.cli("sync"))
    paths = Server(env.tmp / "jobs", env.key)
    jobs = Env(env.tmp, paths.srv / "vault", paths.etc / "purge.key", env.recipient)
    ok(jobs.cli("clone", str(server_repo), str(jobs.vault)))
    # On the laptop, after the clone: the rules that make the cases due, and a hold on one of them.
    ok(env.cli("retention", "rules", "set", "--birthday", "25"))
    ok(env.cli("hold", held, "--reason", "tribunal appeal pending"))
    ok(env.cli("sync"))
    return env, jobs, paths, server_repo, (due, held, kept)


def _shared_purge_works(run, shared) -> None:
    laptop, jobs, paths, server_repo, (due, held, kept) = shared
    done = run()
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == "", "a quiet job that went well prints nothing (cron mails output)"
    ok(laptop.cli("sync"))
    assert _ids(laptop) == {held, kept}, "the destruction reached the team; the hold placed elsewhere was kept"
    assert _ids(jobs) == {held, kept}
    ok(laptop.cli("verify"))
    ok(jobs.cli("verify"))


def test_the_docs_hold_the_scheduled_jobs_this_file_tests():
    commands = [c for _, c in cron_lines()]
    assert any("retention purge" in c and "--sync" in c for c in commands)
    assert any("retention purge" in c and "--sync" not in c for c in commands)
    assert any(" verify " in c for c in commands)
    assert {"sendvault-purge.service", "sendvault-purge.timer"} <= set(systemd_units())
    for c in commands:
        program = shlex.split(c)[[i for i, w in enumerate(shlex.split(c)) if "=" not in w][0]]
        assert program.startswith(("/", "$HOME/")), f"cron's PATH is /usr/bin:/bin: name the program in full: {c}"


@pytest.mark.parametrize("command", [c for _, c in cron_lines() if "--sync" in c])
def test_the_documented_purge_line_works_under_cron_on_a_shared_vault(shared, command):
    paths = shared[2]
    _shared_purge_works(lambda: paths.run_as_cron(command), shared)


@pytest.mark.parametrize("command", [c for _, c in cron_lines() if "--sync" in c])
def test_with_the_server_unreachable_the_documented_purge_destroys_nothing_and_says_why(shared, command):
    laptop, jobs, paths, server_repo, (due, held, kept) = shared
    server_repo.rename(server_repo.with_name("gone.git"))
    before = sorted(p.name for p in (jobs.vault / "cases").iterdir())
    done = paths.run_as_cron(command)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("sendvault: error: ") and "nothing was destroyed" in lines[0]
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in (jobs.vault / "cases").iterdir()) == before


@pytest.mark.parametrize("command", [c for _, c in cron_lines() if "retention purge" in c and "--sync" not in c])
def test_the_documented_purge_line_works_under_cron_on_a_vault_of_one_machine(env, command):
    paths = Server(env.tmp / "jobs", env.key)
    shutil.copytree(env.vault, paths.srv / "vault")
    one = Env(env.tmp, paths.srv / "vault", env.key, env.recipient)
    make_case(one, _due_case())
    kept = make_case(one)
    ok(one.cli("retention", "rules", "set", "--birthday", "25"))
    done = paths.run_as_cron(command)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", done.stderr
    assert _ids(one) == {kept}


@pytest.mark.parametrize("command", [c for _, c in cron_lines() if " verify " in c])
def test_the_documented_nightly_check_works_under_cron(env, command):
    paths = Server(env.tmp / "jobs", env.key)
    shutil.copytree(env.vault, paths.home / "vault")
    make_case(Env(env.tmp, paths.home / "vault", env.key, env.recipient))
    done = paths.run_as_cron(command)
    assert done.returncode == 0, done.stderr
    assert "vault intact" in done.stderr


def test_the_documented_systemd_service_works_on_a_shared_vault(shared):
    unit = systemd_units()["sendvault-purge.service"]
    _shared_purge_works(lambda: shared[2].run_as_systemd(unit), shared)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed (CI installs systemd)")
def test_the_documented_systemd_units_pass_systemd_analyze_verify(env, tmp_path):
    paths = Server(env.tmp / "jobs", env.key)
    units = tmp_path / "units"
    units.mkdir()
    for name, body in systemd_units().items():
        # User=sendvault is an account the service creates; the check runs as this one.
        text = "\n".join(line for line in paths.mapped(body).splitlines() if not line.startswith("User="))
        (units / name).write_text(text + "\n")
    r = subprocess.run(["systemd-analyze", "verify", *sorted(str(p) for p in units.iterdir())],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "sendvault-purge" not in r.stderr, r.stderr  # no warning about our units
