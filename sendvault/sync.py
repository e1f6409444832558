"""One vault shared through git: commit, fetch, merge, push; case keys on a channel with no history.

The synchronised part of the vault (``vault.toml``, ``.gitignore``, ``vaultkeys/``,
``cases/``, ``audit/``, ``destroyed/``, ``statistics/``) is an ordinary git
working tree on branch ``main``, whose history only grows. ``casekeys/`` and
``local/`` never enter it (``.gitignore`` and ``.git/info/exclude``; a commit that
would hold them is refused).

Case keys travel on ``refs/sendvault/keys``: a ref that always holds ONE commit with
no parent, whose tree is the ``casekeys/`` directory, replaced (force-pushed, with a
lease) at every sync. The server garbage-collects the superseded commits
(``serve_init``; docs/sync.md), so a destroyed case's key is gone from the server
too. On this machine the key channel's objects never enter ``.git/objects``: every
git command that touches them runs with a temporary object directory (in RAM where
there is one) that is removed when the sync ends.

The merge of keys is the union of this machine's keys and the server's, minus the
cases that destruction records name; then every synced destruction record is
applied here (``destruction.finish_unfinished``: keys shredded, file removed, index
forgets), so a purge on one machine reaches every copy.

Only this module runs git, always as a subprocess on the vault directory. It knows
nothing of the command line.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import ids
from .errors import SendvaultError
from .storage import set_private_umask

BRANCH = "main"
KEYS_REF = "refs/sendvault/keys"
REMOTE = "origin"
SYNCED = ("vault.toml", ".gitignore", "vaultkeys", "cases", "audit", "destroyed", "statistics")
NEVER = ("casekeys/", "local/")
EXCLUDE = "# sendvault: never in git\n/casekeys/\n/local/\n.tmp-*\n"
_KEY_NAME = re.compile(r"^([0-9A-Z]{4}-[0-9A-Z]{4})\.e([0-9]+)\.age$")
# Author and committer of every commit: a fixed, non-personal address; the name is the officer's.
EMAIL = "sendvault@localhost"


class SyncError(SendvaultError):
    """A sync that could not be completed; nothing recorded is lost."""


class Unreachable(SyncError):
    pass


@dataclass
class Result:
    committed: bool = False
    merged: bool = False
    pushed: bool = False
    keys_received: int = 0
    destroyed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# --- running git ---------------------------------------------------------------------


def _git(root: Path, *args: str, env: dict | None = None, check: bool = True, data: bytes | None = None,
         officer: str | None = None) -> subprocess.CompletedProcess:
    name = officer or "sendvault"
    full = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": EMAIL, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": EMAIL,
            "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=15"),
            **(env or {})}
    if shutil.which("git") is None:
        raise SyncError("git is not installed on this machine", hint="install git (e.g. apt-get install git)")
    p = subprocess.run(["git", "-c", "gc.auto=0", "-c", "core.quotepath=off", *args], cwd=root, env=full,
                       input=data, capture_output=True)
    if check and p.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {_first_line(p.stderr)}")
    return p


def _first_line(err: bytes) -> str:
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    return (lines[-1] if lines else "no message")[:200]


def _out(p: subprocess.CompletedProcess) -> str:
    return p.stdout.decode().strip()


def is_repository(root: Path) -> bool:
    return (Path(root) / ".git").is_dir()


def remote_url(root: Path) -> str | None:
    if not is_repository(root):
        return None
    p = _git(root, "remote", "get-url", REMOTE, check=False)
    return _out(p) if p.returncode == 0 else None


@contextlib.contextmanager
def _key_objects(root: Path):
    """A temporary git object directory for the key channel: key blobs never enter .git/objects."""
    ram = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    d = tempfile.mkdtemp(prefix="sendvault-keys-", dir=ram)
    try:
        yield {"GIT_OBJECT_DIRECTORY": d, "GIT_ALTERNATE_OBJECT_DIRECTORIES": str((Path(root) / ".git" / "objects").resolve())}
    finally:
        shutil.rmtree(d, ignore_errors=True)


# --- setting up ------------------------------------------------------------------------


def attach(root: Path, url: str, officer: str) -> None:
    """Make the vault a git working tree (if it is not one) whose remote is ``url``."""
    root = Path(root)
    if not is_repository(root):
        _git(root, "init", "-q", "-b", BRANCH)
    _write_exclude(root)
    if remote_url(root) is None:
        _git(root, "remote", "add", REMOTE, url)
    else:
        _git(root, "remote", "set-url", REMOTE, url)
    _git(root, "config", "core.logAllRefUpdates", "true")


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


def clone(url: str, path: Path) -> int:
    """A new copy of the shared vault at ``path``, with the case keys; returns how many keys came."""
    set_private_umask()
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SendvaultError(f"{path} exists and is not an empty directory", hint="choose a new path for the copy")
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    p = _git(parent, "clone", "-q", "-b", BRANCH, "--origin", REMOTE, url, str(path.resolve()), check=False)
    if p.returncode != 0:
        with contextlib.suppress(OSError):
            if path.exists() and not (path / "vault.toml").exists():
                shutil.rmtree(path)
        raise Unreachable(f"cannot clone from the server: {_first_line(p.stderr)}",
                          hint="check the address and your connection; nothing was written")
    _write_exclude(path)
    for d in ("cases", "casekeys", "vaultkeys", "audit", "destroyed", "statistics", "local"):
        (path / d).mkdir(mode=0o700, exist_ok=True)
    destroyed = {n.split(".")[0] for n in os.listdir(path / "destroyed") if n.endswith(".json")}
    count = 0
    with _key_objects(path) as env:
        head = _fetch_keys(path, env)
        if head:
            for name, blob in _read_keys(path, env, head).items():
                m = _KEY_NAME.match(name)
                if m and m.group(1) not in destroyed:
                    fd = os.open(path / "casekeys" / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                    with os.fdopen(fd, "wb") as f:
                        f.write(blob)
                    count += 1
    return count


# --- the key channel --------------------------------------------------------------------


def _remote_refs(root: Path) -> dict[str, str]:
    p = _git(root, "ls-remote", REMOTE, check=False)
    if p.returncode != 0:
        url = remote_url(root) or "the server"
        raise Unreachable(f"cannot reach the server ({_safe_url(url)}): nothing was lost; your changes are kept here "
                          "and go at the next sync", hint=_first_line(p.stderr))
    refs = {}
    for line in _out(p).splitlines():
        sha, _, ref = line.partition("\t")
        refs[ref] = sha
    return refs


def _safe_url(url: str) -> str:
    return re.sub(r"//[^/@]*@", "//", url)  # no password in a message


def _fetch_keys(root: Path, env: dict) -> str | None:
    p = _git(root, "fetch", "-q", "--no-tags", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env, check=False)
    if p.returncode != 0:
        return None
    p = _git(root, "ls-remote", REMOTE, KEYS_REF, env=env)
    line = _out(p)
    return line.split("\t")[0] if line else None


def _read_keys(root: Path, env: dict, commit: str) -> dict[str, bytes]:
    listing = _git(root, "ls-tree", "-z", commit, env=env).stdout
    out = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        kind, sha = meta.split()[1:3]
        if kind == b"blob":
            out[name.decode()] = _git(root, "cat-file", "blob", sha.decode(), env=env).stdout
    return out


def _parents(root: Path, env: dict, commit: str) -> int:
    return len(_out(_git(root, "rev-list", "--parents", "-n", "1", commit, env=env)).split()) - 1


def _keys_commit(root: Path, env: dict, files: dict[str, bytes], officer: str) -> str:
    lines = []
    for name in sorted(files):
        sha = _out(_git(root, "hash-object", "-w", "--stdin", env=env, data=files[name]))
        lines.append(f"100644 blob {sha}\t{name}")
    tree = _out(_git(root, "mktree", env=env, data=("\n".join(lines) + ("\n" if lines else "")).encode()))
    return _out(_git(root, "commit-tree", tree, "-m", "sendvault keys", env=env, officer=officer))


# --- sync ----------------------------------------------------------------------------


def _stage_and_commit(vault, officer: str) -> bool:
    root = vault.root
    present = [p for p in SYNCED if (root / p).exists()]
    _git(root, "add", "-A", "--", *present)
    staged = _out(_git(root, "diff", "--cached", "--name-only", "-z")).split("\0")
    staged = [s for s in staged if s]
    if not staged:
        return False
    bad = [s for s in staged if s.startswith(NEVER)]
    if bad:
        _git(root, "reset", "-q")
        raise SyncError("key material or local state was about to be committed; nothing was committed",
                        hint="restore the vault's .gitignore ('/casekeys/' and '/local/') and sync again")
    _git(root, "commit", "-q", "--no-verify", "-m", commit_message(staged, officer), officer=officer)
    return True


def commit_message(paths: list[str], officer: str) -> str:
    """Case ids, what kind of files changed, the officer's name: never anything typed."""
    cases = sorted({Path(p).name.split(".")[0] for p in paths if p.startswith(("cases/", "destroyed/"))
                    and ids.is_id(Path(p).name.split(".")[0])})
    kinds = sorted({p.split("/")[0] for p in paths} - {"cases"})
    head = f"sendvault sync by {officer}: {len(cases)} case(s)"
    body = []
    if cases:
        body.append("cases: " + " ".join(cases))
    if kinds:
        body.append("also: " + " ".join(kinds))
    return head + ("\n\n" + "\n".join(body) if body else "")


