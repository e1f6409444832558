"""Case keys on a channel with no history: ``refs/sendvault/keys``.

A ref that always holds ONE commit with no parent, whose tree is the ``casekeys/``
directory, replaced (force-pushed, with a lease) at every sync. The server
garbage-collects the superseded commits (``server.py``; docs/sync.md), so a
destroyed case's key is gone from the server too. On this machine the key
channel's objects never enter ``.git/objects``: every git command that touches them
runs with an object directory of its own inside the vault's ``.git`` (never
/dev/shm or /tmp, so a killed sync leaves nothing outside the vault), shredded
when the sync ends, and by the next sync or destruction if killed (``key_objects``).

The merge of keys (``merge_keys``) is the union of this machine's keys and the
server's, minus the cases that destruction records name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from pathlib import Path

from ..store.storage import KEY_OBJECTS, discard_key_objects
from .git import REMOTE, SyncError, run_git, text_of

KEYS_REF = "refs/sendvault/keys"
KEY_NAME = re.compile(r"^([0-9A-Z]{4}-[0-9A-Z]{4})\.e([0-9]+)\.age$")


@contextlib.contextmanager
def key_objects(root: Path):
    """The key channel's git object store: key blobs never enter .git/objects.

    It lies inside the vault's own .git (private, the same disk as ``casekeys/``, which
    holds the same keys), not in a shared temporary directory: a sync killed here
    leaves nothing outside the vault, and what it leaves is shredded by the next sync
    (``discard_key_objects``) or by any destruction, before a destroyed case's key can
    outlive it there.
    """
    store = Path(root) / KEY_OBJECTS
    discard_key_objects(root)  # what a killed sync left
    store.mkdir(mode=0o700)
    try:
        yield {"GIT_OBJECT_DIRECTORY": str(store.resolve()),
               "GIT_ALTERNATE_OBJECT_DIRECTORIES": str((Path(root) / ".git" / "objects").resolve())}
    finally:
        discard_key_objects(root)


def fetch_keys(root: Path, env: dict) -> str | None:
    """The server's key channel fetched into the key store ``env`` names; its commit, or None if there is none."""
    p = run_git(root, "fetch", "-q", "--no-tags", "--no-filter", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env, check=False)
    if p.returncode != 0:
        return None
    p = run_git(root, "ls-remote", REMOTE, KEYS_REF, env=env)
    line = text_of(p)
    return line.split("\t")[0] if line else None


def key_ids(root: Path, env: dict, commit: str) -> dict[str, str]:
    """The key channel's files and their blob ids (no content read)."""
    out = {}
    for entry in run_git(root, "ls-tree", "-z", commit, env=env).stdout.split(b"\0"):
        if entry:
            meta, _, name = entry.partition(b"\t")
            kind, sha = meta.split()[1:3]
            if kind == b"blob":
                out[name.decode()] = sha.decode()
    return out


