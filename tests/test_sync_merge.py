"""One vault shared through git (issue 13): the same case changed on several machines, team changes, audit.

A bare server repository (``serve-init``) and up to three clones in tmp; every
change and every sync through the CLI. Needs git (CI installs it: see .ci/run).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from hypothesis import given, settings, strategies as st

from sendvault.records import merge

from conftest import (OTHER_CASE, PERSONAL_DATA, Env, assert_no_personal_data, make_case, make_key, one_line_error,
                      show, spawn, finish)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")


def git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True).stdout


def ok(r) -> str:
    assert r.exit_code == 0, r.stderr
    return r.stderr


def sync(e: Env) -> str:
    return ok(e.cli("sync"))


def clone(a: Env, server: Path, name: str, key: Path | None = None, recipient: str | None = None) -> Env:
    e = Env(a.tmp, a.tmp / name, key or a.key, recipient or a.recipient)
    ok(e.cli("clone", str(server), str(e.vault)))
    return e


@pytest.fixture
def machines(env: Env) -> tuple[Env, Env, Env, Path]:
    """Three machines (A: env's vault, shared at once; B and C: clones) and the server's bare repository."""
    server = env.tmp / "server.git"
    ok(env.cli("serve-init", str(server)))
    ok(env.cli("sync", "--remote", str(server)))
    return env, clone(env, server, "laptop-b"), clone(env, server, "laptop-c"), server


def cases_of(e: Env) -> dict[str, dict]:
    """Every case as `show --json` gives it, without the fields that say which machine wrote last."""
    r = e.cli("list", "--json")
    assert r.exit_code == 0, r.stderr
    out = {}
    for row in json.loads(r.stdout):
        record = show(e, row["id"])
        out[row["id"]] = record
    return out


def texts(record: dict, name: str = "notes") -> list[str]:
    return [n["text"] for n in record.get(name, [])]


def consent_events(record: dict) -> list[tuple[str, str]]:
    return [(c["action"], c["scope"]) for c in record.get("consents", [])]


# --- the same case on two machines --------------------------------------------------


def test_notes_on_the_same_case_from_two_machines_are_united(machines):
    a, b, c, server = machines
    cid = make_case(a)
    sync(a), sync(b)
    ok(a.cli("note", cid, "rang the school"))
    ok(b.cli("note", cid, "sent the form"))
    ok(b.cli("hold", cid, "--reason", "tribunal bundle"))
    sync(a)
    out = sync(b)
    assert f"merged: {cid}" in out
    sync(a)
    for e in (a, b):
        record = show(e, cid)
        assert sorted(texts(record)) == ["rang the school", "sent the form"]
        assert [h["reason"] for h in record["holds"]] == ["tribunal bundle"]
        ok(e.cli("verify"))
    assert show(a, cid) == show(b, cid)
    # The merge is in the audit trail of the machine that made it, as a case id and a command only.
    entries = json.loads(ok_out(b.cli("audit", "show", "--case", cid, "--json")))
    assert "sync merge" in [x["command"] for x in entries]


def ok_out(r) -> str:
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_a_field_changed_two_ways_waits_without_a_terminal_and_resolve_takes_a_side(machines):
    a, b, c, server = machines
    cid = make_case(a)
    sync(a), sync(b)
    ok(a.cli("follow-up", cid, "+1w", "ring back after the panel"))
    ok(b.cli("follow-up", cid, "+2w", "chase the draft plan"))
    ok(b.cli("note", cid, "written on b"))
    ok(a.cli("note", cid, "written on a"))
    sync(a)
    r = b.cli("sync")
    line = one_line_error(r)
    assert r.exit_code == 1
    assert cid in line and "follow_up" in line and "waits" in line
    assert f"--resolve {cid} --take" in r.stderr
    assert "chase" not in r.stderr and "ring back" not in r.stderr  # field names only, never values
    # Nothing merged, nothing lost: b still holds its own version, committed, and no merge is half-made.
    assert len(git(b.vault, "rev-list", "--parents", "-n", "1", "HEAD").split()) == 2  # b's own commit, no merge
    assert not (b.vault / ".git" / "MERGE_HEAD").exists()
    assert git(b.vault, "status", "--porcelain") == b""
    assert show(b, cid)["follow_up"]["reason"] == "chase the draft plan"
    assert texts(show(b, cid)) == ["written on b"]
    # --take without --resolve, or a side that is not one, is refused in one line.
    assert "--resolve" in one_line_error(b.cli("sync", "--take", "mine"))
    assert "mine, theirs" in one_line_error(b.cli("sync", "--resolve", cid, "--take", "both"))
    # The officer takes the other machine's follow-up; both notes stay.
    out = ok(b.cli("sync", "--resolve", cid, "--take", "follow_up=theirs"))
    assert cid in out and "nothing was taken" not in out  # what --resolve and --take named was settled
    sync(a)
    for e in (a, b):
        record = show(e, cid)
        assert record["follow_up"]["reason"] == "ring back after the panel"
        assert sorted(texts(record)) == ["written on a", "written on b"]
        # Both follow-ups set are in the history, whichever is in force.
        assert sum(1 for h in record["history"] if h["event"] == "follow-up-set") == 2
        ok(e.cli("verify"))


def test_the_conflict_prompt_says_whose_the_other_change_is_and_when(machines, monkeypatch):
    """Issue 27.6: not just "theirs": the officer who saved the other version (their name on the vault's team) and
    when, from the case's own versions; the git configuration of the machine plays no part."""
    import datetime as dt

    a, b, c, server = machines
    cid = make_case(a)
    bo = a.new_officer("Bo Okoro")
    sync(a), sync(b)
    ok(a.cli("follow-up", cid, "+1w", "ring back after the panel", identity=bo))
    ok(b.cli("follow-up", cid, "+2w", "chase the draft plan"))
    sync(a)
    theirs, mine = (dt.datetime.fromisoformat(show(e, cid)["updated"].replace("Z", "+00:00")).astimezone() for e in (a, b))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Mallory Gitconfig")  # what git would say, were it asked
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Mallory Gitconfig")
    child = spawn(b, "sync")
    child.expect(f"mine: .*chase the draft plan.*\\s+saved by Ann on {mine.day} {mine:%b %Y %H:%M}")
    child.expect(f"theirs: .*ring back after the panel.*\\s+saved by Bo Okoro on {theirs.day} {theirs:%b %Y %H:%M}")
    before = child.before
    child.expect("Keep which")
    child.sendline("theirs")
    code, text = finish(child)
    assert code == 0, text
    assert "Mallory" not in before + text


def test_a_conflict_is_shown_on_a_terminal_for_the_officer_to_choose(machines):
    a, b, c, server = machines
    cid = make_case(a)
    sync(a), sync(b)
    ok(a.cli("follow-up", cid, "+1w", "ring back after the panel"))
    ok(b.cli("follow-up", cid, "+2w", "chase the draft plan"))
    sync(a)
    child = spawn(b, "sync")
    child.expect("follow_up was changed on this machine and on another")
    child.expect("mine:.*chase the draft plan")
    child.expect("theirs:.*ring back after the panel")
    child.expect("Keep which")
    child.sendline("mine")
    code, text = finish(child)
    assert code == 0, text
    assert "merged" in text
    sync(a)
    assert show(a, cid)["follow_up"]["reason"] == show(b, cid)["follow_up"]["reason"] == "chase the draft plan"


def test_consent_withdrawn_on_one_machine_while_a_note_is_added_on_another(machines):
    a, b, c, server = machines
    cid = make_case(a)
    ok(a.cli("consent", "grant", cid, "share-information", "--party", "LA SEN team"))
    sync(a), sync(b)
    ok(a.cli("consent", "withdraw", cid, "share-information", "--party", "LA SEN team"))
    ok(b.cli("note", cid, "parent rang back"))
    ok(b.cli("consent", "grant", cid, "mailing-list"))
    sync(b)
    sync(a)
    sync(b)
    for e in (a, b):
        record = show(e, cid)
        events = consent_events(record)
        assert ("grant", "share-information") in events and ("withdraw", "share-information") in events
        assert ("grant", "mailing-list") in events
        assert texts(record) == ["parent rang back"]
    assert show(a, cid) == show(b, cid)


def test_personal_details_withdrawn_on_one_machine_take_the_other_machines_notes_too(machines):
    a, b, c, server = machines
    cid = make_case(a)
    ok(a.cli("note", cid, "Jane Example rang"))
    sync(a), sync(b)
    ok(b.cli("note", cid, "Jane Example called about Sam Example"))
    ok(a.cli("consent", "withdraw", cid, "store-personal-details"))
    sync(a)
    out = sync(b)
    assert "withdrawn on another machine" in out
    assert_no_personal_data(out)
    sync(a)
    for e in (a, b):
        record = show(e, cid)
        assert "person" not in record and "notes" not in record
        assert ("withdraw", "store-personal-details") in consent_events(record)
        assert [h for h in record["history"] if h["event"] == "personal-details-removed"]
        ok(e.cli("verify"))
    # No key on either machine or on the server opens an earlier version of the case.
    old = [git(server, "cat-file", "blob", f"{sha}:cases/{cid}.age")
           for sha in git(server, "rev-list", "--full-history", "refs/heads/main", "--", f"cases/{cid}.age").decode().split()[1:]]
    assert old
    for e in (a, b):
        for key_file in (e.vault / "casekeys").glob(f"{cid}.e*.age"):
            vault_key = _vault_keys(e, a.key)
            case_key = _open_any(key_file.read_bytes(), vault_key)
            assert case_key is not None
            for blob in old:
                assert _open_any(blob, [case_key]) is None


# --- three machines, every order -------------------------------------------------------


# Three of the six orders by default (each starts the round with another machine); all six under `make stress`.
ORDERS = [("a", "b", "c"), ("c", "b", "a"), ("b", "c", "a")]
if os.environ.get("SENDVAULT_STRESS"):
    ORDERS = sorted(itertools.permutations("abc"))


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_three_machines_syncing_in_any_order_end_with_the_same_vault(machines, order):
    a, b, c, server = machines
    shared, doomed = make_case(a), make_case(a, OTHER_CASE)
    ok(a.cli("consent", "grant", shared, "share-information", "--party", "LA SEN team"))
    sync(a), sync(b), sync(c)
    by = {"a": a, "b": b, "c": c}
    # Concurrent work on all three, none of them synced in between.
    new = {name: make_case(e) for name, e in by.items()}
    ok(a.cli("note", shared, "note from a"))
    ok(b.cli("note", shared, "note from b"))
    ok(c.cli("consent", "withdraw", shared, "share-information", "--party", "LA SEN team"))
    ok(b.cli("note", doomed, "written on b before the erasure reached it"))
    ok(a.cli("erase", doomed, "--asked-by", "parent-carer", "--how", "letter", "--yes"))
    for name in order + order:  # twice round: everyone sees everyone
        sync(by[name])
    views = [cases_of(e) for e in (a, b, c)]
    assert views[0] == views[1] == views[2]
    assert set(views[0]) == {shared, *new.values()}
    record = views[0][shared]
    assert sorted(texts(record)) == ["note from a", "note from b"]
    assert ("withdraw", "share-information") in consent_events(record)
    for e in (a, b, c):
        assert not list((e.vault / "casekeys").glob(f"{doomed}.*"))
        assert not (e.vault / "cases" / f"{doomed}.age").exists()
        ok(e.cli("verify"))
        ok(e.cli("audit", "verify"))
    # Every machine's audit chain is on every machine; audit show interleaves them by time.
    entries = json.loads(ok_out(c.cli("audit", "show", "--json")))
    assert len({x["device"] for x in entries}) == 3
    assert [x["at"] for x in entries] == sorted(x["at"] for x in entries)
    # A fresh clone after all that: the same cases, and the erased one nowhere.
    d = clone(a, server, "laptop-d")
    assert cases_of(d) == views[0]


def test_audit_verify_on_one_machine_catches_another_machines_log_tampered_on_the_server(machines):
    a, b, c, server = machines
    make_case(b)
    sync(b), sync(a)
    log = next(p for p in (a.vault / "audit").glob("*.log") if p.stat().st_size and _device(b) in p.name)
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-1]))  # the other machine's last entry cut off
    r = a.cli("audit", "verify")
    assert r.exit_code != 0
    assert _device(b) in r.stdout + r.stderr