def _merge(vault, officer: str) -> bool:
    root = vault.root
    p = _git(root, "rev-parse", "--verify", "-q", "HEAD", check=False)
    if p.returncode != 0:  # a fresh clone of an empty repository, or a vault never committed
        _git(root, "reset", "-q", f"{REMOTE}/{BRANCH}")
        _git(root, "checkout", "-q", "--", ".")
        return True
    p = _git(root, "merge", "-q", "--no-edit", "-m", "sendvault merge", f"{REMOTE}/{BRANCH}", check=False,
             officer=officer)
    if p.returncode == 0:
        return True
    conflicted = [s for s in _out(_git(root, "diff", "--name-only", "--diff-filter=U", "-z")).split("\0") if s]
    # A destruction wins over any concurrent change to the same case: the file goes.
    destroyed = [c for c in conflicted if c.startswith("cases/") and _git(
        root, "cat-file", "-e", f"{REMOTE}/{BRANCH}:destroyed/{Path(c).name.split('.')[0]}.json", check=False).returncode == 0]
    if destroyed and len(destroyed) == len(conflicted):
        _git(root, "rm", "-q", "--", *destroyed)
        _git(root, "commit", "-q", "--no-verify", "--no-edit", officer=officer)
        return True
    _git(root, "merge", "--abort", check=False)
    if not conflicted:
        raise SyncError(f"git merge failed: {_first_line(p.stderr)}; nothing was lost")
    cases = sorted({Path(c).name.split(".")[0] for c in conflicted if c.startswith("cases/")})
    others = sorted(c for c in conflicted if not c.startswith("cases/"))
    what = ", ".join(([f"case {c}" for c in cases]) + others)
    raise SyncError(f"changed on this machine and on another since the last sync: {what}; nothing was merged, "
                    "nothing was lost", hint="see docs/sync.md ('Conflicts'): the same case changed on two machines")


