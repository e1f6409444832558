"""What mutation testing of retention.py found untested (docs/reliability.md, "Mutation testing"):
the words `retention rules` says a vault's rules in, which a manager checks before cron destroys
anything by them (each kind of rule, months in the singular, ordinal birthdays), and the plan's
counts of cases and of those not due while open. The second run's survivors: the rules' bounds in
words, the plan's fallbacks, order and holds, a destruction interrupted by a crash (the kill harness
of test_mutation_kills_destruction.py), cases changed between the purge's plan and their destruction
(another process, at the moment the purge finishes interrupted destructions), paper files and their
registers, the purge's failures and its own audit entry, and the clock's bounds to the second."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import Env, audit_log, core_vault, make_case, one_line_error

from sendvault.records import retention


def rules(env: Env, *args: str) -> list[str]:
    if args:
        r = env.cli("retention", "rules", "set", *args)
        assert r.exit_code == 0, r.stderr
    r = env.cli("retention", "rules")
    assert r.exit_code == 0, r.stderr
    return r.stdout.splitlines()


def test_no_rules_say_that_purge_destroys_nothing(env: Env):
    assert rules(env) == ["no retention rules are set: 'retention purge' destroys nothing",
                          "a manager sets them with 'sendvault retention rules set'"]


def test_each_kind_of_rule_in_words(env: Env):
    said = rules(env, "--birthday", "25", "--left-education", "1", "--leaving-age", "22", "--after-closed", "1",
                 "--after-last-contact", "13", "--enquiries", "1", "--fallback", "2")
    # The audit trail says what was set, in short.
    assert [e.get("detail") for e in audit_log(env) if e["command"] == "retention rules set"] == [
        "birthday 25; left-education 1/22; after-closed 1; after-last-contact 13; enquiries 1; fallback 2"]
    assert said[:7] == [
        "a case is destroyed when every one of these says so (the latest date):",
        "  - at the young person's 25th birthday",
        "  - 1 month after the young person left education (the date recorded), or without one, 1 month after their 22nd birthday",
        "  - 1 month after the case was closed (never while it is open)",
        "  - 13 months after the last activity on the case",
        "anonymous contacts and general enquiries: 1 month after their last activity",
        "a rule whose date the record lacks counts 2 months from the last activity instead",
    ]
    assert said[7:] == ["a destroyed case's anonymous profile is kept for statistics",
                        f"set on {dt.date.today().isoformat()} by Ann"]
    assert rules(env, "--birthday", "25", "--no-locality")[-2] == \
        "a destroyed case's anonymous profile is kept for statistics, without its locality"
    assert rules(env, "--birthday", "25", "--no-statistics")[-2] == "nothing of a destroyed case is kept for statistics"
    said = rules(env, "--left-education", "24", "--after-closed", "2")
    assert said[1:3] == ["  - 24 months after the young person left education (the date recorded)",
                         "  - 2 months after the case was closed (never while it is open)"]


@pytest.mark.parametrize("age, words", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"),
                                        (12, "12th"), (13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"),
                                        (23, "23rd"), (100, "100th")])
def test_birthdays_are_ordinals(env: Env, age, words):
    assert rules(env, "--birthday", str(age))[1] == f"  - at the young person's {words} birthday"


def _plan(env: Env) -> dict:
    r = env.cli("retention", "plan", "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_the_plan_counts_the_cases_and_those_not_due_while_open(env: Env):
    ids = sorted([make_case(env), make_case(env)])
    plan = _plan(env)
    assert (plan["rules"], plan["cases"], plan["not_due_while_open"]) == (False, 2, 0)
    rules(env, "--after-closed", "12")
    plan = _plan(env)
    assert (plan["cases"], plan["not_due_while_open"], plan["due"]) == (2, 2, [])
    rules(env, "--after-last-contact", "0")
    plan = _plan(env)
    assert (plan["cases"], plan["not_due_while_open"]) == (2, 0)
    assert [(r["id"], r["status"]) for r in plan["due"]] == [(cid, "open") for cid in ids]


def test_the_plan_lists_what_falls_due_within_30_days_to_the_last_day(env: Env):
    cid = make_case(env)
    rules(env, "--after-last-contact", "1")

    def plan_on(day: dt.date) -> dict:
        r = env.cli("retention", "plan", "--on", day.isoformat(), "--json")
        assert r.exit_code == 0, r.stderr
        return json.loads(r.stdout)

    [row] = plan_on(dt.date.today() + dt.timedelta(days=400))["due"]
    due = dt.date.fromisoformat(row["due"])
    assert [r["id"] for r in plan_on(due - dt.timedelta(days=30))["soon"]] == [cid]
    assert plan_on(due - dt.timedelta(days=31))["soon"] == []


# --- the rerun of 5 December (docs/reliability.md, "retention, again") -------------------------------------------


@pytest.mark.parametrize("option, unit, low, high", [
    ("--birthday", "an age", 1, 100), ("--leaving-age", "an age", 1, 100), ("--left-education", "months", 0, 1200),
    ("--after-closed", "months", 0, 1200), ("--after-last-contact", "months", 0, 1200),
    ("--enquiries", "months", 0, 1200), ("--fallback", "months", 0, 1200)])
def test_each_rules_number_is_refused_past_its_ends_in_words_and_taken_at_them(env: Env, option, unit, low, high):
    """A number one past either end is refused in one line naming the option, what it is and its range; each end
    itself is taken. Kills make_rules' names, units and upper bounds mutated (3, 4, 6 to 16, 18 to 22, 24 to 28,
    30 to 34, 36 to 40, 42 to 44)."""
    needs = ["--left-education", "12"] if option == "--leaving-age" else []
    needs += [] if option in ("--birthday", "--left-education", "--after-closed", "--after-last-contact") else \
        ["--after-closed", "12"]
    for value in (low - 1, high + 1):
        r = env.cli("retention", "rules", "set", *needs, option, str(value))
        assert r.exit_code == 2, r.stderr
        assert one_line_error(r) == f"sendvault: error: {option} is {unit} from {low} to {high}"
    for value in (low, high):
        rules(env, *needs, option, str(value))
        [rule_set] = [e for e in audit_log(env) if e["command"] == "retention rules set"][-1:]
        assert f"{option.lstrip('-')} {value}" in rule_set["detail"] or f"/{value}" in rule_set["detail"]


def _case(env: Env, **child) -> str:
    """A case whose child's details are ``child`` (a value None: left out)."""
    from conftest import SAMPLE_CASE

    case = {**SAMPLE_CASE, "child": {k: v for k, v in {**SAMPLE_CASE["child"], **child}.items() if v is not None}}
    return make_case(env, case)


