"""`sendvault redact` (issue 8): the case study, --text, the review, the confirmation, the atomic output file."""

from __future__ import annotations

import os

from conftest import assert_no_personal_data, audit_log, make_case, one_line_error, spawn, finish

NOTE = "Jane rang: Sam's school (Example Hill Primary) wants a meeting on 4 May 2026; call 07700900123 or Dr Patel."


def case_with_note(env) -> str:
    cid = make_case(env)
    r = env.cli("note", cid, NOTE)
    assert r.exit_code == 0, r.stderr
    return cid


def test_case_study_to_stdout_holds_no_identifier(env):
    cid = case_with_note(env)
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert "# Case study" in r.stdout and "The parent rang: the child's school (a primary school)" in r.stdout
    assert "[PERSON 1]" in r.stdout and "May 2026" in r.stdout
    assert_no_personal_data(r.stdout, r.stderr)


def test_out_with_yes_writes_the_file_atomically(env):
    """The file is written beside the target and renamed over it: an earlier study at that path is
    replaced whole (a second name for the old file still reads the old text, which a write in place
    would have overwritten), and no temporary file is left."""
    cid = case_with_note(env)
    out = env.tmp / "study.md"
    out.write_text("an earlier study\n")
    os.link(out, env.tmp / "earlier.md")
    r = env.cli("redact", cid, "--style", "tags", "--out", str(out), "--yes")
    assert r.exit_code == 0, r.stderr
    assert (env.tmp / "earlier.md").read_text() == "an earlier study\n"
    assert out.stat().st_ino != (env.tmp / "earlier.md").stat().st_ino
    text = out.read_text()
    assert "[CHILD]'s school" in text and "[PHONE]" in text
    assert_no_personal_data(text, r.stderr)
    assert not [p for p in env.tmp.iterdir() if p.name.startswith(".study.md")]  # no temporary file left
    assert [e["command"] for e in audit_log(env) if e["case"] == cid][-1] == "redact"


def test_out_without_terminal_or_yes_is_refused_and_writes_nothing(env):
    cid = case_with_note(env)
    out = env.tmp / "study.md"
    r = env.run("redact", cid, "--out", str(out))
    assert "--yes" in one_line_error(r) and r.exit_code == 2
    assert not out.exists()


def test_review_and_confirm_on_a_terminal(env):
    cid = case_with_note(env)
    out = env.tmp / "study.md"
    child = spawn(env, "redact", cid, "--out", str(out))
    child.expect("Write this redacted text")
    child.sendline("n")
    status, _ = finish(child)
    assert status == 1 and not out.exists()
    child = spawn(env, "redact", cid, "--out", str(out))
    child.expect("Write this redacted text")
    child.sendline("y")
    status, _ = finish(child)
    assert status == 0 and "the child" in out.read_text()


def test_text_from_stdin_needs_no_vault(env):
    r = env.cli("redact", "--text", "-", "--style", "tags",
                input="Quote from Sarah Jones, 12 Mill Lane, LS6 3HN: 'the LA ignored us'.\n")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Quote from [PERSON 1], [ADDRESS], [POSTCODE]: 'the LA ignored us'.\n"


def test_text_with_a_case_uses_its_identifiers(env):
    cid = make_case(env)
    r = env.cli("redact", cid, "--text", "-", input="JANE EXAMPLE said sam is upset\n")
    assert r.stdout == "The parent said the child is upset\n"


def test_usage_errors(env):
    assert "case id" in one_line_error(env.cli("redact"))
    assert "--style" in one_line_error(env.cli("redact", "--text", "-", "--style", "fancy", input="x"))
    missing = one_line_error(env.cli("redact", "--text", str(env.tmp / "Jane Example.txt")))
    assert "does not exist" in missing and "Jane" not in missing
    assert_no_personal_data(missing)  # the file's name ("Jane Example.txt") is not repeated


