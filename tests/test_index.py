"""Issue 12: the encrypted index behind list and find: current after every kind of change, forgotten at destruction."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import OTHER_CASE, SAMPLE_CASE, core_vault, flip_byte, make_case

from sendvault.records import casework, caseload
from sendvault.store import crypto, index_format, index_query, index_snapshot, search

EDIT = ("import sys; from pathlib import Path; from sendvault.store.vault import Vault; from sendvault.store import crypto; "
        "v = Vault.open(sys.argv[1]); v.unlock(crypto.load_identity_file(Path(sys.argv[2]), None)); "
        "v.update_case(sys.argv[3], lambda r: r[sys.argv[4]].update(name=sys.argv[5]), 'edit', fresh_key=sys.argv[6] == 'fresh')")


def _edit_elsewhere(env, cid: str, section: str, name: str, fresh: bool = False) -> None:
    """Another process (its own Python, not this CLI) changes a case."""
    subprocess.run([sys.executable, "-c", EDIT, str(env.vault), str(env.key), cid, section, name, "fresh" if fresh else "same"],
                   check=True, env={**os.environ, "SENDVAULT_AGENT": "off"})


def _find(env, text: str) -> list[str]:
    r = env.run("find", text, "--json")
    assert r.exit_code == 0, r.stderr
    return [row["id"] for row in json.loads(r.stdout)]


def _list(env) -> dict[str, dict]:
    r = env.run("list", "--json", "--names")
    assert r.exit_code == 0, r.stderr
    return {row["id"]: row for row in json.loads(r.stdout)}


def _settle(env) -> None:
    """Let the case directories' last change fall out of the racy window, then let an index record that.

    From then on, until a directory changes, commands answer from the index without
    stat'ing a single case file (the quick check): what the sync tests below rely on.
    """
    time.sleep(index_snapshot.RACY_NS / 1e9 + 0.2)
    _find(env, "zz")
    head = env.vault / "local" / "index" / "head.age"
    before = head.stat()
    _find(env, "zz")  # answered by the quick check: the head is not even written again
    assert (head.stat().st_ino, head.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_index_is_encrypted_local_and_follows_changes_by_another_process(env):
    a = make_case(env)
    b = make_case(env, OTHER_CASE)
    assert _find(env, "jane exa") == [a]
    files = list((env.vault / "local" / "index").iterdir())
    assert {p.name for p in files} >= {"head.age", "key.age"} and len(files) >= 3  # a shard per first character
    for p in files:
        assert p.read_bytes().startswith(crypto.AGE_MAGIC) and b"Jane" not in p.read_bytes()
    assert "/local/" in (env.vault / ".gitignore").read_text()
    _settle(env)
    _edit_elsewhere(env, a, "person", "Rosa Newname")
    assert _find(env, "rosa new") == [a] and _find(env, "jane exa") == []
    assert _list(env)[a]["person"] == "Rosa Newname" and _list(env)[b]["person"] == "Kim Other"


def test_each_change_rewrites_its_own_shard_not_the_whole_index(env):
    """Change after change, only the changed case's shard (and the head) is written again: the
    head stays whole and in order through updates, so it is never thrown away and rebuilt."""
    cids: list[str] = []
    while len({c[0] for c in cids}) < 2:
        cids.append(make_case(env))
        assert len(cids) < 40
    first = min(cids)  # in the first shard: its part of the head is remade, the others kept
    folder = env.vault / "local" / "index"

    def other_shards() -> set[str]:
        return {p.name for p in folder.iterdir() if p.name not in ("head.age", "key.age") and not p.name.startswith(first[0])}

    assert sorted(_find(env, "jane")) == sorted(cids)
    before = other_shards()
    for n in ("Rosa Newname", "Rosa Othername", "Rosa Thirdname"):
        _edit_elsewhere(env, first, "person", n)
        assert _find(env, n) == [first]
        assert other_shards() == before
        assert sorted(_list(env)) == sorted(cids) and _list(env)[first]["person"] == n
        r = env.run("list", "--sar-due", "--json")  # whole summaries, found through the head's order
        assert r.exit_code == 0, r.stderr


def test_edit_and_a_file_replaced_as_a_sync_would_are_seen(env, tmp_path):
    a = make_case(env)
    before_case = (env.vault / "cases" / f"{a}.age").read_bytes()
    before_keys = {p.name: p.read_bytes() for p in (env.vault / "casekeys").iterdir()}
    assert env.run("note", a, "first note").exit_code == 0
    _edit_elsewhere(env, a, "child", "Ada Edited", fresh=True)
    assert _find(env, "ada edit") == [a]
    _settle(env)
    # a sync brings back the earlier version of the files (same size, perhaps the same second)
    for p in (env.vault / "casekeys").iterdir():
        if p.name.startswith(a):
            p.unlink()
    for name, data in before_keys.items():
        tmp = env.vault / "casekeys" / (name + ".sync")
        tmp.write_bytes(data)
        os.replace(tmp, env.vault / "casekeys" / name)
    tmp = env.vault / "cases" / "sync.tmp"
    tmp.write_bytes(before_case)
    os.replace(tmp, env.vault / "cases" / f"{a}.age")
    assert _find(env, "ada edit") == [] and _find(env, "sam exa") == [a]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_checkout_of_case_files_is_seen(env):
    """git writes a checked-out file by unlinking the old one and creating it anew: the directory changes."""
    a = make_case(env)
    git = ["git", "-C", str(env.vault), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "one"], check=True)
    _edit_elsewhere(env, a, "person", "Rosa Newname")
    subprocess.run(git + ["commit", "-qam", "two"], check=True)
    assert _find(env, "rosa new") == [a]
    _settle(env)
    subprocess.run(git + ["checkout", "-q", "HEAD~1", "--", "cases"], check=True)  # back to the first version
    assert _find(env, "rosa new") == [] and _find(env, "jane exa") == [a]
    assert _list(env)[a]["person"] == "Jane Example"
    subprocess.run(git + ["checkout", "-q", "HEAD", "--", "cases"], check=True)
    assert _find(env, "rosa new") == [a]


def test_a_damaged_index_is_rebuilt_never_trusted(env):
    a = make_case(env)
    assert _find(env, "jane") == [a]
    folder = env.vault / "local" / "index"
    head = folder / "head.age"
    data = bytearray(head.read_bytes())
    data[-5] ^= 0xFF
    head.write_bytes(bytes(data))
    assert _find(env, "jane") == [a]
    shard = next(p for p in folder.iterdir() if p.name.startswith(a[0] + "-"))
    data = bytearray(shard.read_bytes())
    data[-5] ^= 0xFF
    shard.write_bytes(bytes(data))
    r = env.run("list", "--sar-due", "--json")  # reads whole summaries: the damaged shard is noticed, the index rebuilt
    assert r.exit_code == 0, r.stderr
    assert not shard.exists()  # removed: a new one, under a new token, took its place
    assert _find(env, "jane") == [a]
    (folder / "key.age").write_bytes(b"junk")
    assert _find(env, "jane") == [a]
    r = env.run("verify")
    assert r.exit_code == 0, r.stderr


def _index_key(env) -> crypto.KeyPair:
    officer = crypto.load_identity_file(env.key, None)
    vault_keys = [crypto.parse_identities(crypto.decrypt(p.read_bytes(), [o.identity for o in officer], "v").decode())[0]
                  for p in (env.vault / "vaultkeys").iterdir()]
    data = (env.vault / "local" / "index" / "key.age").read_bytes()
    return crypto.parse_identities(crypto.decrypt(data, [k.identity for k in vault_keys], "k").decode())[0]


def _frame_ends(plain: bytes) -> list[int]:
    """Where each marshalled piece of a head's plain text ends (each follows its length in 8 bytes)."""
    ends, at = [], 0
    while at < len(plain):
        at += 8 + int.from_bytes(plain[at:at + 8], "little")
        ends.append(at)
    return ends


