"""What the rest of sendvault makes of documents (issue 24.4): find, verify, erase and purge, sync, key rotation."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AGE, OTHER_CASE, Env, age_decrypt, make_case, one_line_error, requires_age, show
from test_attach import PDF, PNG, blob_files, docs, ok, out_copy, write

ERASE = ("--asked-by", "parent-carer", "--how", "letter", "--yes")


def test_find_matches_a_documents_title(env: Env):
    cid, other = make_case(env), make_case(env, OTHER_CASE)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), "--title", "Tribunal bundle (Łódź clinic)")
    found = json.loads(ok(env, "find", "tribunal bund", "--json").stdout)
    assert [(r["id"], r["matched"]) for r in found] == [(cid, ["documents.title"])]
    assert [r["id"] for r in json.loads(ok(env, "find", "lodz", "--json").stdout)] == [cid]
    ok(env, "detach", cid, "1", "--yes")
    assert json.loads(ok(env, "find", "tribunal", "--json").stdout) == []
    assert other  # a case without documents is searched as before


def test_the_index_never_holds_a_documents_key(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    ok(env, "list")  # the index built
    from sendvault.store.vault import Vault
    from sendvault.store import crypto

    vault = Vault.open(env.vault)
    vault.unlock(crypto.load_identity_file(env.key, lambda: ""))
    [summary] = vault.rows(lambda r: r)
    assert summary["documents"][0]["title"] == "a.pdf" and "key" not in summary["documents"][0]


def test_verify_passes_then_names_a_missing_or_corrupt_document(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), str(write(env.tmp / "b.png", PNG)))
    assert env.cli("verify").exit_code == 0
    first, second = (d for d in docs(env, cid))
    blobs = blob_files(env, cid)
    record = show(env, cid)  # (show --json never gives the blob: find the files by elimination)
    assert "blob" not in record["documents"][0]
    victim = blobs[0]
    saved = victim.read_bytes()
    data = bytearray(saved)
    data[-20] ^= 0x55
    victim.write_bytes(bytes(data))
    r = env.cli("verify")
    assert r.exit_code == 4
    assert f"case {cid}: document" in r.stdout + r.stderr and "damaged" in r.stdout + r.stderr
    victim.unlink()
    r = env.cli("verify")
    assert r.exit_code == 4 and "its file is missing" in r.stdout + r.stderr
    victim.write_bytes(saved)
    victim.chmod(0o600)
    assert env.cli("verify").exit_code == 0


def test_a_stray_document_file_is_a_note_and_the_next_attach_removes_it(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    [blob] = blob_files(env, cid)
    stray = blob.with_name("0" * 32 + ".age")
    shutil.copy(blob, stray)  # as an attach killed after its file, before its record
    r = env.cli("verify")
    assert r.exit_code == 0 and "stray document file" in r.stdout + r.stderr
    ok(env, "attach", cid, str(write(env.tmp / "b.png", PNG)))
    assert not stray.exists() and len(blob_files(env, cid)) == 2


def test_verify_reports_document_files_of_a_case_not_in_the_vault(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    (env.vault / "documents" / "ZZZZ-ZZZZ").mkdir(mode=0o700)
    shutil.copy(blob_files(env, cid)[0], env.vault / "documents" / "ZZZZ-ZZZZ" / ("1" * 32 + ".age"))
    r = env.cli("verify")
    assert r.exit_code == 4 and "documents/ZZZZ-ZZZZ" in r.stdout + r.stderr


@requires_age
def test_after_erase_no_document_file_remains_and_an_old_copy_opens_for_nobody(env: Env):
    cid, keep = make_case(env), make_case(env, OTHER_CASE)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), str(write(env.tmp / "b.png", PNG)))
    ok(env, "attach", keep, str(write(env.tmp / "c.pdf", PDF)))
    copies = {p.name: p.read_bytes() for p in blob_files(env, cid)}
    backup = env.tmp / "backup"
    shutil.copytree(env.vault, backup)  # a backup taken before: every file, keys and records included
    # Before: the reference age CLI opens a document the documented way (case key -> record -> document key).
    key = _document_key_via_age(backup, env.key, cid, 1)
    assert age_decrypt(backup / "documents" / cid / f"{_blob_of(backup, env.key, cid, 1)}.age", key.encode()).stdout == PDF

    ok(env, "erase", cid, *ERASE)
    assert not (env.vault / "documents" / cid).exists()
    assert len(blob_files(env, keep)) == 1  # the other case's document stays
    # the document files' bytes are nowhere under the vault (shredded, not only unlinked from a name)
    everything = b"".join(p.read_bytes() for p in env.vault.rglob("*") if p.is_file() and not p.is_symlink())
    assert not any(data[200:264] in everything for data in copies.values())
    # The old copies open with no identity of the vault's: the case key is gone, so is the document key in the record.
    for name, data in copies.items():
        assert age_decrypt(data, env.key).returncode != 0
    r = subprocess.run([AGE, "-d", "-i", str(env.key), str(env.vault / "cases" / f"{cid}.age")], capture_output=True)
    assert r.returncode != 0
    assert env.cli("verify").exit_code == 0


def _vault_key(root: Path, identity: Path, epoch: int = 1) -> bytes:
    return age_decrypt(root / "vaultkeys" / f"{epoch}.age", identity).stdout


def _record(root: Path, identity: Path, cid: str) -> dict:
    import tomllib

    [key_file] = sorted((root / "casekeys").glob(f"{cid}.e*.age"))
    case_key = age_decrypt(key_file, _vault_key(root, identity)).stdout
    return tomllib.loads(age_decrypt(root / "cases" / f"{cid}.age", case_key).stdout.decode())


def _document_key_via_age(root: Path, identity: Path, cid: str, number: int) -> str:
    """What docs/vault-format.md tells an auditor to do: the vault key, the case key, the record, the document's key."""
    return next(d["key"] for d in _record(root, identity, cid)["documents"] if d["number"] == number)


