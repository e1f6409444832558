"""What mutation testing of keys.py found untested (docs/reliability.md, "Mutation testing"): the key
hierarchy crypto-shredding rests on. That a case written again after an officer's removal keeps only
its new epoch's key (the old one, which the leaver's copy of the old vault key opens, is shredded);
that an agent opens the vault (it unwraps only what is marked as a vault key); the files' documented
headers; that a damaged key file is named in the error; that stray files in casekeys/ are not taken
for keys; and the keyring's listing of case keys (made once for a bulk read) kept true through the
writes, re-keyings and destructions that follow in the same process.

Where the behaviour needs one process to read many cases and then write, or another process to
re-key a case under a reader (sync's merge, a long `find` racing an officer's note), the test holds
the vault through the core API (conftest's ``core_vault``) and makes the other officer's change
through the command line: no single command can be stopped between the two."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import signal
from pathlib import Path

from sendvault.store import crypto

from conftest import Env, case_file, case_key_files, core_vault, flip_byte, key_away, make_case, one_line_error, show


def _rotate(env: Env) -> None:
    """Add an officer and remove them: the vault key moves to epoch 2 (cases keep epoch 1 until written)."""
    env.new_officer("Bob")
    r = env.cli("officer", "remove", "Bob")
    assert r.exit_code == 0, r.stderr


def _note(env: Env, cid: str, text: str) -> None:
    r = env.cli("note", cid, text)
    assert r.exit_code == 0, r.stderr


def _names(env: Env, cid: str) -> list[str]:
    return [p.name for p in case_key_files(env, cid)]


# --- through the command line -------------------------------------------------------------------


def test_a_case_written_after_an_officer_leaves_keeps_only_its_new_key(env: Env):
    """retire_old_case_keys 2, 4-8 (the old epoch's key file not shredded, or another file asked for).

    The epoch-1 key file is wrapped for vault key 1, which the leaver could open in any copy of the
    vault they kept: left beside the new one, it is a second way into the case. docs/vault-format.md:
    a case has exactly one key file, a second only after an interrupted write (which verify notes)."""
    cid = make_case(env)
    _rotate(env)
    assert _names(env, cid) == [f"{cid}.e1.age"]  # not written since: still under epoch 1
    _note(env, cid, "called back")
    assert _names(env, cid) == [f"{cid}.e2.age"]
    assert show(env, cid)["id"] == cid
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["notes"] == []


def test_the_agent_opens_the_vault_after_a_rotation(env: Env):
    """vault_key 7, 9, 11, 12 (the agent's unwrap not asked, or asked without the file) and
    write_vault_key 6, 7 (the vault key's header changed: the agent unwraps only a file marked
    "# sendvault vault key", so a vault written so could not be opened through it)."""
    cid = make_case(env)
    _rotate(env)
    _note(env, cid, "called back")  # now under the vault key of epoch 2, written by the rotation
    env.use_default_identity()
    r = env.run("unlock", "--json")
    assert r.exit_code == 0, r.stderr
    pid = json.loads(r.stdout)["pid"]
    try:
        with key_away(env):  # only the agent can open the vault
            r = env.run("show", cid, "--json")
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["id"] == cid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def test_the_key_files_hold_the_headers_docs_vault_format_gives(env: Env):
    """write_vault_key 6, 7 and new_case_key 9, 10 (the headers' words changed).

    docs/vault-format.md shows each key file's first comment; an officer recovering a case with
    the reference age tool by hand reads them to know which file is which."""
    cid = make_case(env)
    (ann,) = crypto.parse_identities(env.key.read_text())
    vault_text = crypto.decrypt((env.vault / "vaultkeys" / "1.age").read_bytes(), [ann.identity], "vault key").decode()
    assert vault_text.splitlines()[:2] == ["# sendvault vault key", "# epoch: 1"]
    (vault_key,) = crypto.parse_identities(vault_text)
    case_text = crypto.decrypt(case_key_files(env, cid)[0].read_bytes(), [vault_key.identity], "case key").decode()
    assert case_text.splitlines()[:3] == ["# sendvault case key", f"# case: {cid}", "# epoch: 1"]


def test_a_damaged_vault_key_file_is_named_in_the_error(env: Env):
    """vault_key 15 (the file's name dropped from the error): the officer must know which file to
    restore from a backup."""
    cid = make_case(env)
    (env.vault / "vaultkeys" / "1.age").write_bytes(b"not an age file\n")
    assert "vaultkeys/1.age is not an age-encrypted file" in one_line_error(env.cli("show", cid))


def test_a_damaged_case_key_file_is_named_in_the_error(env: Env):
    """open_case_key 9 (the file's name dropped from the error)."""
    cid = make_case(env)
    (key,) = case_key_files(env, cid)
    flip_byte(key, key.stat().st_size - 20)
    assert f"casekeys/{key.name} is damaged or truncated" in one_line_error(env.cli("show", cid))


def test_stray_files_in_casekeys_are_not_taken_for_keys(env: Env):
    """index_case_keys 10, 11 (a name that is not ``ID.eN.age`` listed as a key).

    An editor's backup or a copy left by hand in casekeys/ is reported by verify as what it is
    (a file that is not encrypted), never read as a case's second key (a false "interrupted
    write"), a key of a case that does not exist, nor made to crash the check."""
    cid = make_case(env)
    strays = [f"{cid}.e1.age~", f"{cid}.e5.bak", "notes.e2.bak"]
    for name in strays:
        (env.vault / "casekeys" / name).write_bytes(b"x")
    r = env.cli("verify", "--json")
    assert r.exit_code == 4, r.stderr
    report = json.loads(r.stdout)
    assert report["cases"] == 1 and report["notes"] == []
    assert report["problems"] == [
        f"casekeys/{name}: an unexpected file that is NOT encrypted (it may hold personal data in the clear)"
        for name in strays]


# --- the keyring's listing of case keys, through the core API ---------------------------------------


def _shred_cut_short(key: Path, size: int) -> None:
    """What a crash inside ``Store.shred`` leaves: the key file overwritten with random bytes, not yet unlinked."""
    key.write_bytes(os.urandom(size))


def test_a_reader_whose_listing_went_stale_looks_again(env: Env):
    """relist_case_keys 2-5, 8, 9, 11-21 (the second look at a case's key files broken, or
    its epochs not newest first).

    A bulk read lists casekeys/ once; another officer then writes the case after a removal, which
    shreds the key file the listing names. The reader (who takes no lock) must look again and read
    the case, not fail as if it were damaged. For the second case the writer was cut short inside
    the old key's shredding: the new key must be tried first, as the old file is now random bytes."""
    cid, cut = make_case(env), make_case(env)
    v = core_vault(env)
    assert v.index_keys() == {cid: [1], cut: [1]}
    _rotate(env)
    (old,) = case_key_files(env, cut)
    size = old.stat().st_size
    _note(env, cid, "called back")  # by another process: the key is now epoch 2's alone
    _note(env, cut, "called back")
    _shred_cut_short(old, size)
    assert v.read_case(cid)["id"] == cid
    assert v.keys.case_key_epochs(cid) == [2]
    assert v.read_case(cut)["id"] == cut
    assert v.keys.case_key_epochs(cut) == [2, 1]


def test_a_bulk_read_tries_the_newest_key_first(env: Env):
    """index_case_keys 27 (the listing's epochs oldest first).

    After a crash inside the shredding of a case's old key (its file overwritten, not yet
    unlinked) the case opens with its new key; read oldest first, the random bytes are taken for a
    damaged key and verify (which lists casekeys/ once for every case) calls the case damaged."""
    cid = make_case(env)
    _rotate(env)
    (old,) = case_key_files(env, cid)
    size = old.stat().st_size
    _note(env, cid, "called back")
    _shred_cut_short(old, size)
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stdout + r.stderr
    report = json.loads(r.stdout)
    assert (report["cases"], report["problems"]) == (1, [])
    assert report["notes"] == [f"case {cid} has a second key file left by an interrupted write"]


def test_writes_after_a_bulk_read_keep_the_listing_true(env: Env):
    """new_case_key 25-31, retire_old_case_keys 10 (the listing not updated, or wrongly, when a
    case gets a new key after casekeys/ was listed: sync's merge lists it, then re-keys every case
    written under an older epoch), and case_key_epochs 3, 5 (an id not listed: no keys, not None).

    With a wrong listing the old epoch's key file is not shredded (the leaver's way in), or the
    write fails half-way between the new key and the old one's removal."""
    cid = make_case(env)
    _rotate(env)
    v = core_vault(env)
    assert v.index_keys() == {cid: [1]}
    assert v.keys.case_key_epochs("ZZZZ-ZZZZ") == []
    v.update_case(cid, lambda r: None, "note")  # under epoch 1: written under a fresh key of epoch 2
    assert _names(env, cid) == [f"{cid}.e2.age"]
    assert v.keys.case_key_epochs(cid) == [2]
    assert v.read_case(cid)["id"] == cid
    # A case made after the listing (not in it) gets its key listed too.
    fields = {k: val for k, val in copy.deepcopy(v.read_case(cid)).items()
              if k not in ("format", "id", "created", "created_by", "updated", "updated_by", "status", "assigned_to")}
    new = v.create_case(fields)
    assert _names(env, new) == [f"{new}.e2.age"]
    assert v.keys.case_key_epochs(new) == [2]
    assert v.read_case(new)["id"] == new


def test_a_destroyed_case_leaves_the_listing(env: Env):
    """shred_case_keys 3, 4 (the destroyed case's keys left in the listing, or its removal from the
    listing failing: the case then not destroyed, only its key)."""
    cid, kept = make_case(env), make_case(env)
    v = core_vault(env)
    assert v.index_keys() == {cid: [1], kept: [1]}
    v.destroy_case(cid)
    assert case_key_files(env, cid) == [] and v.keys.case_key_epochs(cid) == []
    assert v.keys.case_key_epochs(kept) == [1]
    assert v.index_keys() == {kept: [1]}


def test_an_erasure_cut_short_after_its_key_was_shredded_is_finished_by_the_purge(env: Env):
    """shred_case_keys 5 (a case missing from the listing). The nightly purge finishes a destruction
    a failure cut short; it lists casekeys/ first, and a case whose key was shredded before the
    failure has no key there: taking it out of the listing must not fail, or the case file is left.
    The failure is injected just after the key's removal (the directory's sync, the 5th of the
    erasure)."""
    cid, kept = make_case(env), make_case(env)
    env.extra_env["SENDVAULT_FAULT"] = "dirsync:5:EIO"
    r = env.run("erase", cid, "--asked-by", "parent-carer", "--how", "letter", "--yes")
    del env.extra_env["SENDVAULT_FAULT"]
    assert r.exit_code != 0 and "run the same command again to finish it" in r.stderr, r.stderr
    assert case_key_files(env, cid) == [] and case_file(env, cid).exists()  # cut short where meant
    r = env.run("retention", "purge", "--yes")
    assert r.exit_code == 0, r.stderr
    assert "1 interrupted destruction(s) finished" in r.stderr
    assert not case_file(env, cid).exists()
    assert "was destroyed on" in one_line_error(env.cli("show", cid))
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["cases"] == 1 and show(env, kept)["id"] == kept


def test_a_bulk_read_lists_casekeys_once(env: Env, monkeypatch):
    """index_case_keys 28 (the listing made but not kept: every case then costs a stat per epoch,
    which on a vault of 20,000 cases is what the listing is for)."""
    ids = {make_case(env) for _ in range(3)}
    v = core_vault(env)
    asked: list[str] = []
    real = v.store.exists
    monkeypatch.setattr(v.store, "exists", lambda rel: asked.append(rel) or real(rel))
    assert set(v.map_cases(lambda r: r["id"], workers=1)) == ids
    assert [rel for rel in asked if rel.startswith("casekeys/")] == []


def test_a_second_look_reads_key_names_as_the_first_does(env: Env):
    """relist_case_keys read "ID.e1.e2.age" (a stray name sendvault never writes) as epoch 2, where
    the first listing (index_case_keys) skips it: a reader's second look then tried a key file that
    is not there. Both now read a name the same way."""
    cid = make_case(env)
    v = core_vault(env)
    v.index_keys()
    stray = env.vault / "casekeys" / f"{cid}.e1.e2.age"
    stray.write_bytes(b"age-encryption.org/v1\n")
    v.keys.relist_case_keys(cid)
    assert v.keys.case_key_epochs(cid) == [1]
    assert v.read_case(cid)["id"] == cid