def test_a_head_cut_short_or_with_a_part_left_out_is_rebuilt_never_trusted(env):
    """The head is written a part (a shard's cases) at a time: a head that is well encrypted but
    ends early, between parts or inside one, or lacks a part, is rebuilt, not used for what it holds."""
    cids: list[str] = []
    while len({c[0] for c in cids}) < 3:  # cases in three shards: three parts
        cids.append(make_case(env))
        assert len(cids) < 40
    assert sorted(_find(env, "jane")) == sorted(cids)
    head = env.vault / "local" / "index" / "head.age"
    key = _index_key(env)
    plain = crypto.decrypt(head.read_bytes(), [key.identity], "head")
    assert list(index_format.parse_head(plain)["parts"]) == sorted({c[0] for c in cids})
    ends = _frame_ends(plain)  # after the header, after each part
    assert len(ends) == 4 and ends[-1] == len(plain)
    for cut in [ends[-2], ends[-2] + 20, len(plain) - 1, ends[0] + 5]:
        head.write_bytes(crypto.encrypt(plain[:cut], [key.recipient]))
        with pytest.raises(index_format.Damaged):
            index_format.parse_head(plain[:cut])
        assert sorted(_find(env, "jane")) == sorted(cids)  # rebuilt: every case found again
        assert crypto.decrypt(head.read_bytes(), [_index_key(env).identity], "head") != plain[:cut]
        plain = crypto.decrypt(head.read_bytes(), [_index_key(env).identity], "head")
        key = _index_key(env)
    # a part left out (the header still lists it): damaged too
    ends = _frame_ends(plain)
    short = plain[:ends[0]] + plain[ends[1]:]
    with pytest.raises(index_format.Damaged):
        index_format.parse_head(short)
    head.write_bytes(crypto.encrypt(short, [key.recipient]))
    assert sorted(_find(env, "jane")) == sorted(cids)
    r = env.run("verify")
    assert r.exit_code == 0, r.stderr


