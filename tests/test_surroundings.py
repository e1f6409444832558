"""Hostile surroundings (issue 14, Deliver 5 and the "Found already" examples): sendvault run
with no terminal, standard input closed, binary or in another encoding, locales C, UTF-8 and
ISO-8859-1, any terminal width including 0, output piped, no HOME, and a time zone far from
UTC. Every command, read and write, gives its output whole and harmless, or one clear error.

Everything runs sendvault as a real subprocess (the surroundings are the process's own).
The matrix here crosses each command with six profiles chosen so that every value of every
dimension meets every command; ``SENDVAULT_STRESS=1`` (``make stress``) crosses every
command with every combination.

This machine has no ISO-8859-1 locale installed (``locale -a``): a Latin-1 terminal is
made with PYTHONIOENCODING=iso-8859-1, which is what Python reads from such a locale.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import SAMPLE_CASE, Env, Result, intake_text, make_case, make_key, one_line_error
from sendvault.cli.terminal_text import UNSAFE

STRESS = os.environ.get("SENDVAULT_STRESS") == "1"

# A record written to make a terminal misbehave: clear the screen, hide text, a CSI as one
# C1 byte, a right-to-left override, and a letter no Latin-1 terminal has.
HOSTILE_NAME = "Zebedee \x1b[2JQuixote\x1b[8m"
HOSTILE_CHILD = "\u0141ukasz Zo\u00eb \u202eevil\u202c \x9b31m"
PERSONAL_WORDS = ("Zebedee", "Quixote", "ukasz")


def hostile_case() -> dict:
    case = copy.deepcopy(SAMPLE_CASE)
    case["person"]["name"] = HOSTILE_NAME
    case["child"]["name"] = HOSTILE_CHILD
    return case


# --- the process's surroundings ----------------------------------------------------------

LOCALES = {
    "C": {"LC_ALL": "C"},
    "C.UTF-8": {"LC_ALL": "C.UTF-8"},
    "ISO-8859-1": {"LC_ALL": "C", "LANG": "en_GB.ISO-8859-1", "PYTHONIOENCODING": "iso-8859-1"},
}
WIDTHS = (None, "0", "1", "40", "1000")  # None: no COLUMNS, output piped (not a terminal)
ZONES = ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")  # UTC+14 and UTC-11
STDINS = ("devnull", "closed", "binary", "text")
HOMES = (True, False)


@dataclass(frozen=True)
class Surroundings:
    stdin: str
    locale: str
    width: str | None
    tz: str
    home: bool

    def __str__(self) -> str:
        return f"{self.stdin}-stdin,{self.locale},width={self.width or 'piped'},{self.tz.split('/')[-1]},{'home' if self.home else 'no-HOME'}"

    def encoding(self) -> str:
        return "iso-8859-1" if self.locale == "ISO-8859-1" else "utf-8"


def run_in(env: Env, where: Surroundings, *args: str, text: str = "", timeout: float = 120) -> Result:
    """sendvault in ``where``; ``text`` is standard input when it is "text"."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("COLUMNS", "LINES", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONIOENCODING", "HOME")}
    full = {**base, **env.env(), **LOCALES[where.locale], "TZ": where.tz}
    full.pop("COLUMNS", None)
    if where.width is not None:
        full["COLUMNS"] = where.width
    if where.home:
        full["HOME"] = str(env.tmp / "home")
    data, preexec = None, None
    if where.stdin == "closed":
        preexec = lambda: os.close(0)  # noqa: E731 (``<&-``)
    elif where.stdin == "binary":
        data = bytes(range(256)) * 4
    elif where.stdin == "text":
        data = text.encode(where.encoding())
    p = subprocess.run([sys.executable, "-m", "sendvault", *args], env=full, input=data, capture_output=True,
                       timeout=timeout, preexec_fn=preexec, stdin=subprocess.DEVNULL if data is None and not preexec else None)
    decode = where.encoding()
    return Result(p.returncode, p.stdout.decode(decode, "replace"), p.stderr.decode(decode, "replace"))


