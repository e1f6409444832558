"""The server's set-up (``serve-init``): a bare repository whose hooks keep main's history
growing only and the key channel one commit with no parent, garbage-collected at once."""

from __future__ import annotations

from pathlib import Path

from ..basics.errors import SendvaultError
from ..store.storage import set_private_umask
from .git import BRANCH, run_git

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
    ("uploadpack.allowAnySHA1InWant", "false"),  # never an object no ref reaches (an old key): set first, as
    # git reads it as allowReachableSHA1InWant too
    # A clone without the documents (partial.py) asks for a document's file by its hash when it is needed:
    # only what main reaches (no superseded key, which gc has removed anyway). git's protocol v2 allows it
    # in any case; these are for v0, which an ssh server that does not pass GIT_PROTOCOL on still speaks.
    ("uploadpack.allowReachableSHA1InWant", "true"),
    ("uploadpack.allowFilter", "true"),
)


def serve_init(path: Path) -> None:
    """A bare repository set up as docs/sync.md says the server must be."""
    set_private_umask()
    path = Path(path)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SendvaultError(f"{path} exists and is not an empty directory", hint="choose a new path for the repository")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    run_git(path, "init", "-q", "--bare", "-b", BRANCH)
    for key, value in SERVER_CONFIG:
        run_git(path, "config", key, value)
    hooks = path / "hooks"
    hooks.mkdir(exist_ok=True)
    for name, text in (("update", UPDATE_HOOK), ("post-receive", POST_RECEIVE_HOOK)):
        (hooks / name).write_text(text)
        (hooks / name).chmod(0o700)
