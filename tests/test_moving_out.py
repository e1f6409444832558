"""Moving out (issue 26): `sendvault export`, and the round trip back in with `sendvault import`.

The export is checked as a service leaving would use it: decrypted with the recipient's
key (pyrage in memory, and the reference age CLI where installed), read as a tar,
its CSV tables opened, and imported into a new vault with the mapping it ships.
"""

from __future__ import annotations

import csv
import io
import json
import tarfile
from pathlib import Path

import pytest

from conftest import (AGE, OTHER_CASE, SAMPLE_CASE, Env, age_decrypt, make_case, make_key, one_line_error, requires_age,
                      show)
from sendvault.store import crypto

SCHOOL = "Thistlecombe Primary School"


def busy_case(env: Env) -> str:
    """A case with something in every list an export carries: notes, consents, a share, a hold, history."""
    cid = make_case(env)
    ok = lambda *a: (lambda r: r.exit_code == 0 or pytest.fail(r.stderr))(env.cli(*a))  # noqa: E731
    ok("note", cid, "Called the SENCo about the plan", "--from", "professional")
    ok("note", cid, "Mum would rather dad is not told", "--from", "parent-carer", "--private")
    ok("consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer", "--method", "written")
    ok("consent", "grant", cid, "mailing-list", "--by", "parent-carer", "--method", "verbal")
    ok("consent", "withdraw", cid, "mailing-list")
    ok("share", cid, "--to", SCHOOL, "--only", "profile", "--out", str(env.tmp / "share.age"), "--recipient", env.recipient)
    ok("follow-up", cid, "+2w", "chase the LA")
    ok("hold", cid, "--reason", "tribunal bundle")
    ok("release", cid)
    # Everyone in the case and its documents go too (issues 23, 24).
    ok("person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility", "yes",
       "--name", "Kofi Example", "--phone", "07700 900522", "--from", "parent-carer")
    ok("note", cid, "Dad's view, for him only", "--from", "3", "--private")
    letter = env.tmp / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% a letter from the local authority\n%%EOF\n")
    ok("attach", cid, str(letter), "--title", "LA letter", "--kind", "la-letter", "--from", "3")
    ok("close", cid, "--outcome", "advice-given")
    return cid