def test_dates_as_the_childs_age(env):
    cid = case_with_note(env)  # the child was born on 9 March 2014; the note speaks of 4 May 2026
    r = env.cli("redact", cid, "--dates", "age")
    assert r.exit_code == 0, r.stderr
    assert "a meeting at age 12;" in r.stdout and "May 2026" not in r.stdout
    assert "--dates" in one_line_error(env.cli("redact", cid, "--dates", "week"))
    # No case, no date of birth: 'age' could only ever mean 'month', so it is refused (issue 21.8), not ignored.
    r = env.cli("redact", "--text", "-", "--dates", "age", input="Seen on 4 May 2026.\n")
    assert "--dates age" in one_line_error(r) and r.exit_code == 2 and r.stdout == ""
    r = env.cli("redact", "--text", "-", "--dates", "month", input="Seen on 4 May 2026.\n")
    assert r.stdout == "Seen on May 2026.\n"


def test_review_marks_every_replacement(env):
    cid = case_with_note(env)
    r = env.cli("redact", cid, "--review")  # not a terminal: the replacements between brackets
    assert r.exit_code == 0, r.stderr
    assert "⟦The parent⟧ rang: ⟦the child⟧'s school (⟦a primary school⟧)" in r.stdout
    assert "replacement(s) highlighted" in r.stderr
    child = spawn(env, "redact", cid, "--review")  # a terminal: reverse video, the text unchanged
    status, shown = finish(child)
    assert status == 0 and "\x1b[1;7mThe parent\x1b[0m rang" in shown and "⟦" not in shown


def test_people_numbered_across_the_notes_of_a_case_study(env):
    cid = make_case(env)
    for text in ("Okonjo from the LA rang.", "Dr Okonjo and Mrs Patel came; Sarah Smith sent apologies."):
        assert env.cli("note", cid, text).exit_code == 0
    r = env.cli("redact", cid, "--style", "tags")
    assert "[PERSON 1] from the LA rang." in r.stdout
    assert "[PERSON 1] and [PERSON 2] came; [PERSON 3] sent apologies." in r.stdout
    assert "Okonjo" not in r.stdout


def test_yes_without_out_is_refused(env):
    """Issue 21.8: --yes confirms writing --out; without --out it did nothing and was accepted. Now refused, before
    any key is asked or anything is printed."""
    cid = case_with_note(env)
    r = env.cli("redact", cid, "--yes")
    assert "--yes" in one_line_error(r) and "--out" in one_line_error(r) and r.exit_code == 2 and r.stdout == ""
    r = env.cli("redact", "--text", "-", "--yes", input="Jane Example rang.")
    assert "--yes" in one_line_error(r) and r.stdout == ""
    assert env.cli("redact", cid).exit_code == 0  # to standard output, nothing to confirm


def test_private_notes_and_breach_accounts_are_left_out_and_counted(env):
    cid = make_case(env)
    for args in (["Met the family to plan the review. MARKER-OPEN"],
                 ["Told us in confidence about home. MARKER-PRIVATE", "--from", "young-person", "--private"]):
        assert env.cli("note", cid, *args).exit_code == 0
    r = env.cli("breach", cid, "--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no",
                "--why-not", "telling the parent would put the child at risk", "--to", "children's social care",
                "--only", "child", "--account", "MARKER-ACCOUNT")
    assert r.exit_code == 0, r.stderr
    r = env.cli("redact", cid)
    assert r.exit_code == 0, r.stderr
    assert "MARKER-OPEN" in r.stdout and "MARKER-PRIVATE" not in r.stdout and "MARKER-ACCOUNT" not in r.stdout
    assert "left out of the case study: 1 private note and 1 breach account (--include-private" in r.stderr
    r = env.cli("redact", cid, "--include-private")
    assert r.exit_code == 0 and "MARKER-PRIVATE" in r.stdout and "MARKER-ACCOUNT" not in r.stdout
    assert "left out of the case study: 1 breach account\n" in r.stderr and "private note" not in r.stderr
    r = env.cli("redact", "--text", "-", "--include-private", input="Nothing here.\n")
    assert r.exit_code == 2 and "--include-private is for a case study" in r.stderr
