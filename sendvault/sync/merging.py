"""The server's branch merged into this machine's: what git cannot merge is settled here.

Destructions win over any concurrent change to the same case; a case changed on two
machines is merged record by record (``records.merge``), each version decrypted in
memory only; a destroyed case's paper register changed on two machines keeps every
shredding recorded on either; two team changes crossing are united and re-sealed (``vault.toml``);
cases written here under a key epoch the merge retired are written again under a
fresh key.
"""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..basics import ids, schema
from ..basics.errors import NoKeyError, SendvaultError
from ..records import merge
from ..store import audit, documents, paper_register
from . import partial
from .casekeys import KEY_NAME
from .git import BRANCH, REMOTE, SyncError, first_line, run_git, text_of

if TYPE_CHECKING:  # the sync's result, filled in here; exchange.py imports this module
    from .exchange import Result


class Pending(SyncError):
    """The same field of a case changed two ways on two machines, and no one has chosen yet."""

    def __init__(self, conflicts: dict[str, list[str]]):
        what = "; ".join(f"case {cid}: {', '.join(paths)}" for cid, paths in sorted(conflicts.items()))
        first = sorted(conflicts)[0]
        super().__init__(f"changed two ways on this machine and on another: {what}; the merge waits for your "
                         "choice, nothing was lost",
                         hint=f"sync on a terminal to see both values and choose, or 'sendvault sync --resolve {first} "
                              "--take mine' (or theirs, or FIELD=mine|theirs)")
        self.conflicts = conflicts


# choose(case id, conflict) -> "mine", "theirs" or None (leave the merge pending)
Chooser = Callable[[str, "merge.Conflict"], "str | None"]


def merge_branch(vault, officer: str, remote_keys: dict[str, bytes], choose: Chooser | None, result: Result) -> bool:
    """The server's branch (just fetched) merged into this one; what git cannot merge is settled by ``_resolve``.

    A merged ``vault.toml`` that cannot be trusted, or that no longer names this officer, undoes the merge.
    """
    root = vault.root
    p = run_git(root, "rev-parse", "--verify", "-q", "HEAD", check=False)
    if p.returncode != 0:  # a fresh clone of an empty repository, or a vault never committed
        run_git(root, "reset", "-q", f"{REMOTE}/{BRANCH}")
        run_git(root, "checkout", "-q", "--", ".")
        vault.store.point_of_no_return()  # git has written the cases: the keys taken for them stay
        return True
    ours = text_of(p)
    epoch_before = vault.epoch
    p = run_git(root, "merge", "-q", "--no-edit", "-m", "sendvault merge", f"{REMOTE}/{BRANCH}", check=False,
                officer=officer)
    if p.returncode != 0:
        try:
            _resolve(vault, officer, remote_keys, choose, result, p)
        except BaseException:
            run_git(root, "merge", "--abort", check=False)
            vault.settings.refresh()
            raise
    try:
        _check_config(vault)
    except SendvaultError:  # a forged team, or this officer removed: the merge is undone, nothing of ours lost
        run_git(root, "reset", "-q", "--hard", ours)
        vault.settings.refresh()
        raise
    vault.store.point_of_no_return()  # git has merged: what was written before it stays
    if vault.epoch > epoch_before:  # an officer's removal came with this merge
        _rekey_written_before_team_change(vault, ours, result)
        audit.reseal_late_entries(vault)
    return True


def _check_config(vault) -> None:
    """The merged vault.toml: this officer still on the team, and its seal and keys sendvault's own."""
    vault.settings.refresh()
    if vault.officer.recipient not in {o.recipient for o in vault.active_officers()}:
        raise NoKeyError("your key was removed from this vault (the removal came with this sync); nothing more "
                         "is sent from this machine", hint="ask a manager")
    vault.settings.check_trust()  # a vault.toml or vault key forged on the server is never used, nor kept


