"""The terminal as a newcomer reads it (issue 27, item 6): whole words in tables, times in words,
a version, and subject access as real subcommands."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import pytest

from sendvault.basics.timefmt import duration_words

from conftest import make_case, tty_run


def _words_cut(text: str, words: set[str]) -> list[str]:
    """Each word of ``words`` that does not appear whole in ``text`` (a table cell or a heading: value line)."""
    seen = set(re.findall(r"[\w-]+", text))
    return sorted(w for w in words if w not in seen)


def _on_terminal(env, columns: int, *args: str) -> list[str]:
    r = tty_run(env, *args, extra_env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.stderr
    return [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip("\r") for line in r.stdout.splitlines()]


@pytest.fixture
def two_cases(env):
    make_case(env)
    make_case(env)
    return env


@pytest.mark.parametrize("columns", range(60, 141, 5))
def test_list_never_splits_a_heading_or_a_value_inside_a_word(two_cases, columns):
    lines = _on_terminal(two_cases, columns, "list")
    headings = {"last_activity", "support_level", "caller", "officer", "opened"}
    assert not _words_cut("\n".join(lines), headings | {"parent-carer"}), "\n".join(lines)
    assert all(len(line) <= columns for line in lines)


@pytest.mark.parametrize("width", range(74, 106))
def test_a_table_narrower_than_its_natural_width_keeps_every_word_whole(width):
    """rich narrows the widest columns first, into their words ('support_lev' above 'el')."""
    import io

    from rich.table import Table

    from sendvault.cli.rich_safe import SafeConsole

    table = Table()
    for heading in ("id", "opened", "status", "officer", "last_activity", "kind", "caller", "support_level"):
        table.add_column(heading, no_wrap=heading in ("id", "opened", "status", "last_activity"))  # as common.print_table
    for officer, caller, level in (("Demo Manager", "parent-carer", "advice"), ("Demo Manager", "professional", "casework"),
                                   ("Demo Manager", "young-person", "information")):
        table.add_row("QDV1-N1YP", "2026-12-04", "open", officer, "2026-12-04", "case", caller, level)
    def shown(columns: int) -> str:
        buffer = io.StringIO()
        SafeConsole(file=buffer, width=columns, color_system=None).print(table)
        return buffer.getvalue()

    natural = max(len(line) for line in shown(200).splitlines())
    text = shown(width)
    words = {"support_level", "last_activity", "young-person", "parent-carer", "professional", "information", "Manager"}
    assert not _words_cut(text, words), text
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    if lines[0].startswith("┏"):  # a table, not one record per block: it fills the width
        assert max(len(line) for line in lines) == min(width, natural)


@pytest.mark.parametrize(("seconds", "words"), [
    (20, "20 seconds"), (60, "1 minute"), (1800, "30 minutes"), (5400, "1 hour 30 minutes"),
    (8 * 3600, "8 hours"), (3601, "1 hour 1 second"),
])
def test_durations_are_said_in_words(seconds, words):
    assert duration_words(seconds) == words


@pytest.mark.parametrize(("timeout", "said"), [("20s", "20 seconds"), ("8h", "8 hours"), ("90", "1 hour 30 minutes")])
def test_unlock_says_how_long_in_words(env, timeout, said):
    r = env.run("unlock", "--timeout", timeout)
    try:
        assert r.exit_code == 0, r.stderr
        assert f"unlocked until {said} without use" in r.stderr
        assert "min idle" not in r.stderr and "0.3333" not in r.stderr
    finally:
        pid = re.search(r"agent (\d+)", r.stderr)
        if pid:
            os.kill(int(pid.group(1)), signal.SIGTERM)


def test_version_is_printed_and_nothing_else_runs(tmp_path):
    p = subprocess.run([sys.executable, "-m", "sendvault", "--version"], capture_output=True, text=True,
                       env={**os.environ, "SENDVAULT_VAULT": str(tmp_path / "none")})
    assert p.returncode == 0, p.stderr
    assert re.fullmatch(r"sendvault \d+\.\d+\.\d+\S*\n", p.stdout)
    assert p.stderr == ""


def test_sar_request_and_copy_are_real_subcommands(env, tmp_path):
    help_text = env.cli("sar", "--help").stdout
    assert "{[request]" not in help_text and "[]" not in help_text
    assert re.search(r"│ request\s", help_text) and re.search(r"│ copy\s", help_text)
    cid = make_case(env)
    # 'sar ID' is still the copy, as officers have typed it; 'sar copy ID' is the same
    for args, name in (((cid,), "a.json"), (("copy", cid), "b.json")):
        assert env.cli("sar", "request", cid, "--for", "parent").exit_code == 0
        r = env.cli("sar", *args, "--for", "parent", "--out", str(tmp_path / name), "--format", "json", "--plaintext")
        assert r.exit_code == 0, r.stderr
        assert (tmp_path / name).exists()
    r = env.cli("sar", "request", cid, "--for", "parent", "--out", str(tmp_path / "c.pdf"))
    assert r.exit_code == 2 and "--out" in r.stderr


def test_a_report_of_an_empty_period_says_to_choose_the_period(env):
    make_case(env)
    r = env.cli("report", "--from", "2001-04-01", "--to", "2002-03-31", "--format", "csv")
    assert r.exit_code == 0, r.stderr
    assert "no contact falls between 2001-04-01 and 2002-03-31" in r.stderr and "--from and --to" in r.stderr
    r = env.cli("report", "--from", "2000-01-01", "--to", "2099-12-31", "--format", "csv")
    assert r.exit_code == 0 and "no contact falls" not in r.stderr


def test_with_no_editor_set_an_easy_one_is_chosen_where_installed(tmp_path, monkeypatch):
    from sendvault.records import editing

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    assert editing.default_editor() == "vi"  # nothing easier here
    for name in ("vi", "micro", "nano"):
        (bin_dir / name).write_text("#!/bin/sh\nexit 0\n")
        (bin_dir / name).chmod(0o755)
    assert editing.default_editor() == "nano"
    (bin_dir / "nano").unlink()
    assert editing.default_editor() == "micro"


def test_opening_vi_for_lack_of_another_says_how_to_leave_it_and_choose_another(env, tmp_path):
    cid = make_case(env)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # A stand-in for vi that writes the note and saves, as an officer would.
    (bin_dir / "vi").write_text('#!/bin/sh\nfor f; do :; done\nprintf "Spoke to the SENCo.\\n" > "$f"\n')
    (bin_dir / "vi").chmod(0o755)
    r = tty_run(env, "note", cid, "--editor", extra_env={"PATH": str(bin_dir), "EDITOR": "", "VISUAL": ""})
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "opening vi" in r.stderr and ":wq" in r.stderr and "EDITOR=nano" in r.stderr
    r = tty_run(env, "note", cid, "--editor", extra_env={"PATH": str(bin_dir), "EDITOR": "vi"})
    assert r.exit_code == 0 and "opening vi" not in r.stderr  # chosen, not fallen back to


def test_the_passphrase_prompt_says_unlock_asks_it_once(env, protected_identity):
    from conftest import PASSPHRASE, finish, spawn

    key, recipient = protected_identity
    assert env.cli("officer", "add", "Pat", recipient).exit_code == 0
    cid = make_case(env)
    child = spawn(env, "show", cid, identity=key)
    child.expect("tip: 'sendvault unlock' asks your passphrase once for a working session")
    child.expect(f"passphrase for {key}: ")
    child.sendline(PASSPHRASE)
    status, _ = finish(child)
    assert status == 0


def test_show_of_a_destroyed_case_says_when_and_why_and_nothing_else(env):
    cid = make_case(env)
    assert env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes").exit_code == 0
    for args in (("show", cid), ("note", cid, "late note")):
        r = env.cli(*args)
        assert r.exit_code != 0
        first = r.stderr.splitlines()[0]
        assert first.startswith(f"sendvault: error: case {cid} was destroyed on ") and "at the service user's request" in first
        assert "Jane" not in r.stderr and "Example" not in r.stderr
    r = env.cli("show", "ZZZZ-ZZZZ")
    assert "no case ZZZZ-ZZZZ in this vault" in r.stderr  # never destroyed: as before


def test_a_purge_dry_run_lists_each_case_with_its_rule_and_due_date(env):
    import copy

    from conftest import SAMPLE_CASE

    old = copy.deepcopy(SAMPLE_CASE)
    old["contact"] = {**old["contact"], "date": "2024-01-02",
                      "policy_explained": {"version": "2025-01", "date": "2024-01-02", "copy_given": True}}
    old["child"] = {**old["child"], "date_of_birth": "2000-01-01"}
    old["profile"] = {**old["profile"], "age_band": "19-25", "school_phase": "post-16"}
    due, kept = make_case(env, old), make_case(env)
    assert env.cli("retention", "rules", "set", "--birthday", "25").exit_code == 0
    r = env.cli("retention", "purge", "--dry-run")
    assert r.exit_code == 0, r.stderr
    row = next(line for line in r.stdout.splitlines() if due in line)
    assert "2025-01-01" in row and "birthday" in row
    assert kept not in r.stdout
    assert "1 due" in r.stderr and "nothing destroyed" in r.stderr
    assert env.cli("show", due).exit_code == 0  # a dry run destroys nothing