def _key_opens(vault, cid: str, epoch: int, blob: bytes) -> bool:
    """Does ``blob`` (a case key file) open the case file as it is now?"""
    from . import crypto

    try:
        plain = crypto.decrypt(blob, [vault.vault_key(epoch).identity], "a case key")
        (pair,) = crypto.parse_identities(plain.decode())
        crypto.decrypt(vault.store.read(f"cases/{cid}.age"), [pair.identity], "a case")
        return True
    except Exception:  # noqa: BLE001 - any failure means: not this one
        return False


def _merge_keys(vault, remote: dict[str, bytes], destroyed: set[str], new_only: bool = False) -> int:
    """Take the server's keys this machine lacks (or, unless ``new_only``, a newer one for a re-keyed case); returns how many."""
    store = vault.store
    taken = 0
    for name, blob in sorted(remote.items()):
        m = _KEY_NAME.match(name)
        if not m or m.group(1) in destroyed:
            continue
        rel = f"casekeys/{name}"
        if store.exists(rel) and new_only:
            continue
        if store.exists(rel):
            local = store.read(rel)
            if local == blob or _key_opens(vault, m.group(1), int(m.group(2)), local) \
                    or not _key_opens(vault, m.group(1), int(m.group(2)), blob):
                continue
        store.write(rel, blob)
        taken += 1
    return taken


def _local_keys(vault, destroyed: set[str]) -> dict[str, bytes]:
    out = {}
    for name in vault.store.listdir("casekeys"):
        m = _KEY_NAME.match(name)
        if m and m.group(1) not in destroyed:
            out[name] = vault.store.read(f"casekeys/{name}")
    return out


