"""The paper register: what outlives a destroyed case of its paper files (R34).

The nightly purge does not wait for paper files to be shredded by hand. When a case
with paper files not yet shredded is destroyed, ``destruction.destroy`` writes
``papers/<ID>.age`` before the case's key is shredded: for each such paper file its
number, where it is kept (and whose cabinet), who had it out, and since when it is
due; never a folder's label, a note, a risk assessment or a name of the family
(the schema ``paper-register`` has no place for them). A manager records each one
shredded ('paper shredded ID N'); a shredded paper file then keeps only that fact,
the day and the manager.

Encrypted for the current vault key and padded (as the statistical records are:
``sync`` commits it to the server), sealed with the vault key so that a register
written outside sendvault is refused. Officers removed later held the key of its
epoch: it is rewritten under the current key at its next change.
"""

from __future__ import annotations

import json

from . import crypto, destruction
from ..basics import ids, schema
from ..basics.errors import SendvaultError, VaultCorrupt

DIR = "papers"
FORMAT = "sendvault-papers/1"
PAD = 1024
PURPOSE = b"paper register"


def path(cid: str) -> str:
    return f"{DIR}/{cid}.age"


def case_ids(vault) -> list[str]:
    """Ids of the destroyed cases with a paper register."""
    return sorted(n[:-4] for n in vault.store.listdir(DIR) if n.endswith(".age") and ids.is_id(n[:-4]))


def exists(vault, cid: str) -> bool:
    return vault.store.exists(path(cid))


def write(vault, cid: str, destroyed: str, papers: list[dict]) -> None:
    """Seal, check, pad and encrypt the register of ``cid`` (under the writers' lock)."""
    data = destruction.seal(vault, {"format": FORMAT, "case": cid, "destroyed": destroyed, "papers": papers}, PURPOSE)
    schema.validate("paper-register", data, path(cid))
    text = json.dumps(data, sort_keys=True, indent=1).encode() + b"\n"
    text += b" " * (-len(text) % PAD)
    vault.store.write(path(cid), crypto.encrypt(text, [vault.vault_key(vault.epoch).recipient]))


def read(vault, cid: str) -> dict | None:
    """The register of destroyed case ``cid``, decrypted and checked; None if it has none."""
    try:
        blob = vault.store.read(path(cid))
    except FileNotFoundError:
        return None
    return opened(vault, cid, blob)


def opened(vault, cid: str, blob: bytes) -> dict:
    """A register's bytes (the file's, or one side of a sync's conflict) decrypted, checked and its seal proved."""
    rel = path(cid)
    try:
        data = json.loads(crypto.decrypt(blob, destruction.vault_identities(vault), rel))
    except (crypto.NoMatch, SendvaultError, ValueError):
        raise VaultCorrupt(f"{rel} cannot be opened with the vault key") from None
    schema.validate("paper-register", data, rel)
    if data["case"] != cid or not destruction.seal_ok(vault, data, PURPOSE):
        raise VaultCorrupt(f"{rel} is not sealed by this vault's key for case {cid} (written outside sendvault)",
                           hint="run 'sendvault verify'")
    return data


def merge(vault, cid: str, mine: bytes, theirs: bytes) -> None:
    """The register of ``cid`` changed on two machines (two managers recording different paper files shredded,
    or the case destroyed on both): every paper file of either, a shredding recorded on either side kept."""
    a, b = opened(vault, cid, mine), opened(vault, cid, theirs)
    by_number = {p["number"]: p for p in a["papers"]}
    for p in b["papers"]:
        if p["number"] not in by_number or ("shredded" in p and "shredded" not in by_number[p["number"]]):
            by_number[p["number"]] = p
    write(vault, cid, min(a["destroyed"], b["destroyed"]), [by_number[n] for n in sorted(by_number)])


def check(vault, destroyed: set[str]) -> tuple[list[str], list[str]]:
    """(problems, notes) for ``verify``: every register opens, is sealed, and belongs to a destroyed case."""
    problems: list[str] = []
    notes: list[str] = []
    for name in vault.store.listdir(DIR):
        cid = name[:-4] if name.endswith(".age") else ""
        if name.startswith(".tmp-"):
            notes.append(f"{DIR}/{name}: a temporary file left by an interrupted write")
            continue
        if not ids.is_id(cid):
            problems.append(f"{DIR}/{name}: an unexpected file")
            continue
        try:
            data = read(vault, cid)
        except SendvaultError as exc:
            problems.append(f"{DIR}/{name}: {exc.message}")
            continue
        if cid not in destroyed:
            problems.append(f"{DIR}/{name}: a paper register for case {cid}, which has no destruction record")
        elif data and any("due" in p for p in data["papers"]):
            left = sum(1 for p in data["papers"] if "due" in p)
            notes.append(f"case {cid}: {left} paper file(s) still to shred ('sendvault today' lists them for a manager)")
    return problems, notes


__all__ = ["DIR", "path", "case_ids", "exists", "write", "read", "opened", "merge", "check"]