def _old_copy_opens_for_nobody(env, copy, identities_from) -> None:
    officer = crypto.load_identity_file(identities_from, None)
    vault_keys = [crypto.parse_identities(crypto.decrypt(p.read_bytes(), [o.identity for o in officer], "v").decode())[0]
                  for p in (env.vault / "vaultkeys").iterdir()]
    identities = [k.identity for k in officer + vault_keys]
    # (a copy of local/index/key.age taken with it is a key backup, as a copy of casekeys/ is: see threat-model.md)
    current_key = crypto.parse_identities(crypto.decrypt((env.vault / "local" / "index" / "key.age").read_bytes(), identities, "k").decode())[0]
    old_files = [p for p in copy.iterdir() if p.name != "key.age"]
    assert old_files
    for old in old_files:
        for key in [current_key] + vault_keys + officer:
            with pytest.raises(crypto.NoMatch):
                crypto.decrypt(old.read_bytes(), [key.identity], "old index")


def test_after_erase_an_earlier_copy_of_the_index_opens_for_nobody(env, tmp_path):
    a = make_case(env)
    b = make_case(env, OTHER_CASE)
    assert _find(env, "jane") == [a] and _find(env, "kim other") == [b]
    copy = tmp_path / "copy-index"
    shutil.copytree(env.vault / "local" / "index", copy)
    r = env.run("erase", a, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    assert r.exit_code == 0, r.stderr
    assert _find(env, "jane") == [] and _find(env, "kim other") == [b]
    _old_copy_opens_for_nobody(env, copy, env.key)
    assert not (env.vault / "local" / "index" / "key.age").read_bytes() == (copy / "key.age").read_bytes()


def test_after_a_purge_an_earlier_copy_of_the_index_opens_for_nobody(env, tmp_path):
    old = copy.deepcopy(SAMPLE_CASE)
    old["contact"] = {**old["contact"], "date": "2024-01-02",
                      "policy_explained": {"version": "2025-01", "date": "2024-01-02", "copy_given": True}}
    old["child"] = {**old["child"], "date_of_birth": "2000-01-01"}
    old["profile"] = {**old["profile"], "age_band": "19-25", "school_phase": "post-16", "locality": "North"}
    due = make_case(env, old)
    kept = make_case(env, OTHER_CASE)
    assert set(_list(env)) == {due, kept}
    copy_dir = tmp_path / "copy-index"
    shutil.copytree(env.vault / "local" / "index", copy_dir)
    r = env.cli("retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0")
    assert r.exit_code == 0, r.stderr
    r = env.cli("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    assert set(_list(env)) == {kept}
    _old_copy_opens_for_nobody(env, copy_dir, env.key)


def test_list_from_the_head_alone_matches_the_whole_records(env):
    """list's rows come from the index's few columns (index_format.light): the same as from each whole record."""
    a = make_case(env)
    b = make_case(env, OTHER_CASE)
    c = make_case(env)
    bo = env.new_officer("Bo Jones")
    assert env.cli("assign", b, "Bo Jones").exit_code == 0
    assert env.cli("follow-up", a, "+2d", "chase the plan").exit_code == 0
    r = env.cli("close", c, "--outcome", "resolved")
    assert r.exit_code == 0, r.stderr
    v = core_vault(env)
    today = dt.date.today()
    for options in ({}, {"follow_up": True}, {"status": "closed"}, {"mine": True}):
        selected = caseload.selection(v, today, **options)
        whole = {r["id"]: r for r in v.map_cases(lambda rec: selected.row(rec, names=True)) if r}
        light = {r["id"]: r for r in v.rows(lambda rec: selected.row(rec, names=True), light=True) if r}
        assert light == whole
    whole = {r["id"]: casework.row(r, names=True) for r in v.map_cases(lambda rec: rec)}
    assert {r["id"]: r for r in v.rows(lambda rec: casework.row(rec, names=True), light=True)} == whole
    assert bo.exists()
    for cmd in (["list", "--json", "--names"], ["list", "--follow-up", "--json"], ["list", "--officer", "Bo Jones", "--json"]):
        r = env.run(*cmd)
        assert r.exit_code == 0, r.stderr
    assert [row["id"] for row in json.loads(env.run("list", "--follow-up", "--json").stdout)] == [a]
    assert [row["id"] for row in json.loads(env.run("list", "--officer", "Bo Jones", "--json").stdout)] == [b]


_TEXT = st.text(alphabet=st.sampled_from("abcAB éZoë +44(0)1-2 3,\n\x00"), max_size=14)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries({"person": st.fixed_dictionaries({}, optional={
    "name": _TEXT, "postcode": _TEXT, "email": _TEXT, "phone": _TEXT, "address": _TEXT}),
    "child": st.fixed_dictionaries({}, optional={"name": _TEXT, "school": _TEXT})}), max_size=6), _TEXT)