def test_an_entry_sealed_before_the_removal_reached_its_machine_is_not_called_forged_but_a_leavers_is(machines):
    import base64
    import time

    from conftest import core_vault
    from sendvault.store import audit, crypto

    a, b, c, server = machines
    cid = make_case(a)
    a.new_officer("Bo")
    sync(a), sync(b)
    ok(a.cli("officer", "remove", "Bo"))
    time.sleep(1.1)  # instants are to the second: b's note is after the retirement, not within its second
    ok(b.cli("note", cid, "written on b before the removal reached it"))
    sync(b)  # b sends its entry sealed with the only key it knows; the removal is not on the server yet
    sync(a)  # a has b's entry: b has not yet heard of the removal, so it is not a forgery
    r = a.cli("verify")
    assert r.exit_code == 0, r.stderr
    assert f"device {_device(b)} has not synced the removal yet" in r.stdout + r.stderr
    sync(b), sync(a)  # b hears of it and re-seals its entry with the new key
    r = a.cli("verify")
    assert r.exit_code == 0 and "has not synced the removal" not in r.stdout + r.stderr, r.stdout + r.stderr
    # A leaver, who kept the old key, appends to b's log an entry dated after the removal: b has sealed
    # with the new key since, so it is forged.
    v = core_vault(a)
    log = a.vault / "audit" / f"{_device(b)}.log"
    last = json.loads(audit._open(v, log.read_bytes().splitlines()[-1], "last"))
    entry = {"seq": last["seq"] + 1, "at": audit.instant(v.now()), "device": _device(b), "officer": "Ann",
             "command": "note", "case": cid, "prev": audit._entry_hash(last)}
    old = crypto.encrypt(audit._canonical(entry), [v.vault_key(1).recipient])
    with log.open("ab") as f:
        f.write(b"e1:" + base64.b64encode(old) + b"\n")
    r = a.cli("verify")
    assert r.exit_code != 0
    assert f"audit/{_device(b)}.log line" in r.stderr and "retired before the entry's time (forged?)" in r.stderr


