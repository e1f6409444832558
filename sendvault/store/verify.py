"""Whole-vault integrity check: every file opens, validates and belongs.

Problems are what an auditor must act on (a damaged or swapped file, a broken
audit chain, a stray plaintext file, a case whose file has gone). Notes are the
harmless traces of an interrupted write (a temporary file, which only ever holds
ciphertext; a key whose case was never finished), which nothing reads.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Callable

from . import audit, crypto, destruction, documents, paper_register, parallel
from ..basics import ids
from ..basics.errors import SendvaultError
from .storage import TMP_PREFIX
from .config import CONFIG
from .vault import Vault

TOP_LEVEL = {CONFIG, ".gitignore", "cases", "casekeys", "vaultkeys", "audit", "local", "destroyed", "statistics", "documents", "papers",
             ".git", ".gitattributes"}
DESTROYING = destruction.DESTROYING
_CASEKEY = re.compile(r"^(?P<id>[0-9A-Z]{4}-[0-9A-Z]{4})\.e(?P<epoch>[0-9]+)\.age$")


@dataclass
class Report:
    cases: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def verify_vault(vault: Vault, progress: Callable[[int, int], None] | None = None) -> Report:
    """Check the whole vault under the writers' lock (a consistent view)."""
    report = Report()
    # A linked directory is reported, never followed: its files could be anywhere.
    linked = [d for d in ("cases", "casekeys", "vaultkeys", "audit", "local", "documents") if vault.store.kind(d) == "link"]
    if linked:
        report.problems += [f"{d}: a symbolic link inside the vault (not followed; nothing under it was checked)" for d in linked]
        return report
    with vault.locked():
        chain = audit.verify(vault)
        report.problems += chain.problems
        report.notes += chain.notes
        _check_top_level(vault, report)
        _check_hygiene(vault, report)
        _check_vault_keys(vault, report)
        key_index = vault.index_keys()
        case_ids = _check_case_dir(vault, report)
        # A destruction under way (a purge or erase killed part-way) is finished by the next purge.
        unfinished = set(destruction.unfinished(vault))
        problems, notes = destruction.check(vault, set(case_ids) | set(key_index))
        report.problems += problems
        report.notes += notes
        done, pending = destruction.listing(vault)
        problems, notes = paper_register.check(vault, done | pending)  # a destroyed case's paper files (R34)
        report.problems += problems
        report.notes += notes
        _check_orphan_keys(vault, report, key_index, case_ids, chain.entries, unfinished)
        _check_audit_dir(vault, report)
        index_problems = vault.cases.index.check()
        if index_problems:  # this machine's cache, not the vault: reported, then rebuilt on next use
            report.notes += index_problems
            vault.cases.index.discard()
        _check_document_dirs(vault, report, set(case_ids), unfinished)
        not_fetched: set[str] = set()
        for cid, problem in _check_cases(vault, case_ids, progress, documents.not_fetched(vault.store)):
            if problem and cid in unfinished:
                continue  # its key already shredded: the note above says the next purge removes it
            if problem and problem.startswith(STRAY):  # ciphertext whose key was never kept: harmless
                report.notes.append(f"case {cid}: {problem}")
                continue
            if problem == NOT_FETCHED:  # on the server, as the vault's history says: counted in one note
                not_fetched.add(cid)
                continue
            if problem:
                report.problems.append(f"case {cid}: {problem}")
            else:
                report.cases += 1
            if len(key_index.get(cid, [])) > 1:
                report.notes.append(f"case {cid} has a second key file left by an interrupted write")
        if not_fetched:
            report.notes.append(f"the documents of {len(not_fetched)} case(s) are on the server, not yet fetched to "
                                "this machine (a clone without documents): 'sendvault verify --documents' fetches "
                                "and checks them")
    return report


def verify_unopened(vault: Vault) -> Report | None:
    """When unlocking failed: if a vault-key file is damaged, a report naming it, with the checks that
    need no key (no case can be read); None if every vault key opens (the failure was not theirs:
    a ``vault.toml`` changed by hand is refused as every command refuses it)."""
    report = Report()
    _check_vault_keys(vault, report)
    if not report.problems:
        return None
    _check_top_level(vault, report)
    _check_hygiene(vault, report)
    _check_case_dir(vault, report)
    report.notes.append("no case or audit entry was checked: they open only with the vault key")
    return report