def test_the_index_search_finds_what_matching_each_record_finds(records, query):
    """A substring scan over every case's keys laid end to end (even keys holding NUL), in the head's parts
    of a few cases each, finds what search.matches on each record finds."""
    order = [f"{i:04d}-AAAA" for i in range(len(records))]
    entries = [(cid, "", (), search.keys(r)) for cid, r in zip(order, records)]
    parts = {f"{n:04d}": index_format.make_part(entries[n:n + 2]) for n in range(0, len(entries), 2)}
    table = index_query.Table({"parts": parts}, None)
    got = {order[i]: fields for i, fields in table.search(query)}
    want = {cid: search.matches(r, query) for cid, r in zip(order, records)}
    assert got == {cid: f for cid, f in want.items() if f}


def test_a_long_list_is_printed_whole_in_plain_columns(env, monkeypatch):
    from sendvault.cli import common

    cases = [make_case(env) for _ in range(3)]
    monkeypatch.setattr(common, "LONG_LIST", 2)
    r = env.cli("list", "--names")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "opened", "status"] and set(lines[1]) <= {"-", " "}
    assert sorted(line.split()[0] for line in lines[2:]) == sorted(cases)
    assert all("Jane Example" in line for line in lines[2:])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=8), st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(), st.lists(st.text(), max_size=3)), max_size=6), max_size=5))
def test_rows_print_exactly_as_the_json_module_would(rows):
    """The fast printer of list rows writes the same text as ``emit_json`` (json.dumps(indent=2,
    ensure_ascii=False), terminal controls escaped), C1 controls and bidi overrides in the rows included."""
    import contextlib
    import io

    from sendvault.cli import output

    rows = rows + [{"name": "Zo\u00eb \x9b31m \u202eevil\u202c", "\x85": ["\x1b[2J"]}]
    expected = io.StringIO()
    with contextlib.redirect_stdout(expected):
        output.emit_json(rows)
    assert "\x9b" not in expected.getvalue() and "\u202e" not in expected.getvalue()
    assert json.loads(expected.getvalue()) == rows
    for chunk in (output.JSON_CHUNK, 2):  # a long list is written a chunk of rows at a time
        out = io.StringIO()
        with contextlib.redirect_stdout(out), mock.patch.object(output, "JSON_CHUNK", chunk):
            output.emit_json_rows(rows)
        assert out.getvalue() == expected.getvalue()


def test_whole_summaries_read_on_every_core_give_the_same_rows(env):
    """Reports and the retention plan decode summaries shard by shard on every core: the same rows as one process."""
    cases = [make_case(env) for _ in range(2)] + [make_case(env, OTHER_CASE) for _ in range(2)]
    assert env.run("sar", "--help").exit_code == 0
    outputs = []
    for workers in ("1", "2"):
        env.extra_env["SENDVAULT_WORKERS"] = workers
        r = env.run("list", "--consent-review", "--json")
        assert r.exit_code == 0, r.stderr
        r2 = env.run("retention", "plan", "--json")
        assert r2.exit_code == 0, r2.stderr
        outputs.append((r.stdout, json.loads(r2.stdout)["cases"]))
    assert outputs[0] == outputs[1] and outputs[0][1] in (0, len(cases))