def _device(e: Env) -> str:
    return (e.vault / "local" / "device").read_text().strip()


# --- team changes -------------------------------------------------------------------


def test_an_officer_added_on_one_machine_is_on_every_copy_after_sync(machines):
    a, b, c, server = machines
    cid = make_case(a)
    bo_key = a.new_officer("Bo")
    sync(a)
    sync(b)
    team = {o["name"]: o for o in json.loads(ok_out(b.cli("officer", "list", "--json")))}
    assert "Bo" in team and not team["Bo"].get("removed")
    bo_recipient = _recipient(bo_key)
    bo = clone(a, server, "bo-laptop", bo_key, bo_recipient)
    assert show(bo, cid)["person"]["name"] == "Jane Example"
    ok(bo.cli("note", cid, "Bo's first note"))
    sync(bo)
    sync(b)
    assert texts(show(b, cid)) == ["Bo's first note"]


def test_a_removed_officers_fresh_clone_cannot_open_cases_written_after_the_removal(machines):
    a, b, c, server = machines
    bo_key = a.new_officer("Bo")
    before = make_case(a)
    sync(a), sync(b)
    ok(a.cli("officer", "remove", "Bo"))
    after_a = make_case(a, OTHER_CASE)
    after_b = make_case(b)  # on a machine that has not yet heard of the removal
    sync(a)
    out = sync(b)
    assert "re-keyed" in out and after_b in out
    sync(a)
    team = {o["name"]: o for o in json.loads(ok_out(b.cli("officer", "list", "--json")))}
    assert team["Bo"].get("removed")  # the removal reached b
    # Bo's machine cannot even open the vault now; a fresh clone tells them so in one line.
    bo = clone(a, server, "bo-laptop", bo_key, _recipient(bo_key))
    r = bo.cli("list")
    assert r.exit_code == 3 and "no key of yours" in one_line_error(r)
    # With every object of the server's history and Bo's key: the vault keys Bo can open, the case keys
    # those open, and no case written after the removal.
    vault_keys = []
    for blob in _all_blobs(server):
        pair = _open_any(blob, [pyrage.x25519.Identity.from_str(_secret(bo_key))])
        if pair is not None:
            vault_keys.append(pair)
    assert vault_keys, "Bo held the first vault key"
    case_keys = [k for f in (bo.vault / "casekeys").iterdir() if (k := _open_any(f.read_bytes(), vault_keys))]
    for cid in (after_a, after_b):
        for blob in _case_versions(server, cid):
            assert _open_any(blob, case_keys) is None, cid
    assert _open_any((bo.vault / "cases" / f"{before}.age").read_bytes(), case_keys) is not None
    for e in (a, b):
        ok(e.cli("verify"))
        assert show(e, after_b)["person"]["name"] == "Jane Example"


