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
git command that touches them runs with an object directory of its own inside the
vault's ``.git`` (never /dev/shm or /tmp, so a killed sync leaves nothing outside the
vault), shredded when the sync ends, and by the next sync or destruction if killed.

The merge of keys is the union of this machine's keys and the server's, minus the
cases that destruction records name; then every synced destruction record is
applied here (``destruction.finish_unfinished``: keys shredded, file removed, index
forgets), so a purge on one machine reaches every copy.

Only this module runs git, always as a subprocess on the vault directory, with the
arguments and environment ``git_call`` makes: none of the officer's git settings but
what reaches the server. It knows nothing of the command line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import platform
from ..store import audit
from ..basics import ids, schema
from ..records import merge
from ..basics.errors import NoKeyError, SendvaultError
from ..store.storage import KEY_OBJECTS, discard_key_objects, set_private_umask

BRANCH = "main"
KEYS_REF = "refs/sendvault/keys"
REMOTE = "origin"
SYNCED = ("vault.toml", ".gitignore", "vaultkeys", "cases", "audit", "destroyed", "statistics")
NEVER = ("casekeys/", "local/")
EXCLUDE = "# sendvault: never in git\n/casekeys/\n/local/\n.tmp-*\n"
_KEY_NAME = re.compile(r"^([0-9A-Z]{4}-[0-9A-Z]{4})\.e([0-9]+)\.age$")
# Author and committer of every commit: a fixed, non-personal address; the name is the officer's.
EMAIL = "sendvault@localhost"
MAX_IDS = 500  # case ids named in one commit message


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
    merged_cases: list[str] = field(default_factory=list)
    rekeyed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- running git ---------------------------------------------------------------------
#
# Sync runs the vault's git and nothing else: every git call takes its arguments and
# environment from ``git_call``. The officer's environment keeps only what reaches the
# server; their git configuration (global, system, includes, XDG files) is not read,
# except the few keys that reach the server (``_REACH_CONFIG``), passed on with -c.

# Variables that say where git reads, writes, runs or connects are all dropped (GIT_*);
# these are put back because they reach the server (the ssh command, a proxy, a CA,
# a client certificate, a graphical password prompt) and touch nothing in the vault.
# GIT_SSL_NO_VERIFY is not among them: the vault is never sent to an unverified server.
_REACH_ENV = ("GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_PROXY_COMMAND", "GIT_ASKPASS",
              "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_CERT", "GIT_SSL_KEY", "GIT_SSL_CERT_PASSWORD_PROTECTED",
              "GIT_HTTP_PROXY_AUTHMETHOD", "GIT_PROXY_SSL_CERT", "GIT_PROXY_SSL_KEY", "GIT_PROXY_SSL_CAINFO",
              "GIT_PROXY_SSL_CERT_PASSWORD_PROTECTED")
# The officer's configuration read for these keys only (git prints them lower-cased). They are
# passed to git in its environment (GIT_CONFIG_COUNT), never on its command line, which
# every account on the machine can read: a proxy's password or a token may be among them.
_REACH_CONFIG = re.compile(
    r"^(core\.sshcommand|credential\..+|http\.(.+\.)?(proxy|proxyauthmethod|sslcainfo|sslcapath|sslcert|sslkey"
    r"|sslcertpasswordprotected|proxysslcert|proxysslkey|proxysslcainfo|proxysslcertpasswordprotected"
    r"|extraheader|cookiefile|useragent))$")
# Our own variables, set per call by this module only (the key channel's object store).
_OWN_ENV = ("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES")
DEFAULT_SSH = "ssh -o BatchMode=yes -o ConnectTimeout=15"