def profiles() -> list[Surroundings]:
    if STRESS:
        return [Surroundings(*c) for c in itertools.product(STDINS, LOCALES, WIDTHS, ZONES, HOMES)]
    # Six profiles in which every value of every dimension appears at least once.
    return [
        Surroundings("devnull", "C.UTF-8", None, "UTC", True),
        Surroundings("closed", "C", "0", "Pacific/Kiritimati", False),
        Surroundings("binary", "ISO-8859-1", "1", "Pacific/Pago_Pago", True),
        Surroundings("text", "ISO-8859-1", "40", "Pacific/Kiritimati", False),
        Surroundings("text", "C", "1000", "Pacific/Pago_Pago", True),
        Surroundings("closed", "C.UTF-8", "40", "UTC", True),
    ]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[Env, str]:
    tmp = tmp_path_factory.mktemp("surroundings")
    key = tmp / "ann.key"
    recipient = make_key(key)
    env = Env(tmp, tmp / "vault", key, recipient)
    (tmp / "home").mkdir()
    r = env.cli("init", str(env.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", recipient,
                "--policy-version", "2025-01", "--locality", "North")
    assert r.exit_code == 0, r.stderr
    cid = make_case(env, hostile_case())
    assert env.cli("note", cid, "Spoke to \x1b[31mSENCo\x1b[0m \u202eabc").exit_code == 0
    return env, cid


def intake_file(env: Env, tz: str) -> Path:
    """An intake dated today where the officer is (``tz``), which may be tomorrow or yesterday in UTC."""
    case = copy.deepcopy(SAMPLE_CASE)
    today = dt.datetime.now(ZoneInfo(tz)).date().isoformat()
    case["contact"]["date"] = today
    case["contact"]["policy_explained"]["date"] = today
    path = env.tmp / f"intake-{tz.replace('/', '-')}.toml"
    path.write_text(intake_text(case), encoding="utf-8")
    return path


# (arguments, what standard input holds when it is "text", shows the record's name)
COMMANDS = {
    "show": (["show", "{id}"], None, True),
    "show --json": (["show", "{id}", "--json"], None, True),
    "list --names": (["list", "--names"], None, True),
    "find": (["find", "zebedee"], None, True),
    "find -": (["find", "-"], "zebedee\n", True),
    "today": (["today"], None, False),
    "verify": (["verify"], None, False),
    "audit verify": (["audit", "verify"], None, False),
    "note": (["note", "{id}", "Called back; agreed next steps"], None, False),
    "note -": (["note", "{id}", "-"], "Renée called back; Zoë's plan agreed", False),
    "intake --from": (["intake", "--from", "{intake}"], None, False),
    "follow-up": (["follow-up", "{id}", "+1w", "chase draft plan"], None, False),
}


@pytest.mark.parametrize("where", profiles(), ids=str)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_in_hostile_surroundings(world, command: str, where: Surroundings):
    env, cid = world
    args, stdin_text, shows_name = COMMANDS[command]
    args = [a.format(id=cid, intake=intake_file(env, where.tz)) for a in args]
    r = run_in(env, where, *args, text=stdin_text or "")
    assert "Traceback" not in r.stderr + r.stdout and "internal error" not in r.stderr, r.stderr
    for word in PERSONAL_WORDS:
        assert word not in r.stderr, "personal data in a message"
    # Nothing a record holds reaches the terminal as a control (rich adds no styles off a terminal).
    assert not UNSAFE.search(r.stdout), repr(UNSAFE.search(r.stdout))
    assert not UNSAFE.search(r.stderr), repr(UNSAFE.search(r.stderr))
    reads_stdin = stdin_text is not None
    if reads_stdin and where.stdin != "text" and not (where.stdin == "binary" and where.encoding() == "iso-8859-1"):
        # Closed, empty or binary: one clear error, and nothing written.
        assert r.exit_code in (1, 2), (r.exit_code, r.stderr)
        line = one_line_error(r)
        assert "standard input" in line or "at least two characters" in line or "empty" in line, line
        return
    if reads_stdin and where.stdin == "binary":  # Latin-1 decodes any byte: a NUL still marks it binary
        assert r.exit_code == 2 and "binary" in one_line_error(r), r.stderr
        return
    assert r.exit_code == 0, (r.exit_code, r.stderr)
    if shows_name:
        assert "Zebedee" in r.stdout and "Quixote" in r.stdout, "data was lost from the output"
        if "--json" not in args:
            assert "\\x1b[2J" in r.stdout, "the escape sequence is not shown"


# --- the examples of "Found already", one test each ----------------------------------------


def test_escape_sequences_in_a_record_are_shown_not_obeyed(env: Env):
    cid = make_case(env, hostile_case())
    assert env.cli("note", cid, "Met at \x1b[2J school \u202eenil\u202c").exit_code == 0
    for args in (("show", cid), ("list", "--names"), ("find", "zebedee")):
        r = env.cli(*args)
        assert r.exit_code == 0, r.stderr
        assert "\x1b" not in r.stdout and "\u202e" not in r.stdout and "\x9b" not in r.stdout, args
        assert "Zebedee \\x1b[2JQuixote\\x1b[8m" in r.stdout, args  # shown, every letter
    assert "\\u202eenil\\u202c" in env.cli("show", cid).stdout
    # JSON keeps the exact value, in escapes a terminal does not act on.
    r = env.cli("show", cid, "--json")
    import json

    assert json.loads(r.stdout)["person"]["name"] == HOSTILE_NAME
    assert "\u202e" not in r.stdout and "\x9b" not in r.stdout and "\x1b" not in r.stdout


def test_columns_0_still_prints_the_whole_record(env: Env):
    cid = make_case(env, hostile_case())
    env.extra_env["COLUMNS"] = "0"
    r = env.cli("show", cid)
    assert r.exit_code == 0 and "Zebedee" in r.stdout and "Example Hill Primary School" in r.stdout.replace("\n", " ")
    r = env.cli("list")
    assert cid in r.stdout


def test_find_piped_keeps_whole_names(env: Env):
    case = copy.deepcopy(SAMPLE_CASE)
    case["person"]["name"] = "Tobias Halloran-Featherstonehaugh"
    make_case(env, case)
    p = subprocess.run([sys.executable, "-m", "sendvault", "find", "tob"], capture_output=True, text=True,
                       env={k: v for k, v in {**os.environ, **env.env()}.items() if k != "COLUMNS"})
    assert p.returncode == 0, p.stderr
    assert any("Tobias Halloran-Featherstonehaugh" in line for line in p.stdout.splitlines()), p.stdout
    assert "…" not in p.stdout


@pytest.mark.parametrize("width", ["20", "40", "60"])
def test_a_narrow_terminal_drops_no_column_and_cuts_no_word(env: Env, width: str):
    case = copy.deepcopy(SAMPLE_CASE)
    case["person"]["name"] = "Tobias Halloran-Featherstonehaugh"
    cid = make_case(env, case)
    env.extra_env["COLUMNS"] = width
    r = env.cli("find", "tobias")
    assert r.exit_code == 0, r.stderr
    words = r.stdout.split()
    assert "…" not in r.stdout
    for expected in (cid, "Tobias", "Halloran-Featherstonehaugh", "parent-carer", "2026-11-02"):
        assert any(expected in w for w in words), (expected, r.stdout)
    for heading in ("id", "opened", "status", "kind", "caller", "support_level", "person", "child", "matched"):
        assert heading in r.stdout, heading
    r = env.cli("list")
    assert "…" not in r.stdout and "officer" in r.stdout and "last_activity" in r.stdout


def closed_stdin(env: Env, *args: str, extra: dict | None = None) -> Result:
    p = subprocess.run([sys.executable, "-m", "sendvault", *args], env={**os.environ, **env.env(), **(extra or {})},
                       capture_output=True, text=True, preexec_fn=lambda: os.close(0))
    return Result(p.returncode, p.stdout, p.stderr)


def test_closed_stdin_is_one_clear_error(env: Env):
    cid = make_case(env)
    for args, says in ((["find", "-"], "standard input is closed"), (["note", cid, "-"], "standard input is closed"),
                       (["intake", "--from", "-"], "standard input is closed"), (["erase", cid, "--asked-by", "other", "--how", "phone"], "--yes")):
        r = closed_stdin(env, *args)
        assert r.exit_code == 2, (args, r.stderr)
        assert says in one_line_error(r), r.stderr
    assert env.cli("show", cid).exit_code == 0


def test_latin1_bytes_are_refused_in_a_utf8_locale_and_taken_in_a_latin1_one(env: Env):
    cid = make_case(env)
    run = lambda extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "sendvault", "note", cid, "-"], input=b"Ren\xe9e called back",
        env={**os.environ, **env.env(), **extra}, capture_output=True)
    p = run({"LC_ALL": "C.UTF-8"})
    assert p.returncode == 2
    assert "not utf-8 text" in one_line_error(Result(p.returncode, "", p.stderr.decode()))
    assert "notes" not in __import__("json").loads(env.cli("show", cid, "--json").stdout)
    p = run(LOCALES["ISO-8859-1"])
    assert p.returncode == 0, p.stderr
    assert "Renée called back" in env.cli("show", cid, "--json").stdout
    # An argument that is not text in the locale: refused before anything is read.
    p = subprocess.run([sys.executable.encode(), b"-m", b"sendvault", b"note", cid.encode(), b"Ren\xe9e"],
                       env={**os.environ, **env.env(), "LC_ALL": "C.UTF-8"}, capture_output=True)
    assert p.returncode == 2 and b"an argument is not valid utf-8 text" in p.stderr, p.stderr