def test_a_damaged_case_is_reported_by_every_search_not_only_the_first(env):
    """A case that cannot be read is not indexed; the index remembers it, so the quick check still reports it."""
    a = make_case(env)
    b = make_case(env, OTHER_CASE)
    flip_byte(env.vault / "cases" / f"{b}.age", -3)
    time.sleep(index_snapshot.RACY_NS / 1e9 + 0.2)
    for _ in range(3):  # a full check, then the quick check twice
        r = env.run("find", "jane", "--json")
        assert r.exit_code != 0 and b in r.stderr and "could not be read" in r.stderr
        assert [row["id"] for row in json.loads(r.stdout)] == [a]


def test_a_full_disk_does_not_stop_a_list_but_an_unaudited_read_is_refused(env, tmp_path):
    """The index is a cache: where it cannot be written (a full disk) the cases are listed
    from what this command read. The audit entry is not a cache: a list that cannot be
    recorded shows nothing."""
    from sendvault.store import storage

    cids = sorted([make_case(env), make_case(env, OTHER_CASE)])

    def steps_of_a_list(name: str) -> int:
        log = tmp_path / name
        storage.set_fault(f"count:{log}")
        try:
            assert env.cli("list", "--json").exit_code == 0
        finally:
            storage.set_fault(None)
        return len(log.read_text().split())

    shutil.rmtree(env.vault / "local" / "index", ignore_errors=True)
    cold = steps_of_a_list("cold")
    warm = steps_of_a_list("warm")  # the index now current: only the audit's writes
    assert cold > warm > 0
    listed = 0
    for n in range(1, cold + 1):  # each write failing in turn; the index's come first
        shutil.rmtree(env.vault / "local" / "index", ignore_errors=True)
        storage.set_fault(f"any:{n}:ENOSPC")
        try:
            r = env.cli("list", "--json")
        finally:
            storage.set_fault(None)
        if r.exit_code == 0:
            assert sorted(row["id"] for row in json.loads(r.stdout)) == cids
            listed += 1
        else:  # the audit's own writes, and the device's first records: nothing shown
            assert r.exit_code == 1 and r.stdout == "" and "No space left" in r.stderr, (n, r.stderr)
            assert n > cold - warm, n  # never the index's writes (the first ones)
        assert "Traceback" not in r.stderr
    assert listed >= cold - warm >= 5
    assert env.cli("verify").exit_code == 0
    assert env.cli("list", "--json").exit_code == 0
    assert (env.vault / "local" / "index" / "head.age").exists()  # written once the disk has room


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(max_size=70_000), max_size=6))
def test_encryption_in_parts_is_one_age_file_of_them_all(parts):
    """The head is encrypted as it is made: any pieces (empty ones, ones across age's 64 KiB chunks)
    make one age file of their concatenation; an error writing it (a full disk) comes through as itself."""
    pair = crypto.generate()
    out: list[bytes] = []
    crypto.encrypt_parts(iter(parts), [pair.recipient], out.append)
    assert crypto.decrypt(b"".join(out), [pair.identity], "head") == b"".join(parts)

    def full(data: bytes) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError) as caught:
        crypto.encrypt_parts(iter(parts), [pair.recipient], full)
    assert caught.value.errno == 28


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_rebuild_records_each_case_as_the_full_check_sees_it(env, workers, monkeypatch):
    """Rebuilt from nothing, each reader takes its case's signature itself, just before reading it:
    the next full check must find them all the same (nothing read again), and a case changed
    afterwards must still be seen."""
    ids = [make_case(env) for _ in range(3)] + [make_case(env, OTHER_CASE)]
    env.extra_env["SENDVAULT_WORKERS"] = workers
    shutil.rmtree(env.vault / "local" / "index", ignore_errors=True)
    assert env.cli("list", "--json").exit_code == 0
    shards = sorted(p.name for p in (env.vault / "local" / "index").iterdir() if p.name not in ("head.age", "key.age"))
    monkeypatch.setattr(index_snapshot, "FULL_CHECK_EVERY", 0)  # every command stats every file
    r = env.cli("find", "jane", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 3
    assert sorted(p.name for p in (env.vault / "local" / "index").iterdir() if p.name not in ("head.age", "key.age")) == shards
    _edit_elsewhere(env, ids[0], "person", "Rosa Newname")
    assert env.cli("find", "rosa", "--json").stdout.count(ids[0]) == 1