def _check_cases(vault: Vault, case_ids: list[str], progress, elsewhere: set[str]) -> list[tuple[str, str | None]]:
    """(id, problem or None) for every case, read on every core."""
    total, workers, parent = len(case_ids), parallel.workers_for(len(case_ids)), os.getpid()

    def work(share: list[str]) -> list[tuple[str, str | None]]:
        out = []
        for n, cid in enumerate(share, 1):
            try:
                record = vault.read_case(cid)
                if record.get("documents") or documents.blobs(vault.store, cid):
                    out.extend((cid, p) for p in check_documents(vault, cid, record, elsewhere))
                # A case key change cut short by a crash: the old key may still open the file.
                out.append((cid, "its file is written for two keys (a key change was cut short); "
                                 "the next change to the case (a note, say) finishes it"
                            if vault.cases.rekey_interrupted(cid) else None))
            except SendvaultError as exc:
                out.append((cid, exc.message))
            if progress and os.getpid() == parent:  # the first share, read here, stands for all
                progress(min(n * workers, total), total)
        return out

    return parallel.map_chunks(work, case_ids, workers)


def check_documents(vault: Vault, cid: str, record: dict, elsewhere: set[str] = frozenset()) -> list[str]:
    """Problems of case ``cid``'s documents: each file there, opening with its key, matching its SHA-256;
    then each file no document names (an attach killed before its record was written: unreadable, as its
    key was never kept), which ``verify_vault`` reports as a note; and ``NOT_FETCHED`` if files are on
    the server only (``elsewhere``: a partial clone's, as its git says), which ``verify_vault`` counts in
    one note."""
    problems: list[str] = []
    fetched_later: list[int] = []
    named = set()
    for d in record.get("documents") or ():
        named.add(d["blob"])
        try:
            size, digest = documents.read_blob(vault.store, cid, d["blob"], documents.key_of(d["key"]), lambda piece: None)
        except FileNotFoundError:
            # Named in the vault's history but not fetched yet (a partial clone's): not a problem of the vault.
            if f"{cid}/{d['blob']}" in elsewhere:
                fetched_later.append(d["number"])
            else:
                problems.append(f"document {d['number']}: its file is missing")
            continue
        except SendvaultError as exc:
            problems.append(f"document {d['number']}: {exc.message}")
            continue
        if (size, digest) != (d["size"], d["sha256"]):
            problems.append(f"document {d['number']}: its file does not hold what was attached (SHA-256 differs)")
    return problems + [f"{STRAY} {documents.DIR}/{cid}/{b}.age" for b in documents.blobs(vault.store, cid) if b not in named] \
        + ([NOT_FETCHED] if fetched_later else [])


NOT_FETCHED = "documents on the server, not yet fetched to this machine"
STRAY = "a stray document file (an attach stopped before its record was written; nobody can open it, " \
        "and the next attach to the case removes it):"


def _check_document_dirs(vault: Vault, report: Report, case_ids: set[str], unfinished: set[str]) -> None:
    """``documents/`` holds a directory per case that has documents, and in it only their files."""
    for name in documents.case_dirs(vault.store):
        rel = f"{documents.DIR}/{name}"
        if not ids.is_id(name) or vault.store.kind(rel) != "dir":
            _unexpected(vault, rel, report)
            continue
        if name not in case_ids and name not in unfinished:
            report.problems.append(f"{rel}: document files of a case that is not in the vault (destroyed? "
                                   "'sendvault retention purge' finishes a destruction)")
        for entry in vault.store.listdir(rel):
            if entry.startswith(TMP_PREFIX):
                report.notes.append(f"{rel}/{entry}: a temporary file left by an interrupted write")
            elif not documents.BLOB_FILE.match(entry):
                _unexpected(vault, f"{rel}/{entry}", report)


def _unexpected(vault: Vault, rel: str, report: Report) -> None:
    kind = vault.store.kind(rel)
    if kind == "link":
        report.problems.append(f"{rel}: a symbolic link inside the vault")
        return
    if kind == "dir":
        report.problems.append(f"{rel}: an unexpected directory")
        return
    if vault.store.peek(rel, len(crypto.AGE_MAGIC)) == crypto.AGE_MAGIC:
        report.problems.append(f"{rel}: an unexpected encrypted file")
    else:
        report.problems.append(f"{rel}: an unexpected file that is NOT encrypted (it may hold personal data in the clear)")


def _check_top_level(vault: Vault, report: Report) -> None:
    for name in vault.store.top_level():
        if name.startswith(TMP_PREFIX) and vault.store.kind(name) == "file":
            report.notes.append(f"{name}: a temporary file left by an interrupted write")
        elif name not in TOP_LEVEL:
            _unexpected(vault, name, report)
    for name in vault.store.listdir("local"):
        # sync-keys.json: git blob ids and file sizes of casekeys/ (sync.py), nothing readable
        if name.startswith(TMP_PREFIX):
            report.notes.append(f"local/{name}: a temporary file left by an interrupted write")
        elif name not in ("lock", "device", "pins", "seal", "purge", "index", "highwater", "undo", "index.age", "index-key.age",
                          "sync-keys.json"):
            _unexpected(vault, f"local/{name}", report)