def _recipient(key: Path) -> str:
    return next(ln.split(":", 1)[1].strip() for ln in key.read_text().splitlines() if "public key" in ln)


def _secret(key: Path) -> str:
    return next(ln.strip() for ln in key.read_text().splitlines() if ln.startswith("AGE-SECRET-KEY-"))


def _open_any(blob: bytes, identities: list):
    """The identity inside ``blob`` if one of ``identities`` opens it (a key file), the plaintext's key, or None."""
    try:
        plain = pyrage.decrypt(blob, identities)
    except Exception:  # noqa: BLE001 - not for these keys, or not an age file
        return None
    for line in plain.decode("utf-8", "replace").splitlines():
        if line.startswith("AGE-SECRET-KEY-"):
            return pyrage.x25519.Identity.from_str(line.strip())
    return plain or b"?"


def _vault_keys(e: Env, key: Path) -> list:
    me = pyrage.x25519.Identity.from_str(_secret(key))
    return [k for f in (e.vault / "vaultkeys").iterdir() if (k := _open_any(f.read_bytes(), [me]))]


def _all_blobs(server: Path) -> list[bytes]:
    shas = git(server, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)").decode().split("\n")
    return [git(server, "cat-file", "blob", s.split()[0]) for s in shas if s.endswith(" blob")]