# What sync depends on, whatever the officer's git says. /dev/null as the hooks path and
# an empty template directory: no hook or template of the machine ever runs or is copied.
PINNED = (
    ("core.autocrlf", "false"), ("core.eol", "lf"), ("core.safecrlf", "false"), ("core.quotePath", "false"),
    ("core.hooksPath", "/dev/null"), ("core.fsmonitor", "false"), ("core.untrackedCache", "false"),
    ("core.excludesFile", "/dev/null"), ("core.attributesFile", "/dev/null"), ("core.sparseCheckout", "false"),
    ("core.pager", "cat"), ("core.editor", "true"), ("core.commentChar", "#"), ("core.splitIndex", "false"),
    ("commit.gpgSign", "false"), ("tag.gpgSign", "false"), ("push.gpgSign", "false"),
    ("merge.verifySignatures", "false"), ("commit.cleanup", "default"), ("commit.template", ""),
    ("merge.ff", "true"), ("merge.log", "false"), ("merge.autoStash", "false"), ("merge.renormalize", "false"),
    ("merge.conflictStyle", "merge"), ("merge.renames", "true"), ("diff.renames", "false"),
    ("pull.rebase", "false"), ("pull.ff", "true"), ("rebase.autoStash", "false"),
    ("push.default", "nothing"), ("push.followTags", "false"), ("push.recurseSubmodules", "no"),
    ("submodule.recurse", "false"), ("fetch.recurseSubmodules", "false"), ("fetch.prune", "false"),
    ("fetch.writeCommitGraph", "false"), ("init.templateDir", ""), ("init.defaultBranch", BRANCH),
    ("gc.auto", "0"), ("maintenance.auto", "false"), ("color.ui", "false"), ("column.ui", "never"),
    ("i18n.commitEncoding", "UTF-8"), ("i18n.logOutputEncoding", "UTF-8"), ("user.useConfigOnly", "false"),
    ("advice.detachedHead", "false"), ("advice.pushUpdateRejected", "false"), ("advice.pushNonFFCurrent", "false"),
    ("advice.pushFetchFirst", "false"), ("advice.resolveConflict", "false"), ("advice.mergeConflict", "false"),
    ("advice.defaultBranchName", "false"), ("advice.ignoredHook", "false"),
)

_officer_config: dict[tuple, list[tuple[str, str]]] = {}
_CONFIG_PLACES = ("HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM")


def _officers_reach_config() -> list[tuple[str, str]]:
    """The officer's own settings for reaching the server (ssh command, proxy, credentials).

    Read from their system and global configuration (with its includes) under their own
    environment, but outside any repository: nothing of another repository's config
    (a GIT_DIR exported, a home directory under git) is taken. Read once per place.
    """
    place = tuple(os.environ.get(k) for k in _CONFIG_PLACES)
    if place not in _officer_config:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _CONFIG_PLACES}
        env.update({"LC_ALL": "C", "GIT_CEILING_DIRECTORIES": "/"})
        try:
            p = subprocess.run(["git", "config", "--includes", "-z", "--get-regexp", "."], cwd="/", env=env,
                               capture_output=True, timeout=30)
            out = p.stdout.decode("utf-8", "surrogateescape") if p.returncode == 0 else ""
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        pairs = []
        for item in out.split("\0"):
            key, _, value = item.partition("\n")
            if _REACH_CONFIG.match(key):
                pairs.append((key, value))
        _officer_config[place] = pairs
    return _officer_config[place]


def git_call(cwd: Path, args: tuple[str, ...] | list[str], officer: str | None = None,
             own: dict | None = None) -> tuple[list[str], dict]:
    """The argument list and environment of one git call sync makes: the ONE place they are made.

    ``own`` may only hold this module's own variables (the key channel's object store).
    Repository discovery stops at ``cwd`` (nothing above the vault is ever taken for it).
    """
    if own and set(own) - set(_OWN_ENV):
        raise ValueError(f"not a variable sync sets: {sorted(set(own) - set(_OWN_ENV))}")
    name = officer or "sendvault"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _REACH_ENV}
    env.update({
        "LC_ALL": "C",  # git's messages are read (a rejected push) in English
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(Path(cwd).resolve().parent),
        "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": os.environ.get("GIT_ASKPASS") or "true",
        "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": EMAIL, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": EMAIL,
        **(own or {}),
    })
    config = [*PINNED, ("user.name", name), ("user.email", EMAIL)]
    reach = _officers_reach_config()
    if not any(k in env for k in ("GIT_SSH_COMMAND", "GIT_SSH")) and not any(k == "core.sshcommand" for k, _ in reach):
        config.append(("core.sshCommand", DEFAULT_SSH))
    env["GIT_CONFIG_COUNT"] = str(len(reach))
    for n, (key, value) in enumerate(reach):
        env[f"GIT_CONFIG_KEY_{n}"], env[f"GIT_CONFIG_VALUE_{n}"] = key, value
    argv = ["git"]
    for key, value in config:
        argv += ["-c", f"{key}={value}"]
    return argv + list(args), env


def _git(root: Path, *args: str, env: dict | None = None, check: bool = True, data: bytes | None = None,
         officer: str | None = None) -> subprocess.CompletedProcess:
    if shutil.which("git") is None:
        raise SyncError("git is not installed on this machine", hint="install git (e.g. apt-get install git)")
    argv, full = git_call(root, args, officer, env)
    p = subprocess.run(argv, cwd=root, env=full, input=data, capture_output=True)
    if p.returncode != 0 and b"dubious ownership" in p.stderr:
        raise SyncError(f"the vault's git repository ({Path(root) / '.git'}) is owned by another account, and git "
                        "refuses to work in it (\"dubious ownership\"); nothing was done",
                        hint="run sendvault as the account that owns the vault, or give the vault back to this "
                             "account (chown -R)")
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