def _blob_of(root: Path, identity: Path, cid: str, number: int) -> str:
    return next(d["blob"] for d in _record(root, identity, cid)["documents"] if d["number"] == number)


def laptop_b(env: Env) -> Env:
    """``env``'s vault shared through a new server, and a second machine's clone of it."""
    server = env.tmp / "server.git"
    ok(env, "serve-init", str(server))
    ok(env, "sync", "--remote", str(server))
    b = Env(env.tmp, env.tmp / "laptop-b", env.key, env.recipient)
    ok(b, "clone", str(server), str(b.vault))
    return b


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")
def test_sync_carries_documents_and_their_detaching_and_erasure(env: Env):
    b = laptop_b(env)
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), str(write(env.tmp / "b.png", PNG)))
    ok(env, "sync")
    ok(b, "sync")
    assert out_copy(b, cid, 1) == PDF and out_copy(b, cid, 2) == PNG
    # attached on B while A attaches too: both kept after the merge, each with its own number
    ok(b, "attach", cid, str(write(env.tmp / "c.pdf", PDF)), "--title", "from B")
    ok(env, "attach", cid, str(write(env.tmp / "d.pdf", PDF)), "--title", "from A")
    ok(b, "sync")
    ok(env, "sync")
    ok(b, "sync")
    titles = sorted((d["number"], d["title"]) for d in docs(b, cid))
    assert sorted(t for _, t in titles) == ["a.pdf", "b.png", "from A", "from B"]
    assert len({n for n, _ in titles}) == 4
    assert docs(env, cid) == docs(b, cid)
    assert len(blob_files(b, cid)) == 4 and b.cli("verify").exit_code == 0
    # a detach travels too: the file goes on the other machine
    ok(env, "detach", cid, "1", "--yes")
    ok(env, "sync")
    ok(b, "sync")
    assert [d["number"] for d in docs(b, cid)] == [n for n, _ in titles if n != 1]
    assert len(blob_files(b, cid)) == 3
    # and an erasure on one machine removes every document file on the other
    ok(env, "erase", cid, *ERASE)
    ok(env, "sync")
    ok(b, "sync")
    assert not (b.vault / "documents" / cid).exists()
    assert b.cli("verify").exit_code == 0


def test_withdrawing_consent_to_store_personal_details_removes_the_documents(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), str(write(env.tmp / "b.png", PNG)))
    copies = [p.read_bytes() for p in blob_files(env, cid)]
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert "documents" not in show(env, cid)
    assert blob_files(env, cid) == []
    everything = b"".join(p.read_bytes() for p in env.vault.rglob("*") if p.is_file())
    assert not any(c[100:164] in everything for c in copies)
    r = env.cli("attach", cid, str(write(env.tmp / "c.pdf", PDF)))
    assert r.exit_code == 5 and "may not hold personal details" in one_line_error(r)
    assert env.cli("verify").exit_code == 0


def test_the_nightly_purge_shreds_a_due_cases_documents(env: Env):
    import copy

    from test_retention import OLD

    due, keep = make_case(env, copy.deepcopy(OLD)), make_case(env)
    ok(env, "attach", due, str(write(env.tmp / "a.pdf", PDF)))
    ok(env, "attach", keep, str(write(env.tmp / "b.pdf", PDF)))
    copies = [p.read_bytes() for p in blob_files(env, due)]
    ok(env, "retention", "rules", "set", "--birthday", "25", "--after-last-contact", "0")
    ok(env, "retention", "purge", "--yes")
    assert not (env.vault / "documents" / due).exists() and len(blob_files(env, keep)) == 1
    everything = b"".join(p.read_bytes() for p in env.vault.rglob("*") if p.is_file())
    assert copies[0][100:164] not in everything
    assert env.cli("verify").exit_code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")
def test_a_withdrawal_on_one_machine_takes_the_documents_attached_on_the_other(env: Env):
    b = laptop_b(env)
    cid = make_case(env)
    ok(env, "sync")
    ok(b, "sync")
    ok(b, "attach", cid, str(write(env.tmp / "b.pdf", PDF)))  # on B, while A removes the personal details
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    ok(env, "sync")
    ok(b, "sync")
    ok(env, "sync")
    for machine in (env, b):
        assert "documents" not in show(machine, cid)
        assert blob_files(machine, cid) == []
        assert machine.cli("verify").exit_code == 0