def _resolve(vault, officer: str, remote_keys: dict[str, bytes], choose: Chooser | None, result: Result,
             failed: subprocess.CompletedProcess) -> None:
    """Finish a merge git could not: destructions win, the same case changed twice is merged record by record."""
    root = vault.root
    conflicted = [s for s in text_of(run_git(root, "diff", "--name-only", "--diff-filter=U", "-z")).split("\0") if s]
    if not conflicted:
        raise SyncError(f"git merge failed: {first_line(failed.stderr)}; nothing was lost")
    cases = {c: Path(c).name.split(".")[0] for c in conflicted if c.startswith("cases/") and c.endswith(".age")}
    twice = [c for c in conflicted if c.startswith("destroyed/")]
    if twice:  # one case destroyed on two machines: either sealed record says so; this machine's is kept
        run_git(root, "checkout", "-q", "--ours", "--", *twice)
        run_git(root, "add", "--", *twice)
    team = [c for c in conflicted if c == "vault.toml" or c.startswith("vaultkeys/")]
    if "vault.toml" in team:
        _merge_config(vault, team)
    registers = [c for c in conflicted if c.startswith(f"{paper_register.DIR}/") and c.endswith(".age")]
    for c in registers:  # a destroyed case's paper files shredded on two machines: both recorded
        mine, theirs = _stage(root, 2, c), _stage(root, 3, c)
        if mine is None or theirs is None:
            raise SyncError(f"{c} was removed on one machine and changed on the other; nothing was merged, nothing "
                            "was lost", hint="run 'sendvault verify' on both")
        paper_register.merge(vault, Path(c).name[:-4], mine, theirs)
        run_git(root, "add", "--", c)
    others = sorted(c for c in conflicted if c not in cases and c not in twice and c not in team and c not in registers)
    if others:
        raise SyncError(f"changed on this machine and on another since the last sync: {', '.join(others)}; "
                        "nothing was merged, nothing was lost",
                        hint="two team or policy changes crossed: see docs/sync.md ('Conflicts')")
    destroyed = [c for c, cid in cases.items() if run_git(
        root, "cat-file", "-e", f"{REMOTE}/{BRANCH}:destroyed/{cid}.json", check=False).returncode == 0
        or (root / "destroyed" / f"{cid}.json").exists()]
    if destroyed:  # a destruction wins over any concurrent change to the same case: the file goes
        run_git(root, "rm", "-q", "--", *destroyed)
    _check_config(vault)  # the merged vault.toml (a team change may have come with the cases)
    merged: dict[str, dict] = {}
    pending: dict[str, list[str]] = {}
    for path, cid in sorted(cases.items()):
        if path in destroyed:
            continue
        versions = [_stage(root, stage, path) for stage in (1, 2, 3)]
        if versions[1] is None or versions[2] is None:
            raise SyncError(f"case {cid} was removed on one machine and changed on the other without a destruction "
                            "record; nothing was merged, nothing was lost", hint="run 'sendvault verify' on both")
        base, mine, theirs = _open_versions(vault, cid, versions, remote_keys)
        out = merge.merge(base, mine, theirs, (lambda c, cid=cid: choose(cid, c)) if choose else (lambda c: None))
        if out.unresolved:
            pending[cid] = [c.path for c in out.unresolved]
            continue
        merged[cid] = out.record
        if out.stripped:
            result.warnings.append(f"case {cid}: its personal details were withdrawn on another machine; what was "
                                   "written here with them is removed too")
    if pending:
        raise Pending(pending)
    if not merged:
        run_git(root, "commit", "-q", "--no-verify", "--no-edit", officer=officer)
        return
    vault.audit_ready()
    for cid, record in merged.items():
        schema.validate("case", record, f"the merged case {cid}")
    for cid, record in merged.items():
        # A fresh key: the merged record is new, and either side's earlier key may be one a change retired.
        vault.cases.write(cid, record, None)
        # A document file the merged record does not name (a withdrawal on one side took it): nobody can open it.
        documents.clear_strays(vault.store, cid, {d["blob"] for d in record.get("documents") or ()})
        vault.audit("sync merge", cid)
        result.merged_cases.append(cid)
    partial.forget_unnamed(root, {cid: {d["blob"] for d in r.get("documents") or ()} for cid, r in merged.items()})
    partial.add_all(root, [d for d in ("cases", "audit", documents.DIR) if (root / d).exists()])
    run_git(root, "commit", "-q", "--no-verify", "--no-edit", officer=officer)


SEALED = ("officers", "key_epoch", "epochs", "seal")