def test_no_home_is_a_clear_error_and_an_identity_given_works(env: Env):
    make_case(env)
    bare = {k: v for k, v in {**os.environ, **env.env()}.items() if k not in ("HOME", "SENDVAULT_IDENTITY", "XDG_CONFIG_HOME")}
    p = subprocess.run([sys.executable, "-m", "sendvault", "list"], env=bare, capture_output=True, text=True)
    assert p.returncode == 2
    assert "HOME is not set" in one_line_error(Result(p.returncode, p.stdout, p.stderr)) and "--identity" in p.stderr
    p = subprocess.run([sys.executable, "-m", "sendvault", "keygen", "--no-passphrase"], env=bare, capture_output=True, text=True)
    assert p.returncode == 2 and "HOME is not set" in p.stderr
    p = subprocess.run([sys.executable, "-m", "sendvault", "list", "--identity", str(env.key)], env=bare,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"])
def test_dates_are_the_officers_own(env: Env, tz: str):
    """An intake dated today where the officer is is never "in the future"; tomorrow there is."""
    zone = {**os.environ, **env.env(), "TZ": tz}
    today = dt.datetime.now(ZoneInfo(tz)).date()
    for day, ok in ((today, True), (today + dt.timedelta(days=1), False)):
        case = copy.deepcopy(SAMPLE_CASE)
        case["contact"]["date"] = case["contact"]["policy_explained"]["date"] = day.isoformat()
        f = env.tmp / "intake.toml"
        f.write_text(intake_text(case), encoding="utf-8")
        p = subprocess.run([sys.executable, "-m", "sendvault", "intake", "--from", str(f)], env=zone,
                           capture_output=True, text=True)
        assert (p.returncode == 0) == ok, (day, p.stderr)
        if not ok:
            assert "in the future" in p.stderr
    p = subprocess.run([sys.executable, "-m", "sendvault", "today"], env=zone, capture_output=True, text=True)
    assert p.returncode == 0 and f"{today.day} {today.strftime('%B %Y')}" in p.stdout.splitlines()[0], p.stdout


# --- Deliver 6: nothing sensitive in an internal error; tracebacks only under --debug ---------


def test_an_internal_error_shows_no_data_and_debug_shows_no_locals(env: Env, monkeypatch):
    from sendvault.records import caseload

    cid = make_case(env)

    def broken(record, *args, **kwargs):
        secret_local = "LOCAL-" + record["person"]["name"]  # noqa: F841 (a local a traceback with locals would print)
        raise RuntimeError(f"failed on {record['person']['name']}")

    monkeypatch.setattr(caseload, "assigned_to", broken)
    r = env.cli("show", cid)
    assert r.exit_code == 1
    line = one_line_error(r)
    assert "internal error (RuntimeError)" in line and "--debug" in r.stderr
    assert "Jane Example" not in r.stderr + r.stdout
    r = env.cli("--debug", "show", cid)
    assert r.exit_code == 1
    assert "Traceback" in r.stderr and "broken" in r.stderr  # where it failed
    assert "LOCAL-Jane" not in r.stderr  # the local variable's value is never printed
    r2 = env.cli("show", cid, "--debug")  # after the command too, like --vault
    assert r2.exit_code == 1 and "Traceback" in r2.stderr


def test_core_dumps_are_off_for_sendvault_and_its_editor(env: Env):
    """The limit is set at start-up and inherited: the editor (which holds plaintext) reports it."""
    from conftest import tty_run

    cid = make_case(env)
    log = env.tmp / "limits"
    script = env.tmp / "limits-editor.py"
    script.write_text(f"import resource, pathlib\npathlib.Path({str(log)!r}).write_text(repr(resource.getrlimit(resource.RLIMIT_CORE)))\n")
    env.extra_env.update({"EDITOR": f"{sys.executable} {script}", "VISUAL": f"{sys.executable} {script}"})
    r = tty_run(env, "edit", cid)
    assert r.exit_code == 0, r.stderr
    assert log.read_text() == "(0, 0)"


@pytest.mark.parametrize("tz", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_interactive_default_date_is_the_officers_today(env: Env, tz: str):
    import pexpect

    from sendvault.records import answers

    child = pexpect.spawn(sys.executable, ["-m", "sendvault", "intake"], env={**os.environ, **env.env(), "TZ": tz},
                          encoding="utf-8", timeout=60, dimensions=(40, 200))
    try:
        child.expect_exact("Date of first contact")
        child.expect_exact(": ")
        today = dt.datetime.now(ZoneInfo(tz)).date()
        assert f"({answers.format_date(today)})" in child.before, child.before
    finally:
        child.close(force=True)


def test_output_to_a_reader_that_went_away_is_quiet(env: Env):
    """``sendvault show ID | head -0``: the reader closed the pipe; no internal error, no traceback."""
    cid = make_case(env)
    for args in (("show", cid), ("list",), ("show", cid, "--json")):
        p = subprocess.Popen([sys.executable, "-m", "sendvault", *args], env={**os.environ, **env.env()},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdout.close()
        err = p.stderr.read().decode()
        p.wait(timeout=60)
        assert p.returncode in (0, 1, 141), (p.returncode, err)  # rich exits 1 quietly on a broken pipe
        assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err, err


@pytest.mark.parametrize("width", ["0", "1", "-5", "wide"])
def test_help_at_any_width_is_printed_whole(env: Env, width: str):
    for args in (["--help"], ["show", "--help"]):
        p = subprocess.run([sys.executable, "-m", "sendvault", *args], capture_output=True, text=True,
                           env={**os.environ, **env.env(), "COLUMNS": width})
        assert p.returncode == 0, p.stderr
        words = p.stdout.split()
        assert "Usage:" in words and "sendvault" in words, p.stdout
        if args[0] == "show":
            assert "K7M3-Q9P2" in words, p.stdout  # the example, whole