def read_blobs(root: Path, env: dict, wanted: dict[str, str]) -> dict[str, bytes]:
    """The contents of ``wanted`` (name -> blob id), in one ``cat-file --batch``."""
    if not wanted:
        return {}
    names = list(wanted)
    data = run_git(root, "cat-file", "--batch", env=env, data="".join(f"{wanted[n]}\n" for n in names).encode()).stdout
    out, pos = {}, 0
    for name in names:
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        out[name] = data[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return out


def read_keys(root: Path, env: dict, commit: str) -> dict[str, bytes]:
    """Every file of the key channel's ``commit``: name -> contents."""
    return read_blobs(root, env, key_ids(root, env, commit))


def _blob_id(data: bytes) -> str:
    """git's id of a blob holding ``data`` (what ls-tree shows), to compare without reading the server's copy."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class KeyCache:
    """``local/sync-keys.json``: the key channel commit this machine last pushed or took, and what it held.

    With the blob id of each ``casekeys/`` file kept beside its size, mtime and inode
    (as git's index does), a sync with nothing new hashes no key file and reads none
    from the server: a 20,000-case vault's sync stays within its budget.
    """

    PATH = "local/sync-keys.json"

    def __init__(self, commit: str | None, pushed: dict[str, str], files: dict[str, list]):
        self.commit, self.pushed, self.files = commit, pushed, files
        self.saved_files = files

    @classmethod
    def load(cls, vault) -> "KeyCache":
        try:
            data = json.loads(vault.store.read(cls.PATH))
            return cls(data["commit"], data["pushed"], data["files"])
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return cls(None, {}, {})

    def local_ids(self, vault) -> dict[str, str]:
        """casekeys/: name -> blob id, hashing only the files changed since the cache was written."""
        out, files = {}, {}
        for name, st in vault.store.stats("casekeys").items():
            if not KEY_NAME.match(name):
                continue
            known = self.files.get(name)
            sha = known[0] if known and known[1:] == list(st) else _blob_id(vault.store.read(f"casekeys/{name}"))
            out[name] = sha
            files[name] = [sha, *st]
        self.files = files
        return out

    def save(self, vault, commit: str | None, pushed: dict[str, str]) -> None:
        if (commit, pushed, self.files) != (self.commit, self.pushed, self.saved_files):
            vault.store.write(self.PATH, json.dumps({"commit": commit, "pushed": pushed, "files": self.files}).encode())


def parent_count(root: Path, env: dict, commit: str) -> int:
    """How many parents ``commit`` has (the key channel's must have none)."""
    return len(text_of(run_git(root, "rev-list", "--parents", "-n", "1", commit, env=env)).split()) - 1


def keys_commit(root: Path, env: dict, keys: dict[str, str], on_server: dict[str, str], officer: str) -> str:
    """A parentless commit whose tree is ``keys`` (name -> blob id), its objects in the temporary store only.

    Blobs the server's channel holds were fetched into that store; only the others are
    hashed in (one hash-object for them all, from the files in casekeys/).
    """
    have = set(on_server.values())
    new = sorted(n for n, i in keys.items() if i not in have)
    if new:
        paths = "\n".join(str((root / "casekeys" / n).resolve()) for n in new) + "\n"
        shas = text_of(run_git(root, "hash-object", "-w", "--no-filters", "--stdin-paths", env=env, data=paths.encode())).split()
        if shas != [keys[n] for n in new]:
            raise SyncError("a case key changed while it was being sent; nothing was lost: sync again")
    lines = [f"100644 blob {keys[n]}\t{n}" for n in sorted(keys)]
    tree = text_of(run_git(root, "mktree", env=env, data=("\n".join(lines) + ("\n" if lines else "")).encode()))
    return text_of(run_git(root, "commit-tree", tree, "-m", "sendvault keys", env=env, officer=officer))


def _key_opens(vault, cid: str, epoch: int, blob: bytes) -> bool:
    """Does ``blob`` (a case key file) open the case file as it is now?"""
    from ..store import crypto

    try:
        plain = crypto.decrypt(blob, [vault.vault_key(epoch).identity], "a case key")
        (pair,) = crypto.parse_identities(plain.decode())
        crypto.decrypt(vault.store.read(f"cases/{cid}.age"), [pair.identity], "a case")
        return True
    except Exception:  # noqa: BLE001 - any failure means: not this one
        return False


def merge_keys(vault, remote: dict[str, bytes], destroyed: set[str], new_only: bool = False) -> int:
    """Take the server's keys of cases no key here opens (new ones, or re-keyed elsewhere); returns how many.

    With ``new_only``, only the keys of cases this machine has no key for at all: taken before
    the merge that brings the cases, so a sync cut short by a failed write leaves no case
    without its key.
    """
    store = vault.store
    taken = 0
    by_case: dict[str, list[tuple[str, int, bytes]]] = {}
    for name, blob in sorted(remote.items()):
        m = KEY_NAME.match(name)
        if m and m.group(1) not in destroyed:
            by_case.setdefault(m.group(1), []).append((name, int(m.group(2)), blob))
    here: dict[str, list[str]] = {}
    for name in store.listdir("casekeys"):  # listed once: a vault holds thousands
        m = KEY_NAME.match(name)
        if m:
            here.setdefault(m.group(1), []).append(name)
    for cid, offered in by_case.items():
        if new_only:
            if cid not in here:
                for name, _, blob in offered:
                    store.write(f"casekeys/{name}", blob)
                    taken += 1
            continue
        local = {name: store.read(f"casekeys/{name}") for name in here.get(cid, ())}
        if all(local.get(name) == blob for name, _, blob in offered):
            continue  # the same keys as here: nothing to open (a no-change sync of a large vault stays fast)
        if not store.exists(f"cases/{cid}.age"):
            continue  # the server's key of a case this merge did not bring (or one destroyed here)
        if any(_key_opens(vault, cid, int(KEY_NAME.match(n).group(2)), b) for n, b in local.items()):
            continue  # this machine's key opens the case as merged (a merge here re-keyed it)
        fitting = [(n, b) for n, e, b in offered if _key_opens(vault, cid, e, b)]
        for name, blob in fitting:
            store.write(f"casekeys/{name}", blob)
            taken += 1
        if fitting:  # the keys here open only an earlier version: retired
            for name in set(local) - {n for n, _ in fitting}:
                store.shred(f"casekeys/{name}")
    return taken