def _case_versions(server: Path, cid: str) -> list[bytes]:
    shas = git(server, "rev-list", "--full-history", "refs/heads/main", "--", f"cases/{cid}.age").decode().split()
    out = []
    for sha in shas:
        p = subprocess.run(["git", "cat-file", "blob", f"{sha}:cases/{cid}.age"], cwd=server, capture_output=True)
        if p.returncode == 0:
            out.append(p.stdout)
    assert out
    return out


def test_merge_messages_and_commits_hold_no_personal_data(machines):
    a, b, c, server = machines
    cid = make_case(a)
    sync(a), sync(b)
    ok(a.cli("note", cid, "Jane Example rang"))
    ok(b.cli("note", cid, "Sam Example at school"))
    sync(a)
    out = sync(b)
    assert_no_personal_data(out)
    text = git(server, "log", "--all", "--format=%an %ae %s %b").decode()
    for value in PERSONAL_DATA:
        assert value not in text


def test_a_removed_officers_own_machine_is_told_at_its_next_sync(machines):
    a, b, c, server = machines
    bo_key = a.new_officer("Bo")
    sync(a)
    bo = clone(a, server, "bo-laptop", bo_key, _recipient(bo_key))
    ok(a.cli("officer", "remove", "Bo"))
    sync(a)
    r = bo.cli("sync")
    assert r.exit_code == 3 and "removed" in one_line_error(r)