def test_the_fallback_lists_only_the_rules_whose_date_the_record_lacks(env: Env):
    """The plan's `fallback` names a case only for the rules whose date its record lacks, not for a date of leaving
    education recorded, a leaving age's birthday, a closing or the last activity; a case open under an after-closed
    rule is listed with that rule and no date, keeping the rules that fell back before it. Kills rule_date 44, 61,
    71, 83 and 94 (a date the record holds marked as from the fallback) and due 32, 35 and 36 (the open case's
    rule or its fallbacks lost)."""
    left = _case(env, left_education="2020-07-20")          # the date recorded
    by_age = _case(env)                                     # a date of birth: the leaving age's birthday
    neither = _case(env, date_of_birth=None)                # neither: the fallback
    r = env.cli("close", by_age, "--outcome", "advice-given")
    assert r.exit_code == 0, r.stderr
    rules(env, "--left-education", "12", "--leaving-age", "19", "--after-closed", "1", "--after-last-contact", "1")
    plan = _plan(env)
    assert plan["fallback"] == [{"id": neither, "due": None, "rule": "after-closed", "fallback": ["left-education"],
                                 "hold": None, "status": "open"}]
    # The closed case falls due in 2034 (its 19th birthday and a year): counted, listed nowhere.
    assert (plan["cases"], plan["not_due_while_open"]) == (3, 2) and left not in json.dumps(plan)