def last_commit_time(root: Path) -> int | None:
    """When the newest commit of the vault's history was made (Unix seconds): the server's, as
    last fetched, or this machine's own; None if the vault is not synchronised or git cannot say."""
    if not is_repository(root) or shutil.which("git") is None:
        return None
    # The vault's own repository, whatever GIT_DIR a shell exported (git_call clears it): another's
    # commits prove nothing here; nor does a replace ref rewriting what a commit says.
    p = _git(root, "--no-replace-objects", "log", "-1", "--format=%ct", f"refs/remotes/{REMOTE}/{BRANCH}", "HEAD", "--",
             check=False)
    if p.returncode != 0:  # no commit yet, or no server branch fetched: HEAD alone
        p = _git(root, "--no-replace-objects", "log", "-1", "--format=%ct", "HEAD", "--", check=False)
    text = _out(p) if p.returncode == 0 else ""
    return int(text) if text.isdigit() else None


@contextlib.contextmanager
def _key_objects(root: Path):
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


# --- setting up ------------------------------------------------------------------------


def attach(root: Path, url: str) -> None:
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
                    fd = os.open(path / "casekeys" / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platform.NOFOLLOW, 0o600)
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


def _key_ids(root: Path, env: dict, commit: str) -> dict[str, str]:
    """The key channel's files and their blob ids (no content read)."""
    out = {}
    for entry in _git(root, "ls-tree", "-z", commit, env=env).stdout.split(b"\0"):
        if entry:
            meta, _, name = entry.partition(b"\t")
            kind, sha = meta.split()[1:3]
            if kind == b"blob":
                out[name.decode()] = sha.decode()
    return out