def untar(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def opened(env: Env, path: Path, key: Path) -> dict[str, bytes]:
    pairs = crypto.load_identity_file(key, None)
    return untar(crypto.decrypt(path.read_bytes(), [p.identity for p in pairs], "export"))


@pytest.fixture
def leaving_key(env: Env) -> tuple[Path, str]:
    key = env.tmp / "leaving.key"
    return key, make_key(key)


def test_an_export_is_age_encrypted_for_the_recipient_and_holds_every_record_in_json_and_csv(env: Env, leaving_key):
    key, recipient = leaving_key
    busy, other = busy_case(env), make_case(env, OTHER_CASE)
    out = env.tmp / "leaving.tar.age"
    r = env.cli("export", "--out", str(out), "--recipient", recipient)
    assert r.exit_code == 0, r.stderr
    assert "exported 2 case(s) to leaving.tar.age (age-encrypted)" in r.stderr
    data = out.read_bytes()
    assert data.startswith(b"age-encryption.org/v1") and b"Jane Example" not in data
    files = opened(env, out, key)
    root = "sendvault-export/"
    assert {f"{root}README.txt", f"{root}manifest.json", f"{root}import-mapping.toml", f"{root}schemas/case.schema.json",
            f"{root}cases/{busy}.json", f"{root}cases/{other}.json", f"{root}tables/cases.csv", f"{root}tables/notes.csv",
            f"{root}tables/consents.csv", f"{root}tables/disclosures.csv", f"{root}tables/history.csv",
            f"{root}tables/holds.csv"} <= set(files)
    doc = json.loads(files[f"{root}cases/{busy}.json"])
    assert doc["format"] == "sendvault-export-case/1" and doc["case"] == show(env, busy)
    notes = list(csv.DictReader(io.StringIO(files[f"{root}tables/notes.csv"].decode("utf-8-sig"))))
    assert [(n["case_id"], n["from"], n["private"]) for n in notes] == [(busy, "professional", ""), (busy, "parent-carer", "true"),
                                                                         (busy, "parent-carer", "true")]
    assert [n["from_person"] for n in notes] == ["", "", "3"]
    people = list(csv.DictReader(io.StringIO(files[f"{root}tables/people.csv"].decode("utf-8-sig"))))
    assert [(p["case_id"], p["number"], p["relationship"]) for p in people] == [(busy, "3", "father")]
    [document] = list(csv.DictReader(io.StringIO(files[f"{root}tables/documents.csv"].decode("utf-8-sig"))))
    assert (document["title"], document["from_person"]) == ("LA letter", "3") and "key" not in document
    assert files[f"{root}documents/{busy}/1 LA letter.pdf"].startswith(b"%PDF-1.4")
    consents = list(csv.DictReader(io.StringIO(files[f"{root}tables/consents.csv"].decode("utf-8-sig"))))
    assert [c["action"] for c in consents if c["scope"] == "mailing-list"] == ["grant", "withdraw"]
    cases = list(csv.DictReader(io.StringIO(files[f"{root}tables/cases.csv"].decode("utf-8-sig"))))
    assert {c["id"] for c in cases} == {busy, other} and "person.name" in cases[0] and "profile.primary_need" in cases[0]
    readme = files[f"{root}README.txt"].decode()
    assert "cases/<ID>.json" in readme and "tables/<kind>.csv" in readme and "import-mapping.toml" in readme
    manifest = json.loads(files[f"{root}manifest.json"])
    assert manifest["cases"] == 2 and manifest["whole_vault"] is True and manifest["records"]["notes"] == 3
    assert manifest["records"]["people"] == 1 and manifest["records"]["documents"] == 1
    entries = json.loads(env.cli("audit", "show", "--json").stdout)
    assert [e["detail"] for e in entries if e["command"] == "export"] == ["the whole vault: 2 case(s), age-encrypted"]


@requires_age
def test_the_reference_age_cli_opens_an_export(env: Env, leaving_key):
    key, recipient = leaving_key
    cid = make_case(env)
    out = env.tmp / "one.tar.age"
    assert env.cli("export", cid, "--out", str(out), "--recipient", recipient).exit_code == 0
    r = age_decrypt(out, key)
    assert r.returncode == 0 and f"sendvault-export/cases/{cid}.json" in untar(r.stdout)


def test_chosen_cases_only_each_audited(env: Env, leaving_key):
    key, recipient = leaving_key
    one, _two = make_case(env), make_case(env, OTHER_CASE)
    out = env.tmp / "one.tar.age"
    assert env.cli("export", one.lower(), "--out", str(out), "--recipient", recipient).exit_code == 0
    names = [n for n in opened(env, out, key) if "/cases/" in n]
    assert names == [f"sendvault-export/cases/{one}.json"]
    entries = json.loads(env.cli("audit", "show", "--json").stdout)
    assert [(e["case"], e["detail"]) for e in entries if e["command"] == "export"] == [(one, "age-encrypted")]


def test_plaintext_only_when_asked_with_the_warning_and_never_over_anything(env: Env):
    cid = make_case(env)
    r = env.cli("export", "--out", str(env.tmp / "plain"))
    assert r.exit_code == 2 and "give --recipient AGE-KEY" in one_line_error(r)
    r = env.cli("export", "--out", str(env.tmp / "plain"), "--plaintext")
    assert r.exit_code == 0
    assert "warning: the files are not protected; send them only by a secure route and delete your copy" in r.stderr
    assert (env.tmp / "plain" / "cases" / f"{cid}.json").is_file()
    assert oct((env.tmp / "plain" / "cases" / f"{cid}.json").stat().st_mode & 0o777) == "0o600"
    r = env.cli("export", "--out", str(env.tmp / "plain"), "--plaintext")
    assert r.exit_code == 1 and "already exists" in one_line_error(r)
    entries = json.loads(env.cli("audit", "show", "--json").stdout)
    assert [e["detail"] for e in entries if e["command"] == "export"] == ["the whole vault: 1 case(s), plaintext"]


def test_export_refuses_an_unknown_case_and_an_officer_and_writes_nothing(env: Env, leaving_key):
    _, recipient = leaving_key
    make_case(env)
    out = env.tmp / "x.tar.age"
    r = env.cli("export", "K7M3-Q9P2", "--out", str(out), "--recipient", recipient)
    assert r.exit_code == 1 and "no case K7M3-Q9P2" in one_line_error(r) and not out.exists()
    bo = env.new_officer("Bo")
    r = env.cli("export", "--out", str(out), "--recipient", recipient, identity=bo)
    assert r.exit_code == 5 and not out.exists()
    r = env.cli("export", "--out", str(env.vault / "cases" / "x.tar.age"), "--recipient", recipient)
    assert r.exit_code == 5 and "inside the vault" in one_line_error(r)
    r = env.cli("export", "--out", str(env.vault / "leaving"), "--plaintext")
    assert r.exit_code == 5 and not (env.vault / "leaving").exists()
    r = env.cli("export", "--out", str(out), "--recipient", "age1notakey")
    assert r.exit_code != 0 and not out.exists()
    one_line_error(r)


def test_round_trip_export_then_import_gives_the_same_cases(env: Env, leaving_key, tmp_path: Path):
    key, recipient = leaving_key
    anonymous = {k: v for k, v in SAMPLE_CASE.items() if k not in ("person", "child")}
    originals = [busy_case(env), make_case(env, OTHER_CASE), make_case(env, {**anonymous, "anonymous": True})]
    out = env.tmp / "leaving.tar.age"
    assert env.cli("export", "--out", str(out), "--recipient", recipient).exit_code == 0
    files = opened(env, out, key)
    folder = tmp_path / "unpacked"
    for name, data in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    # A new vault for the service the cases move to: the same policy version and localities
    new = Env(tmp_path, tmp_path / "new-vault", env.key, env.recipient)
    r = new.cli("init", str(new.vault), "--service", "Next SENDIASS", "--officer", "Ann", "--recipient", env.recipient,
                "--policy-version", "2025-01", "--locality", "North", "--locality", "South")
    assert r.exit_code == 0, r.stderr
    root = folder / "sendvault-export"
    r = new.cli("import", *sorted(str(p) for p in (root / "cases").glob("*.json")), "--mapping", str(root / "import-mapping.toml"),
                "--documents", str(root / "documents"))
    assert r.exit_code == 0, r.stderr
    assert "3 case(s) with 3 note(s) imported" in r.stdout and "1 document(s) attached" in r.stderr
    assert not any("key" in d for d in json.loads(files["sendvault-export/cases/" + originals[0] + ".json"])["case"]["documents"])

    def same(record: dict) -> dict:
        # apart from the id, the import's own time and officer, and its record of itself; a document's
        # "added" and "by" are when the import attached it back
        out = {k: v for k, v in record.items() if k not in ("id", "updated", "updated_by", "imported", "legacy_ref")}
        if "documents" in out:
            out["documents"] = [{k: v for k, v in d.items() if k not in ("added", "by")} for d in out["documents"]]
        return out

    for cid in originals:
        before = show(env, cid)
        found = json.loads(new.cli("find", cid, "--json").stdout)
        assert len(found) == 1
        after = show(new, found[0]["id"])
        assert after["legacy_ref"] == cid and same(after) == same(before)
    # a second run of the same import duplicates nothing
    r = new.cli("import", str(root / "cases"), "--mapping", str(root / "import-mapping.toml"))  # the folder, this time
    assert "0 case(s) with 0 note(s) imported; 0 refused for a problem; 3 already in the vault" in r.stdout
    r = new.cli("import", *sorted(str(p) for p in (root / "cases").glob("*.json")), "--mapping", str(root / "import-mapping.toml"),
                "--documents", str(root / "documents"))
    assert "0 document(s) attached; 1 already in their case" in r.stderr