def _merge_config(vault, paths: list[str]) -> None:
    """vault.toml changed on two machines: the team united, the other settings merged field by field, re-sealed.

    Officers added on either side are all kept (a removal on either side stands); the
    key epochs must be one side's list extended by the other's (two removals crossing
    made two different keys for one epoch: refused). Every vault key is then wrapped
    anew for the united team, and the result is checked as any vault.toml is.
    """
    import tomllib

    root = vault.root
    base, mine, theirs = (tomllib.loads(b.decode()) if b else {} for b in
                          (_stage(root, n, "vault.toml") for n in (1, 2, 3)))
    short, long_ = sorted((mine["epochs"], theirs["epochs"]), key=len)
    if long_[:len(short)] != short:
        raise SyncError("two officers were removed on two machines since the last sync (each made a new vault key); "
                        "nothing was merged, nothing was lost",
                        hint="this machine cannot sync until that is settled by hand: see docs/sync.md "
                             "('Two team changes crossing')")
    out = merge.merge({k: v for k, v in base.items() if k not in SEALED},
                      {k: v for k, v in mine.items() if k not in SEALED},
                      {k: v for k, v in theirs.items() if k not in SEALED}, lambda c: None)
    if out.unresolved:
        raise SyncError("vault.toml: " + ", ".join(c.path for c in out.unresolved) + " changed two ways on two "
                        "machines; nothing was merged, nothing was lost",
                        hint="set it again after syncing; see docs/sync.md ('Two team changes crossing')")
    officers = {o["recipient"]: dict(o) for o in mine["officers"]}
    for o in theirs["officers"]:
        have = officers.setdefault(o["recipient"], dict(o))
        for k in ("removed", "removed_by"):
            if k in o and k not in have:
                have[k] = o[k]
    active = [o for o in officers.values() if "removed" not in o]
    names = [o["name"].casefold() for o in active]
    if len(names) != len(set(names)):
        raise SyncError("two different officers with the same name were added on two machines; nothing was merged, "
                        "nothing was lost", hint="one manager removes theirs and adds them again with another name")
    merged = {**out.record, "officers": list(officers.values()), "epochs": long_, "key_epoch": len(long_)}
    for e in range(1, len(long_) + 1):  # every vault key opened before any file is rewritten
        vault.keys.vault_key(e)
    vault.keys.rewrap_vault_keys(len(long_), [o["recipient"] for o in active])
    vault.settings.data = merged
    vault.settings.write()
    vault.settings.refresh()
    vault.settings.check_trust()
    run_git(root, "add", "--", "vault.toml", "vaultkeys", *paths)


def _stage(root: Path, stage: int, path: str) -> bytes | None:
    """One side of a conflicted file, read from git into memory (never written out)."""
    p = run_git(root, "cat-file", "blob", f":{stage}:{path}", check=False)
    return p.stdout if p.returncode == 0 else None


def _open_versions(vault, cid: str, versions: list[bytes | None], remote_keys: dict[str, bytes]):
    """The base, mine and theirs of a case, decrypted in memory with every key of it known here or on the server."""
    from ..store import crypto
    from ..store.cases import parse_record

    named = [(Path(rel).name, vault.store.read(rel)) for rel in vault.keys.case_key_files(cid)]
    named += [(n, b) for n, b in remote_keys.items() if n.startswith(f"{cid}.e")]
    identities = []
    for name, blob in named:
        m = KEY_NAME.match(name)
        with contextlib.suppress(Exception):  # a key of an epoch this officer cannot open, or damaged: not this one
            wrapping = vault.vault_key(int(m.group(2))).identity
            (pair,) = crypto.parse_identities(crypto.decrypt(blob, [wrapping], "a case key").decode())
            identities.append(pair.identity)
    out = []
    for i, data in enumerate(versions):
        try:
            record = parse_record(crypto.decrypt(data, identities, f"cases/{cid}.age").decode("utf-8"))
            if record.get("id") != cid:
                raise ValueError("another case's record")
            out.append(record)
        except Exception:  # noqa: BLE001 - the base may be under a key retired since: merged without it
            if i == 0 or data is None:
                out.append(None)
                continue
            raise SyncError(f"case {cid}: {('this machine', 'the other machine')[i - 1]}'s version cannot be opened "
                            "with any key known here; nothing was merged, nothing was lost",
                            hint="sync the other machine first (its keys travel with its sync)") from None
    return out


def _rekey_written_before_team_change(vault, ours: str, result: Result) -> None:
    """Cases changed here under an older key epoch than the merged one: rewritten under a fresh key now.

    A machine that had not yet seen an officer's removal wrote them with the old
    vault key's case keys, which the leaver may hold; from here on they open only
    with the current epoch's keys.
    """
    root = vault.root
    base = run_git(root, "merge-base", ours, f"{REMOTE}/{BRANCH}", check=False)
    if base.returncode != 0:
        return
    names = text_of(run_git(root, "diff", "--name-only", "-z", text_of(base), ours, "--", "cases")).split("\0")
    changed = sorted({Path(n).name[:-4] for n in names if n.endswith(".age") and ids.is_id(Path(n).name[:-4])})
    vault.keys.index_case_keys()
    stale = [cid for cid in changed if vault.cases.exists(cid)
             and max(vault.keys.case_key_epochs(cid) or [vault.epoch]) < vault.epoch]
    if not stale:
        return
    vault.audit_ready()
    for cid in stale:
        record = vault.cases.read(cid)[0]
        vault.cases.write(cid, record, None)
        vault.audit("sync rekey", cid, "written before a team change reached this machine")
        result.rekeyed.append(cid)