def test_of_two_rules_giving_the_same_day_the_first_is_named(env: Env):
    """Two rules whose dates tie: the plan names the first of the rules (the order `retention rules` lists
    them in), not the last. Kills due 42 (`>=` for `>`)."""
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()  # the intake's own day: its last activity
    cid = _case(env, left_education=today)
    rules(env, "--left-education", "0", "--after-last-contact", "0")
    [row] = _plan(env)["due"]
    assert (row["id"], row["due"], row["rule"]) == (cid, today, "left-education")


# --- a destruction interrupted by a crash (the kill harness of test_mutation_kills_destruction.py) ----------------


@pytest.mark.parametrize("step", ["keys", "case-file"])
def test_an_interrupted_destruction_is_finished_by_the_purge_neither_planned_as_due_nor_called_unreadable(env: Env,
                                                                                                           step):
    """An erasure killed before its key was shredded, or after (its case file left, no key to open it): the plan
    lists it as unfinished only, and the purge finishes it, destroys the case that is due, exits 0 and records its
    run. Kills plan 43 (the unfinished case planned as due as well: "keys"). It found a fault ("case-file"): the plan
    called the case "could not be read" (exit 1), and the purge that finished it counted it failed as well, exited 1
    and left its own run unrecorded; unfinished cases are no longer reported as damaged."""
    from test_mutation_kills_destruction import LOCAL, _erase_killed_at

    cid, due = make_case(env, LOCAL), make_case(env)
    rules(env, "--after-last-contact", "0")
    _erase_killed_at(env, step, cid)
    plan = _plan(env)
    assert (plan["unfinished"], [r["id"] for r in plan["due"]], plan["cases"]) == ([cid], [due], 1)
    r = env.cli("retention", "purge", "--yes", "--json")
    assert r.exit_code == 0, r.stderr
    done = json.loads(r.stdout)
    assert (done["destroyed"], done["finished"], done["failed"], done["skipped"]) == ([due], [cid], {}, [])
    assert [e["detail"] for e in audit_log(env) if e["command"] == "retention purge" and e["case"] is None] == [
        f"on {dt.date.today().isoformat()} (by this machine's clock): 1 destroyed, 1 finished"]


