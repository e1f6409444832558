"""One vault shared through git: commit, fetch, merge, push; case keys on a channel with no history.

The synchronised part of the vault (``vault.toml``, ``.gitignore``, ``vaultkeys/``,
``cases/``, ``audit/``, ``destroyed/``, ``statistics/``, ``documents/``, ``papers/``) is an ordinary git
working tree on branch ``main``, whose history only grows. ``casekeys/`` and
``local/`` never enter it (``.gitignore`` and ``.git/info/exclude``; a commit that
would hold them is refused).

Case keys travel on ``refs/sendvault/keys``, a ref that always holds one commit
with no parent (``casekeys.py``). The merge of keys is the union of this machine's
keys and the server's, minus the cases that destruction records name; then every
synced destruction record is applied here (``destruction.finish_unfinished``: keys
shredded, file removed, index forgets), so a purge on one machine reaches every
copy. What git cannot merge is settled by ``merging.py``.

A new officer's clone leaves the documents on the server until a case's are needed
(``partial.py``); ``clone --full`` takes them all.

Every git command is made by ``git.py``'s ``git_call``: none of the officer's git
settings but what reaches the server. The server's set-up: ``server.py``. It knows
nothing of the command line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .. import platform
from ..basics import ids
from ..basics.errors import SendvaultError
from ..records import categories, retention
from ..store.storage import set_private_umask
from . import partial
from .casekeys import (KEY_NAME, KEYS_REF, KeyCache, fetch_keys, key_ids, key_objects, keys_commit, merge_keys,
                       parent_count, read_blobs, read_keys)
from .git import (BRANCH, REMOTE, SyncError, Unreachable, first_line, is_repository, remote_refs, remote_url, run_git,
                  text_of)
from .merging import Chooser, merge_branch

SYNCED = ("vault.toml", ".gitignore", "vaultkeys", "cases", "audit", "destroyed", "statistics", "documents", "papers")
NEVER = ("casekeys/", "local/")
EXCLUDE = "# sendvault: never in git\n/casekeys/\n/local/\n.tmp-*\n"
MAX_IDS = 500  # case ids named in one commit message


@dataclass
class Result:
    committed: bool = False
    merged: bool = False
    pushed: bool = False
    keys_received: int = 0
    destroyed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    merged_cases: list[str] = field(default_factory=list)
    rekeyed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- setting up ------------------------------------------------------------------------


def attach(root: Path, url: str) -> None:
    """Make the vault a git working tree (if it is not one) whose remote is ``url``."""
    root = Path(root)
    if not is_repository(root):
        run_git(root, "init", "-q", "-b", BRANCH)
    _write_exclude(root)
    if remote_url(root) is None:
        run_git(root, "remote", "add", REMOTE, url)
    else:
        run_git(root, "remote", "set-url", REMOTE, url)
    run_git(root, "config", "core.logAllRefUpdates", "true")


def _write_exclude(root: Path) -> None:
    info = root / ".git" / "info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "exclude").write_text(EXCLUDE)


def _clear_stale_git_locks(root: Path) -> None:
    """Remove the lock files of a git that a killed sync was running.

    Called under the writers' lock, when no sync's git is running: a lock file then
    was left by a process that died (git itself asks for it to be removed by hand).
    """
    git = root / ".git"
    for lock in [git / n for n in ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "packed-refs.lock", "config.lock")] \
            + list((git / "refs").rglob("*.lock")):
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


@dataclass
class Cloned:
    keys: int
    partial: bool  # the documents come from the server when needed (partial.py)
    refused_filter: bool = False  # a partial clone was asked for, but the server does not allow filters


def clone(url: str, path: Path, full: bool = False) -> Cloned:
    """A new copy of the shared vault at ``path``, with the case keys: without the documents (each
    case's fetched when needed: partial.py) unless ``full``, or the server does not allow it."""
    set_private_umask()
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SendvaultError(f"{path} exists and is not an empty directory", hint="choose a new path for the copy")
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    # --no-local: a server given as a path would otherwise be copied whole, the key channel's blobs into this
    # copy's .git/objects, where shredding a destroyed case's key cannot reach them (docs/sync.md); and a partial
    # clone of a path needs it too.
    lean = () if full else ("--filter=blob:none", "--no-checkout")
    p = run_git(parent, "clone", "-q", "--no-local", *lean, "-b", BRANCH, "--origin", REMOTE, url, str(path.resolve()),
                check=False)
    if p.returncode != 0:
        with contextlib.suppress(OSError):
            if path.exists() and not (path / "vault.toml").exists():
                shutil.rmtree(path)
        raise Unreachable(f"cannot clone from the server: {first_line(p.stderr)}",
                          hint="check the address and your connection; nothing was written")
    # A server that does not allow filters sends everything (git warns and goes on): then it is a full clone.
    refused = not full and b"filtering not recognized" in p.stderr
    _write_exclude(path)
    if refused:
        run_git(path, "config", "--unset-all", f"remote.{REMOTE}.promisor", check=False)
        run_git(path, "config", "--unset-all", f"remote.{REMOTE}.partialclonefilter", check=False)
        run_git(path, "checkout", "-q", BRANCH)
    elif not full:
        try:
            partial.start(path, SYNCED)
        except SyncError as exc:
            if "promisor remote" not in exc.message:
                raise
            # A server that takes the filter but refuses a file asked for by its hash (one set up
            # before this, reached over ssh): begin again, as a full clone.
            shutil.rmtree(path)
            made = clone(url, path, full=True)
            made.refused_filter = True
            return made
    for d in ("cases", "casekeys", "vaultkeys", "audit", "destroyed", "statistics", "local"):
        (path / d).mkdir(mode=0o700, exist_ok=True)
    destroyed = {n.split(".")[0] for n in os.listdir(path / "destroyed") if n.endswith(".json")}
    count = 0
    with key_objects(path) as env:
        head = fetch_keys(path, env)
        if head:
            for name, blob in read_keys(path, env, head).items():
                m = KEY_NAME.match(name)
                if m and m.group(1) not in destroyed:
                    fd = os.open(path / "casekeys" / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platform.NOFOLLOW, 0o600)
                    with os.fdopen(fd, "wb") as f:
                        f.write(blob)
                    count += 1
    return Cloned(count, not full and not refused, refused)


# --- sync ----------------------------------------------------------------------------


def _stage_and_commit(vault, officer: str) -> bool:
    from ..store import destruction

    root = vault.root
    present = [p for p in SYNCED if (root / p).exists()]
    partial.add_all(root, present)
    partial.forget(root, destruction.destroyed_ids(vault))  # what a destruction could not take off this disk
    staged = text_of(run_git(root, "diff", "--cached", "--name-only", "-z")).split("\0")
    staged = [s for s in staged if s]
    if not staged:
        return False
    partial.forget_unnamed(root, _documents_named(vault, staged))
    bad = [s for s in staged if s.startswith(NEVER)]
    if bad:
        run_git(root, "reset", "-q")
        raise SyncError("key material or local state was about to be committed; nothing was committed",
                        hint="restore the vault's .gitignore ('/casekeys/' and '/local/') and sync again")
    run_git(root, "commit", "-q", "--no-verify", "-F", "-", data=commit_message(staged, officer).encode(), officer=officer)
    return True


def _documents_named(vault, staged: list[str]) -> dict[str, set[str]]:
    """For each case whose record is in this commit (on a partial clone): the document files it names."""
    changed = {Path(p).name.split(".")[0] for p in staged if p.startswith("cases/")}
    named = {}
    for cid in sorted(changed & partial.cases_not_fetched(vault.root)):
        if vault.store.kind(f"cases/{cid}.age") == "file":
            with contextlib.suppress(SendvaultError):  # unreadable here: left as it is, verify says why
                named[cid] = {d["blob"] for d in vault.read_case(cid).get("documents") or ()}
    return named


def commit_message(paths: list[str], officer: str) -> str:
    """Case ids, what kind of files changed, the officer's name: never anything typed."""
    cases = sorted({Path(p).name.split(".")[0] for p in paths if p.startswith(("cases/", "destroyed/"))
                    and ids.is_id(Path(p).name.split(".")[0])})
    kinds = sorted({p.split("/")[0] for p in paths} - {"cases"})
    head = f"sendvault sync by {officer}: {len(cases)} case(s)"
    body = []
    if cases:  # the first sync of a large vault names thousands: the first few hundred say enough
        body.append("cases: " + " ".join(cases[:MAX_IDS]) + (f" (and {len(cases) - MAX_IDS} more)" if len(cases) > MAX_IDS else ""))
    if kinds:
        body.append("also: " + " ".join(kinds))
    return head + ("\n\n" + "\n".join(body) if body else "")


def sync(vault, attempts: int = 3, choose: Chooser | None = None) -> Result:
    """Commit, fetch, merge, apply destructions, push; under the writers' lock. The vault must be unlocked.

    ``choose(case id, conflict)`` settles a field changed two ways on two machines
    ("mine" or "theirs"); without it, or when it returns None, the merge waits
    (``Pending``) and nothing is lost.
    """
    from ..store import destruction

    root = vault.root
    if remote_url(root) is None:
        raise SyncError("this vault has no server to sync with",
                        hint="'sendvault sync --remote URL' sets one (see docs/sync.md)")
    _write_exclude(root)
    officer = vault.officer.name
    result = Result()
    with vault.locked():
        _clear_stale_git_locks(root)
        for d in ("cases", "casekeys", "vaultkeys", "audit", "destroyed", "statistics"):
            vault.store.mkdir(d)
        destruction.migrate_statistics(vault)  # a plain profile is never committed again
        result.committed = _stage_and_commit(vault, officer)
        for attempt in range(attempts):
            refs = remote_refs(root)
            if attempt == 0:  # the server is reachable: documents attached here to cases not fetched join the checkout
                partial.keep_local(root)
            with key_objects(root) as env:
                keys_head = refs.get(KEYS_REF)
                cache = KeyCache.load(vault)
                local_ids = cache.local_ids(vault)
                remote_ids: dict[str, str] = {}
                remote_keys: dict[str, bytes] = {}
                fetched = False
                if keys_head and keys_head == cache.commit and local_ids == cache.pushed:
                    remote_ids = cache.pushed  # the server holds exactly what this machine holds: nothing to read
                elif keys_head:
                    fetched = True  # first: a merge of a case re-keyed elsewhere needs its key
                    run_git(root, "fetch", "-q", "--no-tags", "--no-filter", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env)
                    if parent_count(root, env, keys_head):
                        result.warnings.append("the server's key channel has history: the server is not set up as "
                                               "docs/sync.md says (destroyed keys may survive there)")
                    remote_ids = key_ids(root, env, keys_head)
                    remote_keys = read_blobs(root, env, {n: i for n, i in remote_ids.items() if local_ids.get(n) != i})
                # New cases' keys before the merge that brings the cases: a sync cut short by a
                # failed write leaves no case without its key.
                early = merge_keys(vault, remote_keys, destruction.destroyed_ids(vault), new_only=True)
                result.keys_received += early
                if f"refs/heads/{BRANCH}" in refs:
                    run_git(root, "fetch", "-q", "--no-tags", REMOTE, f"+refs/heads/{BRANCH}:refs/remotes/{REMOTE}/{BRANCH}")
                    result.merged = merge_branch(vault, officer, remote_keys, choose, result)
                destroyed = destruction.destroyed_ids(vault)
                taken = merge_keys(vault, remote_keys, destroyed)
                result.keys_received += taken
                taken += early
                if taken or result.merged_cases or result.rekeyed:
                    vault.keys.index_case_keys()  # casekeys/ changed under the keyring
                outcome = destruction.Outcome()
                # A destruction cut short here keeps its heard_about code, as a purge finishing it would.
                destruction.finish_unfinished(vault, outcome, frozenset(categories.known(vault.config, "heard_about")),
                                              retention.paper_register(vault.config))
                result.destroyed += [c for c in outcome.finished if c not in result.destroyed]
                result.failed.update(outcome.failed)
                applied = destroyed - set(outcome.failed)
                _stage_and_commit(vault, officer)
                push = run_git(root, "push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
                if push.returncode != 0:
                    if attempt + 1 < attempts and _rejected(push):
                        continue  # someone pushed since our fetch: fetch and merge again
                    raise SyncError(f"the server refused the changes: {first_line(push.stderr)}; nothing was lost, "
                                    "they are committed here and go at the next sync")
                if taken or result.merged_cases or result.rekeyed or outcome.finished:
                    local_ids = cache.local_ids(vault)
                keys = {n: i for n, i in local_ids.items() if KEY_NAME.match(n).group(1) not in applied}
                pushed = keys_head
                if keys != remote_ids:
                    if keys_head and not fetched:  # the new tree names the server's blobs: they must be here
                        run_git(root, "fetch", "-q", "--no-tags", "--no-filter", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env)
                    commit = keys_commit(root, env, keys, remote_ids, officer)
                    lease = f"--force-with-lease={KEYS_REF}:{keys_head or ''}"
                    push = run_git(root, "push", "-q", lease, REMOTE, f"{commit}:{KEYS_REF}", env=env, check=False)
                    if push.returncode != 0:
                        if attempt + 1 < attempts:
                            continue
                        raise SyncError(f"the server refused the case keys: {first_line(push.stderr)}; "
                                        "nothing was lost: sync again")
                    pushed = commit
                cache.save(vault, pushed, keys)
                result.pushed = True
                return result
    return result


def _rejected(p: subprocess.CompletedProcess) -> bool:
    err = p.stderr.decode("utf-8", "replace")
    return any(w in err for w in ("rejected", "non-fast-forward", "fetch first", "stale info"))


__all__ = ["sync", "clone", "attach", "commit_message", "Result"]