def _read_blobs(root: Path, env: dict, wanted: dict[str, str]) -> dict[str, bytes]:
    """The contents of ``wanted`` (name -> blob id), in one ``cat-file --batch``."""
    if not wanted:
        return {}
    names = list(wanted)
    data = _git(root, "cat-file", "--batch", env=env, data="".join(f"{wanted[n]}\n" for n in names).encode()).stdout
    out, pos = {}, 0
    for name in names:
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split()[2])
        out[name] = data[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return out


def _read_keys(root: Path, env: dict, commit: str) -> dict[str, bytes]:
    return _read_blobs(root, env, _key_ids(root, env, commit))


def _blob_id(data: bytes) -> str:
    """git's id of a blob holding ``data`` (what ls-tree shows), to compare without reading the server's copy."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class _KeyCache:
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
    def load(cls, vault) -> "_KeyCache":
        try:
            data = json.loads(vault.store.read(cls.PATH))
            return cls(data["commit"], data["pushed"], data["files"])
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return cls(None, {}, {})

    def local_ids(self, vault) -> dict[str, str]:
        """casekeys/: name -> blob id, hashing only the files changed since the cache was written."""
        out, files = {}, {}
        for name, st in vault.store.stats("casekeys").items():
            if not _KEY_NAME.match(name):
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


def _parents(root: Path, env: dict, commit: str) -> int:
    return len(_out(_git(root, "rev-list", "--parents", "-n", "1", commit, env=env)).split()) - 1


def _keys_commit(root: Path, env: dict, keys: dict[str, str], on_server: dict[str, str], officer: str) -> str:
    """A parentless commit whose tree is ``keys`` (name -> blob id), its objects in the temporary store only.

    Blobs the server's channel holds were fetched into that store; only the others are
    hashed in (one hash-object for them all, from the files in casekeys/).
    """
    have = set(on_server.values())
    new = sorted(n for n, i in keys.items() if i not in have)
    if new:
        paths = "\n".join(str((root / "casekeys" / n).resolve()) for n in new) + "\n"
        shas = _out(_git(root, "hash-object", "-w", "--no-filters", "--stdin-paths", env=env, data=paths.encode())).split()
        if shas != [keys[n] for n in new]:
            raise SyncError("a case key changed while it was being sent; nothing was lost: sync again")
    lines = [f"100644 blob {keys[n]}\t{n}" for n in sorted(keys)]
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
    _git(root, "commit", "-q", "--no-verify", "-F", "-", data=commit_message(staged, officer).encode(), officer=officer)
    return True


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


def _merge(vault, officer: str, remote_keys: dict[str, bytes], choose: Chooser | None, result: Result) -> bool:
    root = vault.root
    p = _git(root, "rev-parse", "--verify", "-q", "HEAD", check=False)
    if p.returncode != 0:  # a fresh clone of an empty repository, or a vault never committed
        _git(root, "reset", "-q", f"{REMOTE}/{BRANCH}")
        _git(root, "checkout", "-q", "--", ".")
        vault.store.point_of_no_return()  # git has written the cases: the keys taken for them stay
        return True
    ours = _out(p)
    epoch_before = vault.epoch
    p = _git(root, "merge", "-q", "--no-edit", "-m", "sendvault merge", f"{REMOTE}/{BRANCH}", check=False,
             officer=officer)
    if p.returncode != 0:
        try:
            _resolve(vault, officer, remote_keys, choose, result, p)
        except BaseException:
            _git(root, "merge", "--abort", check=False)
            vault.settings.refresh()
            raise
    try:
        _check_config(vault)
    except SendvaultError:  # a forged team, or this officer removed: the merge is undone, nothing of ours lost
        _git(root, "reset", "-q", "--hard", ours)
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
    conflicted = [s for s in _out(_git(root, "diff", "--name-only", "--diff-filter=U", "-z")).split("\0") if s]
    if not conflicted:
        raise SyncError(f"git merge failed: {_first_line(failed.stderr)}; nothing was lost")
    cases = {c: Path(c).name.split(".")[0] for c in conflicted if c.startswith("cases/") and c.endswith(".age")}
    twice = [c for c in conflicted if c.startswith("destroyed/")]
    if twice:  # one case destroyed on two machines: either sealed record says so; this machine's is kept
        _git(root, "checkout", "-q", "--ours", "--", *twice)
        _git(root, "add", "--", *twice)
    team = [c for c in conflicted if c == "vault.toml" or c.startswith("vaultkeys/")]
    if "vault.toml" in team:
        _merge_config(vault, team)
    others = sorted(c for c in conflicted if c not in cases and c not in twice and c not in team)
    if others:
        raise SyncError(f"changed on this machine and on another since the last sync: {', '.join(others)}; "
                        "nothing was merged, nothing was lost",
                        hint="two team or policy changes crossed: see docs/sync.md ('Conflicts')")
    destroyed = [c for c, cid in cases.items() if _git(
        root, "cat-file", "-e", f"{REMOTE}/{BRANCH}:destroyed/{cid}.json", check=False).returncode == 0
        or (root / "destroyed" / f"{cid}.json").exists()]
    if destroyed:  # a destruction wins over any concurrent change to the same case: the file goes
        _git(root, "rm", "-q", "--", *destroyed)
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
        _git(root, "commit", "-q", "--no-verify", "--no-edit", officer=officer)
        return
    vault.audit_ready()
    for cid, record in merged.items():
        schema.validate("case", record, f"the merged case {cid}")
    for cid, record in merged.items():
        # A fresh key: the merged record is new, and either side's earlier key may be one a change retired.
        vault.cases.write(cid, record, None)
        vault.audit("sync merge", cid)
        result.merged_cases.append(cid)
    _git(root, "add", "-A", "--", "cases", "audit")
    _git(root, "commit", "-q", "--no-verify", "--no-edit", officer=officer)


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
    _git(root, "add", "--", "vault.toml", "vaultkeys", *paths)


def _stage(root: Path, stage: int, path: str) -> bytes | None:
    """One side of a conflicted file, read from git into memory (never written out)."""
    p = _git(root, "cat-file", "blob", f":{stage}:{path}", check=False)
    return p.stdout if p.returncode == 0 else None


def _open_versions(vault, cid: str, versions: list[bytes | None], remote_keys: dict[str, bytes]):
    """The base, mine and theirs of a case, decrypted in memory with every key of it known here or on the server."""
    from ..store import crypto
    from ..store.cases import parse_record

    named = [(Path(rel).name, vault.store.read(rel)) for rel in vault.keys.case_key_files(cid)]
    named += [(n, b) for n, b in remote_keys.items() if n.startswith(f"{cid}.e")]
    identities = []
    for name, blob in named:
        m = _KEY_NAME.match(name)
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
    base = _git(root, "merge-base", ours, f"{REMOTE}/{BRANCH}", check=False)
    if base.returncode != 0:
        return
    names = _out(_git(root, "diff", "--name-only", "-z", _out(base), ours, "--", "cases")).split("\0")
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


def _merge_keys(vault, remote: dict[str, bytes], destroyed: set[str], new_only: bool = False) -> int:
    """Take the server's keys of cases no key here opens (new ones, or re-keyed elsewhere); returns how many.

    With ``new_only``, only the keys of cases this machine has no key for at all: taken before
    the merge that brings the cases, so a sync cut short by a failed write leaves no case
    without its key.
    """
    store = vault.store
    taken = 0
    by_case: dict[str, list[tuple[str, int, bytes]]] = {}
    for name, blob in sorted(remote.items()):
        m = _KEY_NAME.match(name)
        if m and m.group(1) not in destroyed:
            by_case.setdefault(m.group(1), []).append((name, int(m.group(2)), blob))
    here: dict[str, list[str]] = {}
    for name in store.listdir("casekeys"):  # listed once: a vault holds thousands
        m = _KEY_NAME.match(name)
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
        if any(_key_opens(vault, cid, int(_KEY_NAME.match(n).group(2)), b) for n, b in local.items()):
            continue  # this machine's key opens the case as merged (a merge here re-keyed it)
        fitting = [(n, b) for n, e, b in offered if _key_opens(vault, cid, e, b)]
        for name, blob in fitting:
            store.write(f"casekeys/{name}", blob)
            taken += 1
        if fitting:  # the keys here open only an earlier version: retired
            for name in set(local) - {n for n, _ in fitting}:
                store.shred(f"casekeys/{name}")
    return taken


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
            refs = _remote_refs(root)
            with _key_objects(root) as env:
                keys_head = refs.get(KEYS_REF)
                cache = _KeyCache.load(vault)
                local_ids = cache.local_ids(vault)
                remote_ids: dict[str, str] = {}
                remote_keys: dict[str, bytes] = {}
                fetched = False
                if keys_head and keys_head == cache.commit and local_ids == cache.pushed:
                    remote_ids = cache.pushed  # the server holds exactly what this machine holds: nothing to read
                elif keys_head:
                    fetched = True  # first: a merge of a case re-keyed elsewhere needs its key
                    _git(root, "fetch", "-q", "--no-tags", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env)
                    if _parents(root, env, keys_head):
                        result.warnings.append("the server's key channel has history: the server is not set up as "
                                               "docs/sync.md says (destroyed keys may survive there)")
                    remote_ids = _key_ids(root, env, keys_head)
                    remote_keys = _read_blobs(root, env, {n: i for n, i in remote_ids.items() if local_ids.get(n) != i})
                # New cases' keys before the merge that brings the cases: a sync cut short by a
                # failed write leaves no case without its key.
                early = _merge_keys(vault, remote_keys, destruction.destroyed_ids(vault), new_only=True)
                result.keys_received += early
                if f"refs/heads/{BRANCH}" in refs:
                    _git(root, "fetch", "-q", "--no-tags", REMOTE, f"+refs/heads/{BRANCH}:refs/remotes/{REMOTE}/{BRANCH}")
                    result.merged = _merge(vault, officer, remote_keys, choose, result)
                destroyed = destruction.destroyed_ids(vault)
                taken = _merge_keys(vault, remote_keys, destroyed)
                result.keys_received += taken
                taken += early
                if taken or result.merged_cases or result.rekeyed:
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
                if taken or result.merged_cases or result.rekeyed or outcome.finished:
                    local_ids = cache.local_ids(vault)
                keys = {n: i for n, i in local_ids.items() if _KEY_NAME.match(n).group(1) not in applied}
                pushed = keys_head
                if keys != remote_ids:
                    if keys_head and not fetched:  # the new tree names the server's blobs: they must be here
                        _git(root, "fetch", "-q", "--no-tags", "--no-write-fetch-head", REMOTE, KEYS_REF, env=env)
                    commit = _keys_commit(root, env, keys, remote_ids, officer)
                    lease = f"--force-with-lease={KEYS_REF}:{keys_head or ''}"
                    push = _git(root, "push", "-q", lease, REMOTE, f"{commit}:{KEYS_REF}", env=env, check=False)
                    if push.returncode != 0:
                        if attempt + 1 < attempts:
                            continue
                        raise SyncError(f"the server refused the case keys: {_first_line(push.stderr)}; "
                                        "nothing was lost: sync again")
                    pushed = commit
                cache.save(vault, pushed, keys)
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
    ("receive.unpackLimit", "1"),  # a push stays a pack: its deltas (a grown audit log) are re-sent, not recomputed
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


__all__ = ["sync", "Pending", "Chooser", "clone", "attach", "serve_init", "remote_url", "is_repository", "commit_message", "Result",
           "SyncError", "Unreachable"]
