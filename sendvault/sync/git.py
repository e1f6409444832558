"""The vault's own git, and nothing of the officer's: every git command sync runs is made here.

Sync runs git always as a subprocess on the vault directory, with the arguments and
environment ``git_call`` makes: none of the officer's git settings but what reaches
the server (docs/sync.md, "The officer's own git changes nothing"). Also here: what
git says of the vault (``is_repository``, ``remote_url``, ``remote_refs``,
``last_commit_time``). It knows nothing of the command line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ..basics.errors import SendvaultError

BRANCH = "main"
REMOTE = "origin"
# Author and committer of every commit: a fixed, non-personal address; the name is the officer's.
EMAIL = "sendvault@localhost"


class SyncError(SendvaultError):
    """A sync that could not be completed; nothing recorded is lost."""


class Unreachable(SyncError):
    pass


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
# Sync's own variables, set per call by the key channel only (its object store: casekeys.py).
_OWN_ENV = ("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES")
DEFAULT_SSH = "ssh -o BatchMode=yes -o ConnectTimeout=15"

# What sync depends on, whatever the officer's git says. /dev/null as the hooks path and
# an empty template directory: no hook or template of the machine ever runs or is copied.
PINNED = (
    ("core.autocrlf", "false"), ("core.eol", "lf"), ("core.safecrlf", "false"), ("core.quotePath", "false"),
    ("core.hooksPath", "/dev/null"), ("core.fsmonitor", "false"), ("core.untrackedCache", "false"),
    ("core.excludesFile", "/dev/null"), ("core.attributesFile", "/dev/null"),
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

# A vault cloned without its documents (exchange.clone) is a cone-mode sparse checkout; any
# other is not. Which it is follows a marker in the vault's own repository, never the officer's git config.
PARTIAL_MARKER = ".git/sendvault-partial-clone"
_SPARSE = {True: (("core.sparseCheckout", "true"), ("core.sparseCheckoutCone", "true")),
           False: (("core.sparseCheckout", "false"), ("core.sparseCheckoutCone", "false"))}
_SPARSE_ALWAYS = (("index.sparse", "false"), ("advice.updateSparsePath", "false"))


def is_partial(root: Path) -> bool:
    """Whether the vault at ``root`` was cloned without its documents (they come from the server when needed)."""
    return (Path(root) / PARTIAL_MARKER).is_file()


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

    ``own`` may only hold sync's own variables (the key channel's object store).
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
    config = [*PINNED, *_SPARSE[is_partial(cwd)], *_SPARSE_ALWAYS, ("user.name", name), ("user.email", EMAIL)]
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


def run_git(root: Path, *args: str, env: dict | None = None, check: bool = True, data: bytes | None = None,
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
        raise SyncError(f"git {args[0]} failed: {first_line(p.stderr)}")
    return p


def first_line(err: bytes) -> str:
    lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
    return (lines[-1] if lines else "no message")[:200]


def text_of(p: subprocess.CompletedProcess) -> str:
    return p.stdout.decode().strip()


def is_repository(root: Path) -> bool:
    return (Path(root) / ".git").is_dir()


def remote_url(root: Path) -> str | None:
    if not is_repository(root):
        return None
    p = run_git(root, "remote", "get-url", REMOTE, check=False)
    return text_of(p) if p.returncode == 0 else None


def last_commit_time(root: Path) -> int | None:
    """When the newest commit of the vault's history was made (Unix seconds): the server's, as
    last fetched, or this machine's own; None if the vault is not synchronised or git cannot say."""
    if not is_repository(root) or shutil.which("git") is None:
        return None
    # The vault's own repository, whatever GIT_DIR a shell exported (git_call clears it): another's
    # commits prove nothing here; nor does a replace ref rewriting what a commit says.
    p = run_git(root, "--no-replace-objects", "log", "-1", "--format=%ct", f"refs/remotes/{REMOTE}/{BRANCH}", "HEAD", "--",
                check=False)
    if p.returncode != 0:  # no commit yet, or no server branch fetched: HEAD alone
        p = run_git(root, "--no-replace-objects", "log", "-1", "--format=%ct", "HEAD", "--", check=False)
    text = text_of(p) if p.returncode == 0 else ""
    return int(text) if text.isdigit() else None


def remote_refs(root: Path) -> dict[str, str]:
    p = run_git(root, "ls-remote", REMOTE, check=False)
    if p.returncode != 0:
        url = remote_url(root) or "the server"
        raise Unreachable(f"cannot reach the server ({_safe_url(url)}): nothing was lost; your changes are kept here "
                          "and go at the next sync", hint=first_line(p.stderr))
    refs = {}
    for line in text_of(p).splitlines():
        sha, _, ref = line.partition("\t")
        refs[ref] = sha
    return refs


def _safe_url(url: str) -> str:
    return re.sub(r"//[^/@]*@", "//", url)  # no password in a message
