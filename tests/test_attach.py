"""Documents in the case file (issue 24), through the command line: attach, documents, open, detach; what
``show``, ``find``, ``erase``, ``verify`` and the audit trail make of them; bad input of every kind."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from conftest import Env, audit_log, make_case, one_line_error, show

PDF = b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 40 + b"%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + os.urandom(3000)


def ok(env: Env, *args: str, input: str | None = None):
    r = env.cli(*args, input=input)
    assert r.exit_code == 0, r.stderr
    return r


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def docs(env: Env, cid: str) -> list[dict]:
    return json.loads(ok(env, "documents", cid, "--json").stdout)


def blob_files(env: Env, cid: str | None = None) -> list[Path]:
    root = env.vault / "documents"
    return sorted((root / cid).glob("*") if cid else root.glob("*/*")) if root.exists() else []


def audit_entries(env: Env) -> list[tuple[str, str | None, str | None]]:
    return [(e["command"], e.get("case"), e.get("detail")) for e in audit_log(env)]


def out_copy(env: Env, cid: str, number: int, name: str = "copy.bin") -> bytes:
    target = env.tmp / name
    ok(env, "open", cid, str(number), "--out", str(target))
    data = target.read_bytes()
    target.unlink()
    return data


def test_attach_lists_and_opens_a_copy_byte_for_byte(env: Env):
    cid = make_case(env)
    plan = write(env.tmp / "Sam Example draft plan.pdf", PDF)
    r = ok(env, "attach", cid, str(plan), "--kind", "draft-ehc-plan", "--from", "parent-carer")
    assert "document 1" in r.stderr
    listed = docs(env, cid)
    assert [(d["number"], d["title"], d["kind"], d["from"], d["size"]) for d in listed] == \
        [(1, "Sam Example draft plan.pdf", "draft-ehc-plan", "parent-carer", len(PDF))]
    assert "blob" not in listed[0] and "key" not in listed[0]
    assert out_copy(env, cid, 1) == PDF
    assert plan.exists()  # kept unless --remove-original


def test_the_document_file_is_apart_named_at_random_and_holds_nothing_readable(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "report.png", PNG)), "--title", "Speech therapy report")
    case_before = (env.vault / "cases" / f"{cid}.age").read_bytes()
    [blob] = blob_files(env, cid)
    assert re.fullmatch(r"[0-9a-f]{32}\.age", blob.name)
    data = blob.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert PNG[100:200] not in data and b"therapy" not in data
    # a second document is a second file: the first, and its name, unchanged
    ok(env, "attach", cid, str(write(env.tmp / "b.pdf", PDF)))
    assert blob in blob_files(env, cid) and blob.read_bytes() == data and len(blob_files(env, cid)) == 2
    assert (env.vault / "cases" / f"{cid}.age").read_bytes() != case_before  # the record lists it
    record = show(env, cid)
    assert [d["title"] for d in record["documents"]] == ["Speech therapy report", "b.pdf"]


def test_several_files_at_once_and_the_audit_names_numbers_never_titles(env: Env):
    cid = make_case(env)
    a, b = write(env.tmp / "Secret Title One.pdf", PDF), write(env.tmp / "Secret Title Two.png", PNG)
    ok(env, "attach", cid, str(a), str(b))
    assert [d["number"] for d in docs(env, cid)] == [1, 2]
    out_copy(env, cid, 2)
    log = audit_entries(env)
    assert "Secret Title" not in json.dumps(log)
    assert ("attach", cid, "document 1") in log and ("attach", cid, "document 2") in log
    assert ("open --out", cid, "document 2") in log


def test_remove_original_deletes_only_after_the_copy_is_checked(env: Env):
    cid = make_case(env)
    original = write(env.tmp / "letter.pdf", PDF)
    r = ok(env, "attach", cid, str(original), "--remove-original")
    assert not original.exists()
    assert "SSD" in r.stderr
    assert out_copy(env, cid, 1) == PDF


def test_remove_original_keeps_it_when_the_copy_does_not_read_back(env: Env, monkeypatch):
    """A vault copy that does not decrypt to the original (here: a read-back that sees other bytes) leaves the original."""
    from sendvault.store import documents as files

    cid = make_case(env)
    original = write(env.tmp / "letter.pdf", PDF)
    real = files.read_blob

    def damaged(store, c, blob, key, write_):
        size, digest = real(store, c, blob, key, write_)
        return size, "0" * 64

    monkeypatch.setattr(files, "read_blob", damaged)
    r = env.cli("attach", cid, str(original), "--remove-original")
    assert r.exit_code == 1
    assert "original was not removed" in one_line_error(r)
    assert original.read_bytes() == PDF


def test_detach_shreds_the_file_and_keeps_the_fact(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), str(write(env.tmp / "b.png", PNG)))
    first = blob_files(env, cid)
    ok(env, "detach", cid, "1", "--yes")
    assert [d["number"] for d in docs(env, cid)] == [2]
    assert len(blob_files(env, cid)) == 1 and set(blob_files(env, cid)) < set(first)
    record = show(env, cid)
    assert {"event": "document-removed", "document": 1}.items() <= record["history"][-1].items()
    # its number is never given again
    ok(env, "attach", cid, str(write(env.tmp / "c.pdf", PDF)))
    assert [d["number"] for d in docs(env, cid)] == [2, 3]
    assert ("detach", cid, "document 1") in audit_entries(env)
    r = env.cli("open", cid, "1", "--out", str(env.tmp / "x"))
    assert r.exit_code != 0 and "no document 1" in one_line_error(r)


def test_detach_without_a_terminal_needs_yes(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    r = env.cli("detach", cid, "1")
    assert r.exit_code == 2 and "--yes" in one_line_error(r)
    assert len(docs(env, cid)) == 1


def test_show_lists_documents_without_their_file_names(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)), "--title", "Annual review minutes", "--kind", "la-letter")
    [blob] = blob_files(env, cid)
    r = ok(env, "show", cid)
    assert "Annual review minutes" in r.stdout and "document 1" in r.stdout
    assert blob.stem not in r.stdout


def test_open_hands_a_ram_copy_to_the_viewer_and_removes_it(env: Env, tmp_path: Path):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    bindir = tmp_path / "bin"
    bindir.mkdir()
    seen = tmp_path / "seen"
    viewer = bindir / "xdg-open"
    # The fake viewer records where the file was and its hash (never a copy of it).
    viewer.write_text(f"#!/bin/sh\necho \"$1\" > {seen}\nsha256sum \"$1\" >> {seen}\n")
    viewer.chmod(0o755)
    env.extra_env.update({"PATH": f"{bindir}:{os.environ['PATH']}", "DISPLAY": ":99"})
    ok(env, "open", cid, "1", input="\n")
    where, digest = seen.read_text().splitlines()
    assert digest.split()[0] == hashlib.sha256(PDF).hexdigest()
    assert where.startswith("/dev/shm/") and where.endswith("document-1.pdf")
    assert not Path(where).exists() and not Path(where).parent.exists()
    assert ("open", cid, "document 1") in audit_entries(env)


def test_open_without_a_desktop_points_to_out(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    env.extra_env.update({"DISPLAY": "", "WAYLAND_DISPLAY": ""})
    r = env.cli("open", cid, "1")
    assert r.exit_code == 1
    assert "--out" in r.stderr and "no desktop viewer" in one_line_error(r)


def test_open_out_refuses_to_replace_a_file_without_force(env: Env):
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    target = write(env.tmp / "there.pdf", b"mine")
    r = env.cli("open", cid, "1", "--out", str(target))
    assert r.exit_code != 0 and target.read_bytes() == b"mine"
    ok(env, "open", cid, "1", "--out", str(target), "--force")
    assert target.read_bytes() == PDF


# --- bad input: one line each, nothing written -------------------------------------------------------------


def vault_files(env: Env) -> dict[str, bytes]:
    return {str(p.relative_to(env.vault)): p.read_bytes() for p in sorted(env.vault.rglob("*"))
            if p.is_file() and not str(p.relative_to(env.vault)).startswith(("audit/", "local/"))}


def refused(env: Env, *args: str, code: int = 2) -> str:
    before = vault_files(env)
    r = env.cli(*args)
    assert r.exit_code == code, r.stderr
    line = one_line_error(r)
    assert vault_files(env) == before  # nothing half-written
    assert "Sam Example" not in r.stderr  # a file's name may be personal: never in a message
    return line


def test_bad_files_are_refused_in_one_line_naming_no_file(env: Env):
    cid = make_case(env)
    secret = "Sam Example private"
    empty = write(env.tmp / f"{secret} empty.pdf", b"")
    assert "is empty" in refused(env, "attach", cid, str(empty))
    folder = env.tmp / f"{secret} folder"
    folder.mkdir()
    assert "is a directory" in refused(env, "attach", cid, str(folder))
    link = env.tmp / f"{secret} link.pdf"
    link.symlink_to(write(env.tmp / "real.pdf", PDF))
    assert "symbolic link" in refused(env, "attach", cid, str(link))
    os.mkfifo(env.tmp / f"{secret}.pipe")
    assert "not a regular file" in refused(env, "attach", cid, str(env.tmp / f"{secret}.pipe"))
    assert "does not exist" in refused(env, "attach", cid, str(env.tmp / f"{secret} gone.pdf"))
    disguised = write(env.tmp / f"{secret} report.docx", PDF)
    line = refused(env, "attach", cid, str(disguised))
    assert "named as a .docx file but holds a PDF" in line
    assert "named as a .png file but holds" in refused(env, "attach", cid, str(write(env.tmp / "x.png", PDF)))
    assert "named as a .pdf file but holds a PNG" in refused(env, "attach", cid, str(write(env.tmp / "y.pdf", PNG)))
    assert "e-mail's headers" in refused(env, "attach", cid, str(write(env.tmp / "z.eml", PDF)))
    # several files: the bad one is named by its place, and none is attached
    line = refused(env, "attach", cid, str(write(env.tmp / "good.pdf", PDF)), str(empty))
    assert line.startswith("sendvault: error: FILE 2 is empty")
    assert docs(env, cid) == []


def test_usage_is_checked_before_anything(env: Env):
    cid = make_case(env)
    a = write(env.tmp / "a.pdf", PDF)
    assert "--kind must be one of" in refused(env, "attach", cid, str(a), "--kind", "passport")
    assert "--private is for" in refused(env, "attach", cid, str(a), "--private")
    assert "--title names one file" in refused(env, "attach", cid, str(a), str(a), "--title", "x")
    assert "by its number" in refused(env, "open", cid, "first", "--out", str(env.tmp / "o"))
    assert "no document 4" in refused(env, "open", cid, "4", "--out", str(env.tmp / "o"))


def test_the_size_limit_is_the_vaults_and_a_manager_changes_it(env: Env):
    cid = make_case(env)
    big = env.tmp / "big.pdf"
    with open(big, "wb") as f:  # sparse: 51 MB on paper, nothing on disk
        f.write(b"%PDF-1.4\n")
        f.truncate(51 * 1024 * 1024)
    line = refused(env, "attach", cid, str(big), code=1)
    assert "51.0 MB, over the vault's limit of 50.0 MB" in line
    assert json.loads(ok(env, "documents-settings", "--json").stdout) == {"max_mb": 50}
    ok(env, "documents-settings", "--max-mb", "1")
    assert "over the vault's limit of 1.0 MB" in refused(env, "attach", cid, str(write(env.tmp / "m.png", PNG * 400)), code=1)
    ok(env, "attach", cid, str(write(env.tmp / "small.png", PNG)))
    assert "--max-mb is 1 to 2000" in refused(env, "documents-settings", "--max-mb", "0")
    bo = env.new_officer("Bo")
    r = env.cli("documents-settings", "--max-mb", "80", identity=bo)
    assert r.exit_code == 5


def test_a_name_with_odd_characters_is_kept_as_a_clean_title(env: Env):
    cid = make_case(env)
    odd = env.tmp / "Plan \x1b[31mred\n\u200b two \u202e\U0001F4C4 Łódź.pdf"
    write(odd, PDF)
    ok(env, "attach", cid, str(odd))
    [d] = docs(env, cid)
    assert d["title"] == "Plan [31mred two \U0001F4C4 Łódź.pdf" and d["type"] == "pdf"
    assert out_copy(env, cid, 1) == PDF
    # a name that is not text at all (Latin-1 bytes) is refused in one line, as every argument is
    raw = os.fsencode(env.tmp) + b"/caf\xe9.pdf"
    with open(raw, "wb") as f:
        f.write(PDF)
    assert "not valid utf-8" in refused(env, "attach", cid, os.fsdecode(raw))


def test_a_full_disk_part_way_leaves_no_document_and_no_file(env: Env):
    """Every write step of attach failing with ENOSPC (tests/test_faults.py does each command; here the
    streamed document's own steps, with a document large enough to take many pieces)."""
    from sendvault.store import storage

    cid = make_case(env)
    data = b"%PDF-1.4\n" + os.urandom(3 * 1024 * 1024)
    src = write(env.tmp / "large.pdf", data)
    log = env.tmp / "steps"
    storage.set_fault(f"count:{log}")
    try:
        ok(env, "attach", cid, str(src))
    finally:
        storage.set_fault(None)
    steps = log.read_text().split()
    ok(env, "detach", cid, "1", "--yes")
    before = vault_files(env)
    for n in range(1, len(steps) + 1):
        if steps[n - 1] == "shred":
            continue
        storage.set_fault(f"any:{n}:ENOSPC")
        try:
            r = env.cli("attach", cid, str(src))
        finally:
            storage.set_fault(None)
        assert r.exit_code == 1, (n, steps[n - 1], r.stderr)
        assert "No space left on device" in one_line_error(r)
        assert vault_files(env) == before, (n, steps[n - 1])
        assert not docs(env, cid)
    assert src.read_bytes() == data
    assert env.cli("verify").exit_code == 0


def test_killed_mid_attach_leaves_the_case_as_it_was_and_the_next_attach_cleans_up(env: Env):
    import signal
    import subprocess
    import sys
    import time

    from conftest import CLI

    cid = make_case(env)
    big = env.tmp / "big.pdf"
    with open(big, "wb") as f:
        f.write(b"%PDF-1.4\n")
        for _ in range(40):
            f.write(os.urandom(1024 * 1024))
    before = show(env, cid)
    p = subprocess.Popen([*CLI, "attach", cid, str(big)], env={**os.environ, **env.env()},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    where = env.vault / "documents" / cid
    deadline = time.time() + 60
    while time.time() < deadline and not (where.exists() and any(where.iterdir())):
        time.sleep(0.005)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert show(env, cid).get("documents") == before.get("documents")
    assert "documents" not in show(env, cid)
    v = env.cli("verify", "--json")
    assert v.exit_code == 0, v.stdout
    left = list(where.iterdir()) if where.exists() else []
    ok(env, "attach", cid, str(write(env.tmp / "a.pdf", PDF)))
    assert all(not p.exists() for p in left)
    assert len(blob_files(env, cid)) == 1
    assert sys.executable  # (the child was a real process, killed outright)


def test_no_plaintext_left_in_tmp_shm_the_vault_or_home(env: Env, tmp_path: Path):
    from conftest import files_containing

    marker = b"MARKER-DOC-9QX4-" + os.urandom(8).hex().encode()
    content = b"%PDF-1.4\n" + marker + b"\n" + os.urandom(200000) + marker
    cid = make_case(env)
    src = write(env.tmp / "m.pdf", content)
    home = tmp_path / "home"
    home.mkdir()
    env.extra_env["HOME"] = str(home)
    ok(env, "attach", cid, str(src))
    # the viewer path: a RAM copy, removed
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "xdg-open").write_text("#!/bin/sh\nexit 0\n")
    (bindir / "xdg-open").chmod(0o755)
    env.extra_env.update({"PATH": f"{bindir}:{os.environ['PATH']}", "DISPLAY": ":99"})
    ok(env, "open", cid, "1", input="\n")
    # an --out that fails (its folder is missing) leaves nothing either
    assert env.cli("open", cid, "1", "--out", str(tmp_path / "missing" / "x.pdf")).exit_code != 0
    found = files_containing(marker, env.vault, home, Path("/tmp"), Path("/dev/shm"), since=env.started - 2)
    assert found == [str(src)]


def test_memory_does_not_grow_with_the_documents_size(env: Env):
    """attach and open --out of a 100 MB document peak at the memory of a 2 MB one (bench/documents.py: 200 MB)."""
    import subprocess
    import sys

    from conftest import CLI

    measure = ("import resource, subprocess, sys\n"
               "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
               "assert p.returncode == 0, p.stderr\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    cid = make_case(env)
    ok(env, "documents-settings", "--max-mb", "120")
    peaks = {}
    for n, mb in enumerate((2, 100), 1):
        src = env.tmp / f"{mb}.pdf"
        with open(src, "wb") as f:
            f.write(b"%PDF-1.4\n")
            for _ in range(mb):
                f.write(os.urandom(1 << 20))
        out = env.tmp / f"{mb}-copy.pdf"
        got = []
        for args in (["attach", cid, str(src)], ["open", cid, str(n), "--out", str(out)]):
            p = subprocess.run([sys.executable, "-c", measure, *CLI, *args], env={**os.environ, **env.env()},
                               capture_output=True, text=True, timeout=300)
            assert p.returncode == 0, p.stderr
            got.append(int(p.stdout) / 1024)
        assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(src.read_bytes()).digest()
        src.unlink()
        out.unlink()
        peaks[mb] = got
    for small, large in zip(peaks[2], peaks[100]):
        assert large < small * 1.25 and large < 100, peaks


def test_open_killed_while_the_document_is_shown_leaves_no_copy(env: Env, tmp_path: Path):
    """SIGKILL while the viewer has the RAM copy: the watchdog (as edit's) removes it."""
    import signal
    import subprocess
    import time

    from conftest import CLI, files_containing

    marker = b"MARKER-KILLED-OPEN-" + os.urandom(6).hex().encode()
    cid = make_case(env)
    src = write(env.tmp / "k.pdf", b"%PDF-1.4\n" + marker)
    ok(env, "attach", cid, str(src), "--remove-original")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    seen = tmp_path / "seen"
    (bindir / "xdg-open").write_text(f"#!/bin/sh\necho \"$1\" > {seen}\n")
    (bindir / "xdg-open").chmod(0o755)
    environ = {**os.environ, **env.env(), "PATH": f"{bindir}:{os.environ['PATH']}", "DISPLAY": ":99"}
    p = subprocess.Popen([*CLI, "open", cid, "1"], env=environ, stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not seen.exists():
        time.sleep(0.02)
    where = Path(seen.read_text().strip())
    assert where.read_bytes().endswith(marker)  # shown: the copy is there while the officer reads
    p.kill()
    p.wait()
    for _ in range(100):
        if not where.parent.exists():
            break
        time.sleep(0.05)
    assert not where.parent.exists()
    assert files_containing(marker, env.vault, Path("/tmp"), Path("/dev/shm"), since=env.started - 2) == []


def test_shares_and_copies_hold_no_document_in_the_clear(env: Env, tmp_path: Path):
    from conftest import files_containing

    marker = b"MARKER-SHARED-" + os.urandom(6).hex().encode()
    cid = make_case(env)
    ok(env, "attach", cid, str(write(env.tmp / "s.pdf", b"%PDF-1.4\n" + marker + os.urandom(5000))), "--remove-original")
    ok(env, "consent", "grant", cid, "share-information", "--party", "A School", "--by", "parent-carer")
    ok(env, "share", cid, "--to", "A School", "--document", "1", "--out", str(tmp_path / "share.pdf"))
    ok(env, "sar", "request", cid, "--for", "parent")
    ok(env, "sar", cid, "--for", "parent", "--out", str(tmp_path / "copy.pdf"))
    assert files_containing(marker, env.vault, Path("/tmp"), Path("/dev/shm"), since=env.started - 2) == []
