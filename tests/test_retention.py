"""Retention plan and purge (issue 11), through the real command line.

Purged cases cannot be opened in a copy of the vault taken before the purge, by any
officer, with the current key files; cases not due still open. Purge is
manager-only, refuses without a terminal unless --yes, is idempotent, says one
summary line, exits 1 naming the cases that failed, and runs as cron runs it.
Erase leaves the same records. Statistics survive destruction, with no id.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_CASE, Env, case_file, core_vault, make_case, one_line_error, show

from sendvault.store import crypto

OLD = copy.deepcopy(SAMPLE_CASE)
OLD["contact"] = {**OLD["contact"], "date": "2024-01-02",
                  "policy_explained": {"version": "2025-01", "date": "2024-01-02", "copy_given": True}}
OLD["child"] = {**OLD["child"], "date_of_birth": "2000-01-01"}  # 25 on 2025-01-01: due
OLD["profile"] = {**OLD["profile"], "age_band": "19-25", "school_phase": "post-16", "locality": "North"}


def set_rules(env: Env, *extra: str) -> None:
    r = env.cli("retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0", *extra)
    assert r.exit_code == 0, r.stderr


def purge(env: Env, *args: str, identity=None):
    return env.cli("retention", "purge", "--yes", *args, identity=identity)


def test_rules_are_shown_in_words_set_by_managers_only_and_audited(env: Env):
    r = env.cli("retention", "rules")
    assert "no retention rules" in r.stdout
    officer = env.new_officer("Bo")
    r = env.cli("retention", "rules", "set", "--birthday", "25", identity=officer)
    assert r.exit_code == 5
    set_rules(env, "--no-locality")
    r = env.cli("retention", "rules")
    assert "25th birthday" in r.stdout and "without its locality" in r.stdout
    entries = json.loads(env.cli("audit", "show", "--json").stdout)
    assert any(e["command"] == "retention rules set" for e in entries)
    r = env.cli("retention", "rules", "set")
    assert r.exit_code == 2 and "at least one rule" in one_line_error(r)


def test_plan_lists_due_held_fallback_and_soon(env: Env):
    due = make_case(env, OLD)
    kept = make_case(env)
    held = make_case(env, OLD)
    no_dob = copy.deepcopy(SAMPLE_CASE)
    del no_dob["child"]["date_of_birth"]
    fb = make_case(env, no_dob)
    assert env.cli("hold", held, "--reason", "PO-1").exit_code == 0
    set_rules(env)
    data = json.loads(env.cli("retention", "plan", "--json").stdout)
    assert [r["id"] for r in data["due"]] == [due]
    assert data["due"][0]["rule"] == "after-last-contact"  # the latest of the two dates: today
    assert [(r["id"], r["hold"]) for r in data["held"]] == [(held, "PO-1")]
    assert fb in [r["id"] for r in data["fallback"]]
    assert kept not in [r["id"] for r in data["due"] + data["soon"]]
    r = env.cli("retention", "plan")
    assert r.exit_code == 0 and "due now: 1" in r.stdout and "PO-1" in r.stdout


def test_purge_copy_of_the_vault_cannot_open_purged_cases_with_any_officer(env: Env):
    officer = env.new_officer("Bo")
    due = [make_case(env, OLD) for _ in range(3)]
    kept = [make_case(env) for _ in range(2)]
    set_rules(env)
    copy_dir = env.tmp / "copy"
    shutil.copytree(env.vault, copy_dir)  # a backup, a copied laptop folder
    r = purge(env)
    assert r.exit_code == 0, r.stderr
    assert "3 destroyed" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    # The copy's case files, with the current key files: nothing opens a purged case.
    shutil.rmtree(copy_dir / "casekeys")
    shutil.copytree(env.vault / "casekeys", copy_dir / "casekeys")
    shutil.copytree(env.vault / "vaultkeys", copy_dir / "vaultkeys", dirs_exist_ok=True)
    from sendvault.store.vault import Vault

    for key in (env.key, officer):
        v = Vault.open(copy_dir)
        v.unlock(crypto.load_identity_file(key, None))
        for cid in due:
            assert (copy_dir / "cases" / f"{cid}.age").exists()
            with pytest.raises(Exception):
                v.read_case(cid)
            assert not list((copy_dir / "casekeys").glob(f"{cid}.*"))
        for cid in kept:
            assert v.read_case(cid)["id"] == cid
    for cid in due:
        assert not case_file(env, cid).exists()
    assert env.cli("verify").exit_code == 0
    # Idempotent: at once again, nothing to do.
    r = purge(env)
    assert r.exit_code == 0 and "0 destroyed" in r.stderr


def test_records_and_statistics_survive_with_no_personal_data_and_no_id(env: Env):
    cid = make_case(env, {**OLD, "contact": {**OLD["contact"], "heard_about": "school"}})
    set_rules(env, "--no-locality")
    assert purge(env).exit_code == 0
    (rec_file,) = (env.vault / "destroyed").iterdir()
    rec = json.loads(rec_file.read_text())
    assert rec_file.name == f"{cid}.json"
    assert {rec["case"], rec["reason"], rec["rule"], rec["by"], rec["method"]} == {cid, "retention", "after-last-contact", "Ann", "crypto-shredding"}
    assert "pending" not in rec
    (stat_file,) = (env.vault / "statistics").iterdir()
    from sendvault.store import destruction

    v = core_vault(env)
    plain = crypto.decrypt(stat_file.read_bytes(), [v.vault_key(v.epoch).identity], "statistics")
    assert stat_file.suffix == ".age" and len(plain) == destruction.STAT_PAD  # encrypted, padded to one size
    assert b"sendvault-statistics" not in stat_file.read_bytes()
    (stats,) = destruction.statistical_records(v)  # opened with the vault key
    text = json.dumps(stats)
    assert cid not in text and cid not in stat_file.name
    assert stats["profile"]["age_band"] == "19-25" and "locality" not in stats["profile"]
    assert stats["opened"] == "2024-01" and stats["contact"]["heard_about"] == "school"  # a code of the list: kept
    for value in ("Jane", "Sam", "EX1", "2000-01-01", "07700"):
        assert value not in text and value not in rec_file.read_text()
    entries = [e for e in json.loads(env.cli("audit", "show", "--json").stdout) if e["case"] == cid]
    assert [e["command"] for e in entries].count("retention purge") == 1


def test_statistics_can_be_turned_off(env: Env):
    make_case(env, OLD)
    set_rules(env, "--no-statistics")
    assert purge(env).exit_code == 0
    assert not list((env.vault / "statistics").glob("*"))
    assert len(list((env.vault / "destroyed").iterdir())) == 1


def test_erase_goes_through_the_same_path(env: Env):
    cid = make_case(env)
    r = env.cli("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    rec = json.loads((env.vault / "destroyed" / f"{cid}.json").read_text())
    assert (rec["reason"], rec["rule"]) == ("erasure", None)
    assert len(list((env.vault / "statistics").glob("*.age"))) == 1
    assert env.cli("verify").exit_code == 0


def test_purge_is_manager_only_and_refuses_without_a_terminal(env: Env):
    make_case(env, OLD)
    set_rules(env)
    officer = env.new_officer("Bo")
    r = purge(env, identity=officer)
    assert r.exit_code == 5 and "only a manager" in one_line_error(r)
    r = env.cli("retention", "purge")  # the runner has no terminal
    assert r.exit_code == 5 and "--yes" in r.stderr
    r = env.cli("retention", "purge", "--on", "2099-01-01", "--yes")
    assert r.exit_code == 5
    r = env.cli("retention", "purge", "--dry-run", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)["due"]) == 1 and json.loads(r.stdout)["destroyed"] == []
    assert len(list((env.vault / "cases").iterdir())) == 1


def test_held_cases_are_kept_and_a_failure_names_the_case_and_exits_1(env: Env):
    held = make_case(env, OLD)
    bad = make_case(env, OLD)
    good = make_case(env, OLD)
    assert env.cli("hold", held, "--reason", "PO-2").exit_code == 0
    set_rules(env)
    plan = json.loads(env.cli("retention", "plan", "--json").stdout)
    assert {r["id"] for r in plan["due"]} == {bad, good}
    from sendvault.records.retention import purge as core_purge
    from conftest import core_vault
    import datetime as dt

    v = core_vault(env)
    # A case damaged after the plan is read fails alone; the others are destroyed.
    real = v.read_case
    v.read_case = lambda cid: (_ for _ in ()).throw(__import__("sendvault.basics.errors").basics.errors.VaultCorrupt("damaged")) if cid == bad else real(cid)
    v.map_cases = lambda fn, ids=None, damaged=None, **kw: [fn(real(c)) for c in (ids or v.case_ids())]
    _, outcome = core_purge(v, dt.date.today(), lambda: None)
    assert outcome.destroyed == [good] and list(outcome.failed) == [bad]
    assert show(env, held)["id"] == held
    # Through the CLI: a damaged case file fails, exit 1, its id in the one line.
    data = bytearray(case_file(env, bad).read_bytes())
    data[-5] ^= 0x55
    case_file(env, bad).write_bytes(bytes(data))
    r = purge(env)
    assert r.exit_code == 1
    line = one_line_error(r)
    assert bad in line and "1 failed" in line


CRONTAB = ROOT / "docs" / "retention.md"


# The crontab lines and units of the docs are run as cron and systemd run them in tests/test_scheduled_jobs.py.


def test_documented_systemd_units_parse(tmp_path: Path):
    import configparser

    text = CRONTAB.read_text()
    units = {}
    for name in ("sendvault-purge.service", "sendvault-purge.timer"):
        start = text.index(f"# /etc/systemd/system/{name}")
        body = text[start:text.index("```", start)]
        units[name] = body
        cp = configparser.ConfigParser(strict=True, interpolation=None)
        cp.optionxform = str
        cp.read_string(body)
        assert "Unit" in cp
    service = configparser.ConfigParser(interpolation=None)
    service.optionxform = str
    service.read_string(units["sendvault-purge.service"])
    assert "retention purge --yes" in service["Service"]["ExecStart"]
    assert service["Service"]["Type"] == "oneshot"
    timer = configparser.ConfigParser(interpolation=None)
    timer.optionxform = str
    timer.read_string(units["sendvault-purge.timer"])
    assert timer["Timer"]["OnCalendar"] and timer["Install"]["WantedBy"] == "timers.target"
    if shutil.which("systemd-analyze"):
        for name, body in units.items():
            (tmp_path / name).write_text(body.replace("/usr/local/bin/sendvault", "/bin/true"))
        p = subprocess.run(["systemd-analyze", "verify", *(str(tmp_path / n) for n in units)], capture_output=True, text=True)
        assert "sendvault-purge" not in p.stderr or p.returncode == 0, p.stderr
