"""Every example in the docs works as it stands (docs/intake-file.md, docs/officer-guide.md).

- Each ```toml block of docs/*.md that is an intake file is run through
  ``sendvault intake --from -`` on a throw-away vault; a block whose first line is
  ``# error: ...`` must be refused with that error, the others must succeed.
- The code tables of docs/intake-file.md are those of sendvault/records/codes.py
  (``python tests/test_docs_examples.py`` prints them to paste after each marker).
- The ``$ sendvault ...`` lines of docs/officer-guide.md are run, in order, on a
  throw-away vault with the guide's case ids replaced by real ones; those that
  need a terminal, an editor or a passphrase are only checked to exist (their
  command and every option, through ``--help``): ``CHECKED_ONLY`` lists them.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from conftest import ID_RE, Env, make_case

DOCS = Path(__file__).resolve().parent.parent / "docs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
MARKER = re.compile(r"<!-- codes: ([a-z_.]+) -->\n")


def blocks(language: str) -> list[tuple[str, int, str]]:
    """(file name, line, text) of every fenced block in ``language`` in docs/*.md."""
    out = []
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m[1] == language:
                out.append((path.name, text.count("\n", 0, m.start()) + 1, m[2]))
    return out


def is_intake(text: str) -> bool:
    """A block with a [contact] section and none of the fields sendvault sets (a stored record is not an intake)."""
    return (re.search(r"^\[contact\]", text, re.MULTILINE) is not None
            and re.search(r"^(format|id|created) *=", text, re.MULTILINE) is None)


INTAKES = [b for b in blocks("toml") if is_intake(b[2])]


def test_the_docs_have_intake_examples():
    assert len(INTAKES) >= 5
    assert any("error:" in text.splitlines()[0] for _, _, text in INTAKES)


@pytest.mark.parametrize("name, line, text", INTAKES, ids=[f"{n}:{ln}" for n, ln, _ in INTAKES])
def test_every_intake_example_works_as_it_stands(env: Env, name, line, text):
    first = text.splitlines()[0]
    r = env.cli("intake", "--from", "-", input=text)
    if first.startswith("# error:"):
        assert r.exit_code in (1, 5), r.stdout  # 5: refused by policy, 1: a malformed file
        assert first.removeprefix("# error:").strip() in r.stderr, r.stderr
    else:
        assert r.exit_code == 0, f"{name}:{line}: {r.stderr}"
        assert ID_RE.fullmatch(r.stdout.strip())


# --- the code tables ------------------------------------------------------------------


def code_table(path: str) -> str:
    from sendvault.records import categories, codes

    listed = categories.WORDED.get(path)  # the service's own list: its shipped codes
    described = categories.defaults(listed) if listed else codes.descriptions(path)
    rows = [f"| `{code}` | {words} |" for code, words in described.items()]
    field = path.split('.')[-1]
    heading = f"{codes.label(path)[0].upper()}{codes.label(path)[1:]}, `{field}`" + \
        (f", as shipped; the vault's own list is `sendvault categories show {listed}`:" if listed else ":")
    return f"{heading}\n\n| code | meaning |\n|---|---|\n" + "\n".join(rows) + "\n"


INTAKE_CODES = ["kind", "contact.channel", "contact.route", "contact.caller", "contact.referral_permission.given_by",
                "contact.referral_permission.method", "profile.age_band", "profile.school_phase", "profile.sen_stage",
                "profile.primary_need", "profile.ethnicity", "profile.issues", "profile.support_level"]


def fill(text: str) -> str:
    """docs text with the table after each marker made current."""
    def table(m: re.Match) -> str:
        return m[0] + "\n" + code_table(m[1])

    text = re.sub(r"(<!-- codes: [a-z_.]+ -->\n)\n[^\n]*`:\n\n\| code \| meaning \|\n(\|[^\n]*\n)+", r"\1", text)
    return MARKER.sub(table, text)


def test_the_code_tables_are_those_of_codes_py():
    from sendvault.records import codes

    text = (DOCS / "intake-file.md").read_text(encoding="utf-8")
    assert sorted(MARKER.findall(text)) == sorted(INTAKE_CODES)
    assert set(INTAKE_CODES) == {p for p in [*codes.enumerations(), "profile.issues"]
                                 if p.split(".")[0] in ("kind", "contact", "profile")}, "an intake field's codes are missing"
    assert fill(text) == text, "docs/intake-file.md's code tables are stale: run python tests/test_docs_examples.py"


def test_the_guide_and_readme_link_the_intake_file_page():
    for doc in (DOCS / "officer-guide.md", DOCS.parent / "README.md"):
        assert "intake-file.md" in doc.read_text(encoding="utf-8"), doc.name


# --- the officer guide's command lines ------------------------------------------------

# Lines that need a terminal, an editor, a passphrase, a fresh directory or another
# officer's key: their command and options are checked to exist (through --help), not run.
CHECKED_ONLY = ("sendvault keygen", "sendvault passphrase", "sendvault init ", "sendvault officer add ", "sendvault note XPKC-KFN6 --editor",
                "sendvault edit ", "sendvault erase ", "sendvault assign --from ", "sendvault verify --vault ",
                "sendvault attach ", "sendvault open ", "sendvault detach ")


def guide_entries() -> list[tuple[str, str | None]]:
    """(command line, what is typed to it) for every sendvault command in the guide's shell blocks (a cron
    line's command too), comments dropped; a command reading standard input (``-``) is given the line after it."""
    text = (DOCS / "officer-guide.md").read_text(encoding="utf-8")
    entries: list[tuple[str, str | None]] = []
    for m in FENCE.finditer(text):
        if m[1] in ("console", "sh", "shell", "bash"):
            block = m[2].splitlines()
            for i, ln in enumerate(block):
                found = re.search(r"(?:^\$ |^[0-9*][0-9* ]* )(sendvault .*)", ln)
                if found:
                    line = re.sub(r"\s+#.*$", "", found[1]).strip()
                    typed = None
                    if "-" in shlex.split(line) and i + 1 < len(block) and not block[i + 1].startswith(("$ ", "sendvault:")):
                        typed = block[i + 1] + "\n"
                    entries.append((line, typed))
    return entries


def guide_commands() -> list[str]:
    return [line for line, _ in guide_entries()]


def checked_only(line: str) -> bool:
    return line.startswith(CHECKED_ONLY)


def test_the_guide_has_commands():
    assert len(guide_commands()) >= 15


def _options_exist(argv: list[str]) -> None:
    from typer.testing import CliRunner

    from sendvault.cli import app

    words = [w for w in argv[1:] if not w.startswith("-")]
    # The command path: the leading words that are commands (help succeeds for them).
    path: list[str] = []
    for w in words:
        r = CliRunner().invoke(app, [*path, w, "--help"], env={"COLUMNS": "300", "NO_COLOR": "1"})
        if r.exit_code != 0 or "Usage:" not in r.stdout:
            break
        path.append(w)
        help_text = r.stdout
    assert path, f"no such command: {argv}"
    for option in (w.split("=")[0] for w in argv[1:] if w.startswith("--")):
        if option in ("--vault", "--identity"):
            continue
        assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text), f"{' '.join(argv)}: no option {option}"


def test_every_guide_command_exists_with_its_options():
    for line in guide_commands():
        _options_exist(shlex.split(line))


def test_the_guide_commands_run_on_a_throw_away_vault(env: Env):
    """Run in the guide's order; XPKC-KFN6 and the guide's other ids are real cases here."""
    ids = {}
    ran = []
    for line, typed in guide_entries():
        if checked_only(line):
            continue
        for guide_id in ID_RE.findall(line):
            if guide_id not in ids:
                ids[guide_id] = make_case(env) if guide_id != "XPKC-KFN7" else "ZZZZ-ZZZZ"  # the guide's missing case
        argv = shlex.split(line)[1:]
        argv = [ids.get(a, a) for a in argv]
        if argv[:1] == ["assign"] and len(argv) == 3:
            env.new_officer(argv[2].title()) if argv[2].title() not in _officers(env) else None
        r = env.cli(*argv, input=typed)
        expected_failure = "XPKC-KFN7" in line
        assert (r.exit_code != 0) == expected_failure, f"{line}: {r.stderr}"
        ran.append(line)
    assert len(ran) >= 10, ran


def _officers(env: Env) -> str:
    return env.cli("officer", "list").stdout


if __name__ == "__main__":  # print docs/intake-file.md with its code tables made current
    path = DOCS / "intake-file.md"
    if len(sys.argv) > 1 and sys.argv[1] == "--write":
        path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(fill(path.read_text(encoding="utf-8")))
