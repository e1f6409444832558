"""Issue 12: the encrypted index behind list and find: current after every kind of change, forgotten at destruction."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from conftest import OTHER_CASE, SAMPLE_CASE, make_case

from sendvault import crypto


def _find(env, text: str) -> list[str]:
    r = env.run("find", text, "--json")
    assert r.exit_code == 0, r.stderr
    return [row["id"] for row in json.loads(r.stdout)]


def _list(env) -> dict[str, dict]:
    r = env.run("list", "--json", "--names")
    assert r.exit_code == 0, r.stderr
    return {row["id"]: row for row in json.loads(r.stdout)}


def test_index_is_encrypted_local_and_follows_changes_by_another_process(env):
    a = make_case(env)
    b = make_case(env, OTHER_CASE)
    assert _find(env, "jane exa") == [a]
    index = env.vault / "local" / "index.age"
    assert index.read_bytes().startswith(crypto.AGE_MAGIC) and b"Jane" not in index.read_bytes()
    assert "/local/" in (env.vault / ".gitignore").read_text()
    # another process changes a case (its own python, not this CLI run)
    code = ("import sys; from pathlib import Path; from sendvault.vault import Vault; from sendvault import crypto; "
            "v = Vault.open(sys.argv[1]); v.unlock(crypto.load_identity_file(Path(sys.argv[2]), None)); "
            "v.update_case(sys.argv[3], lambda r: r['person'].update(name='Rosa Newname'), 'edit')")
    subprocess.run([sys.executable, "-c", code, str(env.vault), str(env.key), a], check=True, env={**os.environ, "SENDVAULT_AGENT": "off"})
    assert _find(env, "rosa new") == [a] and _find(env, "jane exa") == []
    assert _list(env)[a]["person"] == "Rosa Newname"


def test_edit_and_a_file_replaced_as_a_sync_would_are_seen(env, tmp_path):
    a = make_case(env)
    before_case = (env.vault / "cases" / f"{a}.age").read_bytes()
    before_keys = {p.name: p.read_bytes() for p in (env.vault / "casekeys").iterdir()}
    assert env.run("note", a, "first note").exit_code == 0
    code = ("import sys; from pathlib import Path; from sendvault.vault import Vault; from sendvault import crypto; "
            "v = Vault.open(sys.argv[1]); v.unlock(crypto.load_identity_file(Path(sys.argv[2]), None)); "
            "v.update_case(sys.argv[3], lambda r: r['child'].update(name='Ada Edited'), 'edit', fresh_key=True)")
    subprocess.run([sys.executable, "-c", code, str(env.vault), str(env.key), a], check=True, env={**os.environ, "SENDVAULT_AGENT": "off"})
    assert _find(env, "ada edit") == [a]
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


def test_a_damaged_index_is_rebuilt_never_trusted(env):
    a = make_case(env)
    assert _find(env, "jane") == [a]
    index = env.vault / "local" / "index.age"
    data = bytearray(index.read_bytes())
    data[-5] ^= 0xFF
    index.write_bytes(bytes(data))
    assert _find(env, "jane") == [a]
    (env.vault / "local" / "index-key.age").write_bytes(b"junk")
    assert _find(env, "jane") == [a]
    r = env.run("verify")
    assert r.exit_code == 0, r.stderr


def test_after_erase_an_earlier_copy_of_the_index_opens_for_nobody(env, tmp_path):
    a = make_case(env)
    b = make_case(env, OTHER_CASE)
    assert _find(env, "jane") == [a] and _find(env, "kim other") == [b]
    copy = tmp_path / "copy-local"
    shutil.copytree(env.vault / "local", copy)
    r = env.run("erase", a, "--yes")
    assert r.exit_code == 0, r.stderr
    assert _find(env, "jane") == [] and _find(env, "kim other") == [b]
    # the old index copy, with its old key file, against every current file and the officer's identity
    old_index = (copy / "index.age").read_bytes()
    officer = crypto.load_identity_file(env.key, None)
    vault_keys = [crypto.parse_identities(crypto.decrypt(p.read_bytes(), [o.identity for o in officer], "v").decode())[0]
                  for p in (env.vault / "vaultkeys").iterdir()]
    identities = [k.identity for k in officer + vault_keys]
    # (a copy of local/index-key.age taken with it is a key backup, as a copy of casekeys/ is: see threat-model.md)
    current_key = crypto.parse_identities(crypto.decrypt((env.vault / "local" / "index-key.age").read_bytes(), identities, "k").decode())[0]
    for key in [current_key] + vault_keys + officer:
        try:
            crypto.decrypt(old_index, [key.identity], "old index")
            raise AssertionError("an earlier index copy opens with a current key")
        except crypto.NoMatch:
            pass