def sync(vault, attempts: int = 3) -> Result:
    """Commit, fetch, merge, apply destructions, push; under the writers' lock. The vault must be unlocked."""
    from . import destruction

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
        result.committed = _stage_and_commit(vault, officer)
        for attempt in range(attempts):
            refs = _remote_refs(root)
            with _key_objects(root) as env:
                keys_head = None
                remote_keys = {}
                if KEYS_REF in refs:
                    keys_head = refs[KEYS_REF]
                    _git(root, "fetch", "-q", "--no-tags", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env)
                    if _parents(root, env, keys_head):
                        result.warnings.append("the server's key channel has history: the server is not set up as "
                                               "docs/sync.md says (destroyed keys may survive there)")
                    remote_keys = _read_keys(root, env, keys_head)
                # New cases' keys before the merge that brings the cases: a sync cut short by a
                # failed write leaves no case without its key.
                result.keys_received += _merge_keys(vault, remote_keys, destruction.destroyed_ids(vault), new_only=True)
                if f"refs/heads/{BRANCH}" in refs:
                    _git(root, "fetch", "-q", "--no-tags", REMOTE, f"+refs/heads/{BRANCH}:refs/remotes/{REMOTE}/{BRANCH}")
                    result.merged = _merge(vault, officer)
                    vault.store.point_of_no_return()  # git has merged: what was written before it stays
                    vault.settings.refresh()
                destroyed = destruction.destroyed_ids(vault)
                result.keys_received += _merge_keys(vault, remote_keys, destroyed)
                vault.keys.index_case_keys()  # casekeys/ changed under the keyring
                outcome = destruction.Outcome()
                destruction.finish_unfinished(vault, outcome)
                result.destroyed += [c for c in outcome.finished if c not in result.destroyed]
                result.failed.update(outcome.failed)
                applied = destroyed - set(outcome.failed)
                _stage_and_commit(vault, officer)
                push = _git(root, "push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
                if push.returncode != 0:
                    if attempt + 1 < attempts and _rejected(push):
                        continue  # someone pushed since our fetch: fetch and merge again
                    raise SyncError(f"the server refused the changes: {_first_line(push.stderr)}; nothing was lost, "
                                    "they are committed here and go at the next sync")
                keys = _local_keys(vault, applied)
                if keys != remote_keys:
                    commit = _keys_commit(root, env, keys, officer)
                    lease = f"--force-with-lease={KEYS_REF}:{keys_head or ''}"
                    push = _git(root, "push", "-q", lease, REMOTE, f"{commit}:{KEYS_REF}", env=env, check=False)
                    if push.returncode != 0:
                        if attempt + 1 < attempts:
                            continue
                        raise SyncError(f"the server refused the case keys: {_first_line(push.stderr)}; "
                                        "nothing was lost: sync again")
                result.pushed = True
                return result
    return result


def _rejected(p: subprocess.CompletedProcess) -> bool:
    err = p.stderr.decode("utf-8", "replace")
    return any(w in err for w in ("rejected", "non-fast-forward", "fetch first", "stale info"))


# --- the server ---------------------------------------------------------------------------

UPDATE_HOOK = """#!/bin/sh
# sendvault: main's history only grows; the key channel holds one commit with no parent.
ref="$1" old="$2" new="$3"
zero=0000000000000000000000000000000000000000
case "$ref" in
  refs/sendvault/keys)
    [ "$new" = "$zero" ] && exit 0
    set -- $(git rev-list --parents -n 1 "$new")
    if [ "$#" -ne 1 ]; then echo "sendvault: the key channel must be one commit with no parent" >&2; exit 1; fi
    ;;
  refs/heads/main)
    if [ "$new" = "$zero" ]; then echo "sendvault: main cannot be deleted" >&2; exit 1; fi
    if [ "$old" != "$zero" ] && ! git merge-base --is-ancestor "$old" "$new"; then
      echo "sendvault: main's history cannot be rewritten" >&2; exit 1
    fi
    ;;
  *) echo "sendvault: only main and refs/sendvault/keys are accepted" >&2; exit 1 ;;
esac
exit 0
"""

POST_RECEIVE_HOOK = """#!/bin/sh
# sendvault: after the key channel is replaced, forget the superseded keys at once.
while read old new ref; do
  if [ "$ref" = "refs/sendvault/keys" ]; then
    git reflog expire --expire=now --expire-unreachable=now --all
    git gc --quiet --prune=now
  fi
done
exit 0
"""

SERVER_CONFIG = (
    ("core.logAllRefUpdates", "false"),
    ("gc.reflogExpire", "now"),
    ("gc.reflogExpireUnreachable", "now"),
    ("gc.pruneExpire", "now"),
    ("gc.auto", "0"),  # gc runs from post-receive, at once, not when git thinks fit
    ("receive.denyNonFastForwards", "false"),  # refused per ref by the update hook: main only
    ("receive.denyDeletes", "true"),
    ("receive.fsckObjects", "true"),
    ("uploadpack.allowAnySHA1InWant", "false"),
    ("uploadpack.allowReachableSHA1InWant", "false"),
)


def serve_init(path: Path) -> None:
    """A bare repository set up as docs/sync.md says the server must be."""
    set_private_umask()
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SendvaultError(f"{path} exists and is not an empty directory", hint="choose a new path for the repository")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    _git(path, "init", "-q", "--bare", "-b", BRANCH)
    for key, value in SERVER_CONFIG:
        _git(path, "config", key, value)
    hooks = path / "hooks"
    hooks.mkdir(exist_ok=True)
    for name, text in (("update", UPDATE_HOOK), ("post-receive", POST_RECEIVE_HOOK)):
        (hooks / name).write_text(text)
        (hooks / name).chmod(0o700)


__all__ = ["sync", "clone", "attach", "serve_init", "remote_url", "is_repository", "commit_message", "Result",
           "SyncError", "Unreachable"]