def test_what_outlives_an_erasure_whole_or_finished_by_the_purge(env: Env):
    """A destroyed case's statistical record keeps how they heard about the service (a code of the list), and its
    paper file not yet shredded goes into the paper register, whether the erasure ran whole or was killed before
    either was written and finished by the next purge. Kills erase 9 and 16 (the erasure's codes lost) and
    purge 34, 38 (the finishing's codes) and 35, 39 (its paper register)."""
    from sendvault.store import destruction
    from test_mutation_kills_destruction import LOCAL, _erase_killed_at

    heard = {**LOCAL, "contact": {**LOCAL["contact"], "heard_about": "school"}}
    whole, killed = make_case(env, heard), make_case(env, heard)
    r = env.cli("paper", "add", killed, "--where", "office-cabinet")
    assert r.exit_code == 0, r.stderr
    r = env.cli("erase", whole, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    _erase_killed_at(env, "statistics", killed)
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    assert "1 interrupted destruction(s) finished" in r.stderr
    stats = destruction.statistical_records(core_vault(env))
    assert [s["contact"].get("heard_about") for s in stats] == ["school", "school"]
    today = dt.date.today().isoformat()
    assert [(p["id"], p["paper"], p["where"], p["destroyed"]) for p in _plan(env)["papers_due"]] == [
        (killed, 1, "office-cabinet", today)]


def _erase(env: Env, cid: str):
    return env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")


def test_the_same_erase_again_finishes_one_killed_after_its_key_was_shredded(env: Env):
    """An erasure killed after the case's key was shredded (its file left, unreadable): the same erase again
    finishes it, not refusing a case it can no longer read. Kills check_erasable 3 to 7 (its look for a
    destruction begun: the pending record's path mutated or not looked at)."""
    from test_mutation_kills_destruction import LOCAL, _assert_destroyed_once, _erase_killed_at

    cid, kept = make_case(env, LOCAL), make_case(env)
    _erase_killed_at(env, "case-file", cid)
    r = _erase(env, cid)
    assert r.exit_code == 0, r.stderr
    _assert_destroyed_once(env, cid, kept)  # the first request's words kept, not the second's


def test_an_erased_case_restored_with_its_old_hold_is_erased_again(env: Env):
    """A case erased after its hold was released, then restored from a backup taken while it was held (its
    file carries the hold again): erase again destroys the copy, as the destruction record says, rather than
    refusing it for a hold the case no longer has. Kills check_erasable 8 (only a pending record looked for)."""
    import shutil

    from test_mutation_kills_destruction import LOCAL, _assert_destroyed_once

    cid, kept = make_case(env, LOCAL), make_case(env)
    assert env.cli("hold", cid, "--reason", "PO-7").exit_code == 0
    backup = env.tmp / "backup"
    shutil.copytree(env.vault, backup)
    assert env.cli("release", cid).exit_code == 0
    r = env.cli("erase", cid, "--asked-by", "young-person", "--how", "email", "--received", "30/11/2026", "--yes")
    assert r.exit_code == 0, r.stderr
    for rel in (f"cases/{cid}.age", f"casekeys/{cid}.e1.age"):
        shutil.copy2(backup / rel, env.vault / rel)
    r = _erase(env, cid)
    assert r.exit_code == 0, r.stderr
    _assert_destroyed_once(env, cid, kept)


# --- paper files (R34) ---------------------------------------------------------------------------------------------


def test_a_closed_cases_archived_paper_file_is_due_by_the_archive_or_with_the_case_sooner_to_the_day(env: Env):
    """A closed case's paper file in the archive falls due the archive period after closing, with no retention rules
    at all, and is listed on that very day; under rules that make the case due sooner, it is due with the case.
    Kills paper_due 44 (the case's date taken when there is none), 43 (the archive's date always) and
    paper_due_rows 12 (a paper file due today not listed)."""
    def ok(*args: str):
        r = env.cli(*args)
        assert r.exit_code == 0, r.stderr
        return r

    cid = make_case(env)
    ok("paper", "add", cid, "--where", "archive")
    ok("close", cid, "--outcome", "advice-given")
    today = dt.date.today().isoformat()  # the closing's day
    ok("paper", "settings", "--archive-months", "0")
    due = json.loads(ok("today", "--json").stdout)["papers_due"]
    assert [(p["id"], p["paper"], p["where"], p["due"]) for p in due] == [(cid, 1, "archive", today)]
    ok("paper", "settings", "--archive-months", "12")
    assert json.loads(ok("today", "--json").stdout)["papers_due"] == []
    rules(env, "--after-closed", "0")
    assert [(p["id"], p["due"]) for p in _plan(env)["papers_due"]] == [(cid, today)]


# --- the purge: what changed since its plan, what failed -----------------------------------------------------------


def test_a_case_held_or_reopened_by_another_officer_after_the_plan_is_skipped_not_destroyed(env: Env, monkeypatch):
    """Another process (an officer's `hold`, a manager's `reopen`) changes two planned cases after the purge made
    its plan and before it destroys them: both are skipped (listed, never destroyed), the third is destroyed.
    The moment is the purge's finishing of interrupted destructions, which comes between the two. Kills
    _still_due 6 and 7 (the recheck's `or`s made `and`) and what the purge makes of them (purge 60, 82 to 84)."""
    from sendvault.store import destruction

    held, reopened, due = sorted(make_case(env) for _ in range(3))
    for cid in (held, reopened, due):
        r = env.cli("close", cid, "--outcome", "advice-given")
        assert r.exit_code == 0, r.stderr
    rules(env, "--after-closed", "0")
    real = destruction.finish_unfinished

    def meanwhile(*args, **kwargs):
        for command in (["hold", held, "--reason", "PO-9"], ["reopen", reopened]):
            r = env.run(*command)
            assert r.exit_code == 0, r.stderr
        return real(*args, **kwargs)

    monkeypatch.setattr(destruction, "finish_unfinished", meanwhile)
    r = env.cli("retention", "purge", "--yes", "--json")
    assert r.exit_code == 0, r.stderr
    done = json.loads(r.stdout)
    assert (done["due"], done["destroyed"], done["skipped"]) == ([held, reopened, due], [due], [held, reopened])
    monkeypatch.undo()
    from conftest import show

    assert show(env, held)["holds"][0]["reason"] == "PO-9" and show(env, reopened)["status"] == "open"


def test_a_case_that_cannot_be_read_fails_the_purge_saying_why(env: Env):
    """A case file damaged: the purge destroys the rest and exits 1 in one line naming the case and why.
    Kills purge 28 to 30 (the reason given for a damaged case)."""
    from conftest import case_file

    bad, good = sorted(make_case(env) for _ in range(2))
    rules(env, "--after-last-contact", "0")
    data = bytearray(case_file(env, bad).read_bytes())
    data[-5] ^= 0x55
    case_file(env, bad).write_bytes(bytes(data))
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 1
    assert one_line_error(r) == (f"sendvault: error: retention purge on {dt.date.today().isoformat()}: 1 destroyed, "
                                 f"0 on hold, 1 failed: {bad} (cannot be read; 'sendvault verify' says why)")


# --- the plan --------------------------------------------------------------------------------------------------


def test_the_plan_lists_by_due_date_then_id_and_holds_what_falls_due_on_the_thirtieth_day(env: Env):
    """The plan's JSON has its documented keys only; its rows come by due date (then id), not by id; a held case
    due on the last of the 30 days is listed as held. Kills plan 22 and 23 (a stray key for the count of cases),
    89 (the rows by id alone) and 116 (the held case on the 30th day left out)."""
    later = _case(env, left_education="2020-01-01")
    earlier = _case(env, left_education="2019-01-01")
    while earlier < later:  # ids are random: one that sorts after the later-due case
        earlier = _case(env, left_education="2019-01-01")
    rules(env, "--left-education", "0")
    plan = _plan(env)
    assert set(plan) == {"on", "rules", "due", "soon", "held", "fallback", "not_due_while_open", "cases", "unfinished",
                         "papers_due"}
    due = [(r["id"], r["due"]) for r in plan["due"]]
    assert due == sorted(due, key=lambda r: (r[1], r[0])) and due[-1] == (later, "2020-01-01") and len(due) >= 2

    held = make_case(env)
    assert env.cli("hold", held, "--reason", "PO-3").exit_code == 0
    rules(env, "--after-last-contact", "1")

    def plan_on(day: dt.date) -> dict:
        r = env.cli("retention", "plan", "--on", day.isoformat(), "--json")
        assert r.exit_code == 0, r.stderr
        return json.loads(r.stdout)

    [row] = [r for r in plan_on(dt.date.today() + dt.timedelta(days=400))["held"] if r["id"] == held]
    day = dt.date.fromisoformat(row["due"])
    assert [r["id"] for r in plan_on(day - dt.timedelta(days=30))["held"]] == [held]
    assert plan_on(day - dt.timedelta(days=31))["held"] == []


def test_a_case_damaged_after_the_plan_fails_the_purge_saying_why(env: Env, monkeypatch):
    """A case file damaged after the purge's plan read it (by another process, or the disk): its destruction fails,
    the others go on, and the one line says why as `show` does. Kills purge 85 (the failure's reason lost)."""
    from conftest import case_file
    from sendvault.store import destruction

    bad, good = sorted(make_case(env) for _ in range(2))
    rules(env, "--after-last-contact", "0")
    real = destruction.finish_unfinished

    def meanwhile(*args, **kwargs):
        data = bytearray(case_file(env, bad).read_bytes())
        data[-5] ^= 0x55
        case_file(env, bad).write_bytes(bytes(data))
        return real(*args, **kwargs)

    monkeypatch.setattr(destruction, "finish_unfinished", meanwhile)
    r = env.cli("retention", "purge", "--yes")
    monkeypatch.undo()
    assert r.exit_code == 1
    why = one_line_error(env.cli("show", bad)).removeprefix("sendvault: error: ")
    assert one_line_error(r) == (f"sendvault: error: retention purge on {dt.date.today().isoformat()}: 1 destroyed, "
                                 f"0 on hold, 1 failed: {bad} ({why})")


def test_a_purge_whose_own_audit_entry_fails_says_so_and_the_next_run_records_it(env: Env, tmp_path):
    """Nothing due, and the write of the purge's own audit entry (what the next night's clock is weighed against)
    fails: exit 1 in one line saying the run is unrecorded and why; the same command again records it. Kills
    purge 107 (the reason dropped, and with it the failure)."""
    from sendvault.store import storage

    make_case(env)
    rules(env, "--after-closed", "0")
    _plan(env)  # the index made: the purge's writes are then its own
    log = tmp_path / "steps"
    storage.set_fault(f"count:{log}")
    try:
        assert env.cli("retention", "purge", "--yes").exit_code == 0
    finally:
        storage.set_fault(None)
    steps = log.read_text().split()
    last_write = len(steps) - steps[::-1].index("write")  # the audit entry's, the run's last file
    before = [e for e in audit_log(env) if e["command"] == "retention purge"]
    storage.set_fault(f"any:{last_write}:ENOSPC")
    try:
        r = env.cli("retention", "purge", "--yes")
    finally:
        storage.set_fault(None)
    assert r.exit_code == 1
    today = dt.date.today().isoformat()
    assert one_line_error(r) == (f"sendvault: error: retention purge on {today}: 0 destroyed, 0 on hold; the run's own "
                                 "audit entry was not written (writing to the vault failed (No space left on device)): "
                                 "run the same command again to record it")
    assert [e for e in audit_log(env) if e["command"] == "retention purge"] == before
    assert env.cli("retention", "purge", "--yes").exit_code == 0
    assert len([e for e in audit_log(env) if e["command"] == "retention purge"]) == len(before) + 1


# --- the purge's doubt of the clock, to the second -----------------------------------------------------------------


def _purge_at(env: Env, when: dt.datetime) -> int:
    """`retention purge --yes` with the vault's clock stopped at ``when`` (the test hook of conftest.clock_moved)."""
    from sendvault.store.vault import Vault

    real = Vault.open.__func__
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Vault, "open", classmethod(lambda cls, root, now=None: real(cls, root, now=lambda: when)))
        return env.cli("retention", "purge", "--yes").exit_code


