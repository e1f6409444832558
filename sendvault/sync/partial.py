"""A new officer's clone without the documents: git's partial clone and a cone-mode sparse checkout.

``sendvault clone`` (exchange.clone) takes the history without any file's content
(``--filter=blob:none``) and checks out everything but ``documents/``; a case's
``documents/<ID>/`` joins the checkout (``git sparse-checkout add``, which fetches its
files from the server) when the case's documents are first needed. Which vaults are
partial is the vault's own marker (``git.PARTIAL_MARKER``), which also sets the
sparse-checkout pins of every git call (``git.git_call``).

``store/`` reads the documents' files but may not import sync: the command line installs
``ON_DEMAND`` there (``store.documents.install_fetcher``). See docs/sync.md, "A new
officer's clone".
"""

from __future__ import annotations

from pathlib import Path

from .git import PARTIAL_MARKER, SyncError, Unreachable, first_line, is_partial, run_git, text_of

DOCUMENTS = "documents"


class NotFetched(Unreachable):
    """A document on the server, not yet on this machine, and the server cannot be reached."""


def start(root: Path, synced: tuple[str, ...]) -> None:
    """After a ``--no-checkout`` partial clone: the marker, the sparse set (all of ``synced`` but the
    documents), the checkout."""
    (Path(root) / PARTIAL_MARKER).write_text("This vault was cloned without its documents: each case's come from the server when needed.\n")
    dirs = [d for d in synced if d != DOCUMENTS and "." not in d]  # top-level files are always in a cone
    run_git(root, "sparse-checkout", "set", "--cone", "--", *dirs)
    if run_git(root, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0:  # not an empty server
        run_git(root, "checkout", "-q", "main")


def _in_checkout(root: Path) -> set[str]:
    return set(text_of(run_git(root, "sparse-checkout", "list")).splitlines())


def _case_dirs_at_head(root: Path) -> set[str]:
    p = run_git(root, "ls-tree", "-d", "--name-only", "-z", "HEAD", f"{DOCUMENTS}/", check=False)
    return {n for n in p.stdout.decode().split("\0") if n} if p.returncode == 0 else set()


def fetch(root: Path, cids: list[str] | None) -> None:
    """Bring the documents of ``cids`` (None: every case) to this machine, in ONE git call, if the
    vault is partial and they are not here yet; ``NotFetched`` if the server cannot be reached."""
    root = Path(root)
    if not is_partial(root):
        return
    have = _in_checkout(root)
    if DOCUMENTS in have:
        return
    at_head = _case_dirs_at_head(root)
    wanted = [DOCUMENTS] if cids is None and at_head else \
        sorted(d for d in at_head & {f"{DOCUMENTS}/{c}" for c in cids or ()} if d not in have)
    if not wanted:
        return
    p = run_git(root, "sparse-checkout", "add", "--", *wanted, check=False)
    if p.returncode != 0:  # git put the sparse set back as it was: nothing half-fetched is kept
        err = p.stderr.decode("utf-8", "replace")
        which = "the documents" if cids is None or len(cids) != 1 else f"case {cids[0]}'s documents"
        if "promisor remote" in err or "Could not read from remote" in err or "unable to access" in err:
            raise NotFetched(f"{which} are on the server and not yet on this machine, and the server cannot be "
                             "reached", hint="sync when connected (or 'sendvault clone --full' a copy for offline work)")
        raise SyncError(f"could not fetch {which} from the server: {first_line(p.stderr)}")


def not_here(root: Path) -> set[str]:
    """The document files (``<ID>/<name>``, without ``.age``) that the vault's git holds but this machine
    has not fetched (outside a partial clone's checkout), in one git call; empty for any other vault."""
    root = Path(root)
    if not is_partial(root):
        return set()
    # git marks a file outside the checkout "S" (skip-worktree); one deleted from the disk is not.
    p = run_git(root, "ls-files", "-t", "-z", "--", f"{DOCUMENTS}/", check=False)
    names = [n[2:] for n in p.stdout.decode().split("\0") if n.startswith("S ")] if p.returncode == 0 else []
    return {n.removeprefix(f"{DOCUMENTS}/").removesuffix(".age") for n in names if not (root / n).exists()}


class OnDemand:
    """What ``store.documents`` calls (installed by the command line)."""

    applies = staticmethod(is_partial)
    fetch = staticmethod(fetch)
    not_here = staticmethod(not_here)


ON_DEMAND = OnDemand()


# --- sync on a partial clone ---------------------------------------------------------------


def add_all(root: Path, paths: list[str]) -> None:
    """``git add -A`` of ``paths``; on a partial clone also the files outside the checkout (a document
    attached here to a case not fetched), while the files not fetched stay as they are in git."""
    run_git(root, "add", "-A", *(["--sparse"] if is_partial(root) else []), "--", *paths)


def forget(root: Path, cids: set[str]) -> None:
    """On a partial clone, the documents of destroyed cases that were never fetched (so not on this
    disk for the destruction to remove) taken out of the next commit too."""
    if not cids or not is_partial(root):
        return
    listed = run_git(root, "ls-files", "-z", "--", f"{DOCUMENTS}/").stdout.decode().split("\0")
    _unstage(root, [n for n in listed if n and n.split("/")[1] in cids])


def forget_unnamed(root: Path, named: dict[str, set[str]]) -> None:
    """On a partial clone, the files never fetched of each case in ``named`` (case id -> the file names
    its record names) that its record no longer names (a withdrawal, a merge) taken out of the next
    commit, as the files on this disk are shredded: nobody can open them (their keys went)."""
    if not named or not is_partial(root):
        return
    listed = run_git(root, "ls-files", "-t", "-z", "--", *[f"{DOCUMENTS}/{c}/" for c in named]).stdout.decode()
    _unstage(root, [n[2:] for n in listed.split("\0") if n.startswith("S ")
                    and Path(n).name.removesuffix(".age") not in named.get(n[2:].split("/")[1], set())])


def cases_not_fetched(root: Path) -> set[str]:
    """The cases with document files this machine has not fetched (a partial clone's), in one git call."""
    return {n.split("/")[0] for n in not_here(root)}


def _unstage(root: Path, paths: list[str]) -> None:
    if paths:
        run_git(root, "rm", "-q", "--cached", "--sparse", "--ignore-unmatch", "--pathspec-from-file=-",
                "--pathspec-file-nul", data="\0".join(paths).encode())


def keep_local(root: Path) -> None:
    """On a partial clone, the server reachable: the cases with documents attached here joined to the
    checkout (their other files fetched), so a merge does not take the new files off this disk. Best
    effort: should it fail, they open all the same (fetched then, the new ones from this machine's git)."""
    if not is_partial(root):
        return
    have = _in_checkout(root)
    if DOCUMENTS in have or not (Path(root) / DOCUMENTS).is_dir():
        return
    here = sorted(f"{DOCUMENTS}/{n}" for n in {p.name for p in (Path(root) / DOCUMENTS).iterdir() if p.is_dir()}
                  if f"{DOCUMENTS}/{n}" not in have)
    if here:
        run_git(root, "sparse-checkout", "add", "--", *here, check=False)