def test_a_merge_runs_through_the_agent_with_no_identity_file(machines):
    import os
    import signal

    a, b, c, server = machines
    cid = make_case(a)
    sync(a), sync(b)
    ok(a.cli("note", cid, "from a"))
    ok(b.cli("note", cid, "from b"))
    sync(a)
    b.use_default_identity()  # none given explicitly: an explicit one would win over the agent
    r = b.run("unlock", "--json")
    assert r.exit_code == 0, r.stderr
    pid = json.loads(r.stdout)["pid"]
    away = b.key.with_name("away.key")
    b.key.rename(away)  # only the agent can open the vault: no passphrase, no identity file
    try:
        r = b.run("sync")
        assert r.exit_code == 0, r.stderr
        assert f"merged: {cid}" in r.stderr
    finally:
        away.rename(b.key)
        os.kill(pid, signal.SIGTERM)
    assert sorted(texts(show(b, cid))) == ["from a", "from b"]


# --- the merge itself: properties ---------------------------------------------------------

_note = st.builds(lambda at, by, text: {"at": f"2026-11-{at:02d}T10:00:00Z", "by": by, "text": text},
                  st.integers(1, 28), st.sampled_from(["Ann", "Bo"]), st.text(min_size=1, max_size=8))
_event = st.builds(lambda at, scope: {"at": f"2026-11-{at:02d}T09:00:00Z", "by": "Ann", "action": "grant",
                                      "scope": scope, "date": "2026-11-01", "given_by": "parent-carer"},
                   st.integers(1, 28), st.sampled_from(["mailing-list", "share-information"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(_note, max_size=4), st.lists(_note, max_size=4), st.lists(_note, max_size=4),
       st.lists(_event, max_size=3), st.lists(_event, max_size=3), st.sampled_from([None, "North", "South"]))
def test_merging_unites_lists_keeps_one_sided_changes_and_is_symmetric(base_notes, mine_new, theirs_new, mine_ev,
                                                                        theirs_ev, locality):
    base = {"id": "K7M3-Q9P2", "updated": "2026-11-01T00:00:00Z", "updated_by": "Ann", "status": "open",
            "profile": {"locality": "East"}, "notes": base_notes}
    mine = {**base, "notes": base_notes + mine_new, "consents": mine_ev, "updated": "2026-11-02T00:00:00Z"}
    theirs = {**base, "notes": base_notes + theirs_new, "consents": theirs_ev, "updated_by": "Bo"}
    if locality:
        theirs["profile"] = {"locality": locality}
    never = lambda c: pytest.fail(f"no conflict expected, got {c.path}")  # noqa: E731
    one = merge.merge(base, mine, theirs, never)
    two = merge.merge(base, theirs, mine, never)
    assert one.record == two.record  # whichever machine merges, the same record
    record = one.record
    for item in base_notes + mine_new + theirs_new:
        assert item in record.get("notes", [])  # nothing recorded on either side is lost
    for item in mine_ev + theirs_ev:
        assert item in record.get("consents", [])
    # United, not added up: an event both sides hold is held once (twice if a side made it twice).
    both = [json.dumps(e, sort_keys=True) for e in mine_ev + theirs_ev]
    expected = sum(max(mine_ev.count(json.loads(k)), theirs_ev.count(json.loads(k))) for k in set(both))
    assert len(record.get("consents", [])) == expected
    assert record["profile"]["locality"] == (locality or "East")  # a one-sided change is taken
    assert record["updated"] == "2026-11-02T00:00:00Z" and record["updated_by"] == "Ann"


@given(st.text(min_size=1, max_size=6), st.text(min_size=1, max_size=6))
def test_a_field_changed_two_ways_is_never_settled_silently(mine_pc, theirs_pc):
    base = {"id": "K7M3-Q9P2", "person": {"postcode": "EX1 2NP"}}
    mine, theirs = {**base, "person": {"postcode": mine_pc}}, {**base, "person": {"postcode": theirs_pc}}
    out = merge.merge(base, mine, theirs, lambda c: None)
    if mine_pc == theirs_pc or "EX1 2NP" in (mine_pc, theirs_pc):
        assert out.record is not None and not out.unresolved
    else:
        assert out.record is None and [c.path for c in out.unresolved] == ["person.postcode"]
        assert merge.merge(base, mine, theirs, lambda c: "theirs").record["person"]["postcode"] == theirs_pc


def test_a_team_forged_on_the_server_is_refused_and_not_kept(machines, tmp_path):
    a, b, c, server = machines
    cid = make_case(a)
    sync(a), sync(b)
    intruder = make_key(tmp_path / "intruder.key")
    work = tmp_path / "forger"
    subprocess.run(["git", "clone", "-q", str(server), str(work)], check=True, capture_output=True)
    text = (work / "vault.toml").read_text()
    text += f'\n[[officers]]\nname = "Mallory"\nrecipient = "{intruder}"\nrole = "manager"\nadded = "2026-01-01"\n'
    (work / "vault.toml").write_text(text)
    git(work, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qam", "x")
    git(work, "push", "-q", "origin", "HEAD:refs/heads/main")
    ok(b.cli("note", cid, "kept"))
    r = b.cli("sync")
    assert "changed outside sendvault" in one_line_error(r)
    assert "Mallory" not in (b.vault / "vault.toml").read_text()
    assert texts(show(b, cid)) == ["kept"]
    ok(b.cli("verify"))


def test_a_purge_reaches_every_copy_and_no_identity_old_or_current_opens_it_from_the_server(machines):
    import copy

    from conftest import SAMPLE_CASE

    a, b, c, server = machines
    old = copy.deepcopy(SAMPLE_CASE)
    old["contact"] = {**old["contact"], "date": "2024-01-02",
                      "policy_explained": {"version": "2025-01", "date": "2024-01-02", "copy_given": True}}
    old["child"] = {**old["child"], "date_of_birth": "2000-01-01"}  # 25 before today: due
    old["profile"] = {**old["profile"], "age_band": "19-25", "school_phase": "post-16", "locality": "North"}
    bo_key = a.new_officer("Bo")
    due, kept = make_case(a, old), make_case(a)
    ok(a.cli("retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0"))
    sync(a), sync(b), sync(c)
    ok(a.cli("officer", "remove", "Bo"))  # an old identity as well as a current one
    ok(b.cli("note", due, "written on b before the purge reached it"))
    r = a.cli("retention", "purge", "--yes")
    assert r.exit_code == 0 and "1 destroyed" in r.stderr, r.stderr
    for e in (b, a, c, b):
        sync(e)
    for e in (a, b, c):
        assert not (e.vault / "cases" / f"{due}.age").exists()
        assert not list((e.vault / "casekeys").glob(f"{due}.*"))
        assert show(e, kept)["id"] == kept
        ok(e.cli("verify"))
    # Every object the server holds after its maintenance, opened with every identity old and current:
    # every vault key they reach, every case key those reach; no version of the purged case opens.
    blobs = _all_blobs(server) + list(_key_channel_blobs(server))
    people = [pyrage.x25519.Identity.from_str(_secret(k)) for k in (a.key, bo_key)]
    vault_keys = [k for blob in blobs if isinstance(k := _open_any(blob, people), pyrage.x25519.Identity)]
    case_keys = [k for blob in blobs if isinstance(k := _open_any(blob, vault_keys), pyrage.x25519.Identity)]
    assert vault_keys and case_keys
    versions = _case_versions(server, due)
    assert len(versions) >= 2  # as made on a, and with b's note
    for blob in versions:
        assert _open_any(blob, case_keys + vault_keys + people) is None
    assert any(_open_any(blob, case_keys) for blob in _case_versions(server, kept))


def _key_channel_blobs(server: Path):
    tree = git(server, "ls-tree", "-r", "refs/sendvault/keys").decode().split("\n")
    for line in tree:
        if line:
            yield git(server, "cat-file", "blob", line.split()[2])