def _check_hygiene(vault: Vault, report: Report) -> None:
    """Files 0600 and directories 0700 (nothing for group or others), no links of either kind.

    git's own directory is left to git (sync writes it with the same private umask).
    """
    root_mode = os.lstat(vault.root).st_mode
    modes = True  # each entry's mode is its own (not one the mount gives every file)
    if stat.S_IMODE(root_mode) & 0o077 and (kind := vault.store.without_permissions()):
        # chmod cannot help there: one line for the mount, not one per file
        modes = False
        report.problems.append(
            f"the vault is on a file system without file permissions ({kind}), mounted so that every file is "
            f"mode {stat.S_IMODE(root_mode):o}, open to others: mount it for your account only (uid=, gid=, umask=077)")
    elif stat.S_IMODE(root_mode) & 0o077:
        report.problems.append(f"the vault directory is open to others (mode {stat.S_IMODE(root_mode):o}, should be 700)")
    for rel, mode, nlink in vault.store.entries(skip=(".git",)):
        if stat.S_ISLNK(mode):
            report.problems.append(f"{rel}: a symbolic link inside the vault (sendvault follows none)")
        elif modes and stat.S_ISDIR(mode) and stat.S_IMODE(mode) & 0o077:
            report.problems.append(f"{rel}: a directory open to others (mode {stat.S_IMODE(mode):o}, should be 700)")
        elif modes and stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
            report.problems.append(f"{rel}: a file open to others (mode {stat.S_IMODE(mode):o}, should be 600)")
        elif stat.S_ISREG(mode) and nlink > 1:
            report.problems.append(f"{rel}: has another name (a hard link), which would keep its contents after a change")
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            report.problems.append(f"{rel}: not a regular file (a device, pipe or socket)")


def _check_vault_keys(vault: Vault, report: Report) -> None:
    expected = {f"{e}.age" for e in range(1, vault.epoch + 1)}
    present = set(vault.store.listdir("vaultkeys"))
    for name in sorted(present - expected):
        if name.startswith(TMP_PREFIX):
            report.notes.append(f"vaultkeys/{name}: a temporary file left by an interrupted write")
        elif name == f"{vault.epoch + 1}.age":
            report.notes.append(f"vaultkeys/{name}: left by an officer removal that was interrupted; run it again")
        else:
            _unexpected(vault, f"vaultkeys/{name}", report)
    for e in range(1, vault.epoch + 1):
        try:
            vault.vault_key(e)
        except SendvaultError as exc:
            message = exc.message if f"vaultkeys/{e}.age" in exc.message else f"vaultkeys/{e}.age: {exc.message}"
            report.problems.append(f"vault key epoch {e}: {message}")


def _check_case_dir(vault: Vault, report: Report) -> list[str]:
    case_ids = []
    for name in vault.store.listdir("cases"):
        if name.endswith(".age") and ids.is_id(name[:-4]):
            case_ids.append(name[:-4])
        elif name.startswith(TMP_PREFIX):
            report.notes.append(f"cases/{name}: a temporary file left by an interrupted write")
        else:
            _unexpected(vault, f"cases/{name}", report)
    return case_ids


def _check_orphan_keys(vault, report, key_index, case_ids, entries, unfinished=frozenset()) -> None:
    for name in vault.store.listdir("casekeys"):
        if name.startswith(TMP_PREFIX):
            report.notes.append(f"casekeys/{name}: a temporary file left by an interrupted write")
        elif not _CASEKEY.match(name) or not ids.is_id(name.split(".")[0]):
            _unexpected(vault, f"casekeys/{name}", report)
    present = set(case_ids)
    # A key without its case is the trace of an intake killed before it finished,
    # unless the audit trail says the case was created and never destroyed.
    last_event: dict[str, str] = {}
    for e in entries:
        if e["case"]:
            last_event[e["case"]] = e["command"]
    for cid in sorted(set(key_index) - present):
        if cid in unfinished:
            continue
        if cid not in last_event:
            report.notes.append(f"case {cid}: a key without a case, left by an interrupted intake")
        elif last_event[cid] in DESTROYING:
            # With copies of the case file in backups or git history, this key undoes the destruction.
            report.problems.append(f"case {cid}: destroyed, but its key still exists (the destruction is incomplete)")
        else:
            report.problems.append(f"case {cid}: its file is missing (the audit trail records it, its key remains)")
    for cid in case_ids:
        if cid in unfinished:
            continue
        if cid not in key_index:
            report.problems.append(f"case {cid}: no key opens it (its key file is missing)")
        elif cid not in last_event:
            report.notes.append(f"case {cid}: no audit entry records it (an intake stopped just after writing, "
                                "or another device's trail not synchronised here yet)")


def _check_audit_dir(vault: Vault, report: Report) -> None:
    for name in vault.store.listdir("audit"):
        if name.startswith(TMP_PREFIX):
            report.notes.append(f"audit/{name}: a temporary file left by an interrupted write")
        elif not re.match(r"^[0-9a-f]{16}\.(log|head)$", name):
            _unexpected(vault, f"audit/{name}", report)