def test_the_clock_is_doubted_only_past_its_bounds_to_the_second(env: Env):
    """A clock exactly 31 days after the last purge run, or exactly a day behind the newest entry, purges; a second
    further either way is refused. Kills clock_doubt 22 (`<=` for `<`) and 28 (`>=` for `>`)."""
    from sendvault.store import audit

    assert env.cli("retention", "purge", "--yes").exit_code == 0
    newest, vouched = audit.clock_evidence(core_vault(env), "retention purge")
    second = dt.timedelta(seconds=1)
    ahead = vouched + dt.timedelta(days=retention.CLOCK_AHEAD_DAYS)
    assert (_purge_at(env, ahead + second), _purge_at(env, ahead)) == (5, 0)
    newest, _ = audit.clock_evidence(core_vault(env), "retention purge")  # that purge's own entry, a month on
    behind = newest - retention.CLOCK_BEHIND
    assert (_purge_at(env, behind - second), _purge_at(env, behind)) == (5, 0)


def test_the_paper_registers_of_destroyed_cases_are_listed_whole_past_a_damaged_one(env: Env):
    """After the purge, the plan lists each destroyed case's paper files from its paper register: where each is,
    whose cabinet, who has it out, when due and when the case was destroyed; a register that cannot be read (here
    the first) is passed over, not the end of the list. Kills paper_register_due 8 (stopping at a damaged
    register), 9 (only the last register listed) and 17 to 23 (where, whose, who has it out, lost)."""
    first, second = sorted(make_case(env) for _ in range(2))
    for cid in (first, second):
        r = env.cli("paper", "add", cid, "--where", "home-cabinet")
        assert r.exit_code == 0, r.stderr
    r = env.cli("paper", "out", second, "1", "--risk-assessment", "locked bag")
    assert r.exit_code == 0, r.stderr
    rules(env, "--after-last-contact", "0")
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    today = dt.date.today().isoformat()
    row = {"paper": 1, "where": "home-cabinet", "keeper": "Ann", "due": today, "destroyed": today}
    assert _plan(env)["papers_due"] == [{"id": first, **row}, {"id": second, **row, "out": "Ann"}]
    register = env.vault / "papers" / f"{first}.age"
    register.write_bytes(register.read_bytes()[:-40])
    assert _plan(env)["papers_due"] == [{"id": second, **row, "out": "Ann"}]


def test_a_paper_file_due_before_its_case_was_destroyed_keeps_its_own_earlier_date_in_the_register(env: Env):
    """A closed case's archived paper file due on the day of closing (archive period 0), the case destroyed 20 days
    later: its paper register says the paper file was due on the day of closing, not the day of destruction.
    Kills paper_register 13 (every paper file taken as due the day its case was destroyed)."""
    from conftest import clock_moved

    cid = make_case(env)
    for args in (["paper", "add", cid, "--where", "archive"], ["close", cid, "--outcome", "advice-given"],
                 ["paper", "settings", "--archive-months", "0"]):
        r = env.cli(*args)
        assert r.exit_code == 0, r.stderr
    rules(env, "--after-closed", "0")
    closed = dt.date.today()
    with clock_moved(dt.timedelta(days=20)):
        r = env.cli("retention", "purge", "--yes")
        assert r.exit_code == 0, r.stderr
        [row] = _plan(env)["papers_due"]
    later = (closed + dt.timedelta(days=20)).isoformat()
    assert (row["id"], row["paper"], row["due"], row["destroyed"]) == (cid, 1, closed.isoformat(), later)


def test_a_resumed_destruction_leaves_the_paper_register_it_wrote_as_it_was(env: Env):
    """A destruction killed after it wrote the case's paper register and before the key was shredded: the purge that
    finishes it leaves that register as it is (written once, as the statistical record is; rewritten, a synced
    vault would carry a second version of it for nothing). Kills paper_register 24 (the look for a register
    already written made at the wrong name)."""
    from test_mutation_kills_destruction import _erase_killed_at

    cid = make_case(env)
    r = env.cli("paper", "add", cid, "--where", "office-cabinet")
    assert r.exit_code == 0, r.stderr
    _erase_killed_at(env, "keys", cid)
    register = env.vault / "papers" / f"{cid}.age"
    written = register.read_bytes()
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0 and "1 interrupted destruction(s) finished" in r.stderr, r.stderr
    assert register.read_bytes() == written
    assert [(p["id"], p["paper"]) for p in _plan(env)["papers_due"]] == [(cid, 1)]


def test_a_paper_file_shredded_is_neither_due_nor_in_the_register(env: Env):
    """Of a case's two paper files, the first recorded shredded: only the second is due in the plan, and only it
    goes into the paper register when the case is destroyed. Kills papers_kept 2 to 7."""
    cid = make_case(env)
    for args in (["paper", "add", cid, "--where", "office-cabinet"], ["paper", "add", cid, "--where", "archive"],
                 ["paper", "shredded", cid, "1"]):
        r = env.cli(*args)
        assert r.exit_code == 0, r.stderr
    rules(env, "--after-last-contact", "0")
    assert [(p["id"], p["paper"], p["where"]) for p in _plan(env)["papers_due"]] == [(cid, 2, "archive")]
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    assert [(p["id"], p["paper"], p["destroyed"]) for p in _plan(env)["papers_due"]] == [
        (cid, 2, dt.date.today().isoformat())]
