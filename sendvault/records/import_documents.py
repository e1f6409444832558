"""Documents that come with an import (issue 26): a folder of files for each case, named by its reference.

``import ... --documents DIR`` looks in ``DIR/<reference>/`` for each case of the
import (imported now or before: a run stopped half-way is finished by the next),
and attaches every file not already in the case (told by its SHA-256), as
``attach`` does: an e-mail becomes a note and its attachments. sendvault's own
export writes its documents so (``documents/<reference>/<number> <title>``) and
lists them in each case; such a file goes back with its title, kind, provider and
confidence, and must be the file the export listed (its SHA-256). A problem is
named by folder and file number, never by a file's name (names hold personal data).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import documents
from ..basics.errors import SendvaultError

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def folder_name(ref: str) -> str:
    """The folder of a case's documents: its reference, with no path separator or control character."""
    name = _UNSAFE.sub("_", ref).strip()
    return "_" + name if name in ("", ".", "..") or name.startswith(".") else name


@dataclass
class Attached:
    documents: int = 0
    already: int = 0
    problems: list[str] = field(default_factory=list)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for piece in iter(lambda: f.read(1 << 20), b""):
            h.update(piece)
    return h.hexdigest()


def attach_folders(vault, root: Path, cases: dict[str, str], listed: dict[str, list[dict]]) -> Attached:
    """Attach ``root/<reference>/*`` to each case of ``cases`` (reference -> case id); ``listed``: the documents
    sendvault's own export listed for a reference (their ``rows``)."""
    out = Attached()
    for ref in sorted(cases):
        folder = root / folder_name(ref)
        if not folder.is_dir():
            continue
        cid = cases[ref]
        have = {d["sha256"] for d in vault.read_case(cid).get("documents") or ()}
        rows = {str(r.get("number")): r for r in listed.get(ref) or ()}
        for m, path in enumerate(sorted(folder.iterdir()), 1):
            label = f"file {m} of the documents of case {cid}"
            try:
                if path.is_symlink() or not path.is_file():
                    raise SendvaultError(f"{label} is not a plain file")
                digest = _digest(path)
                if digest in have:
                    out.already += 1
                    continue
                row = rows.get(path.name.split(" ", 1)[0])
                if row is not None:
                    if row.get("sha256") not in (None, digest):
                        raise SendvaultError(f"{label} is not the file the export listed (its content differs)")
                    documents.restore(vault, cid, path, label, row)
                else:
                    documents.attach(vault, cid, path, label, None, False, None, None, False)
                have.add(digest)
                out.documents += 1
            except (SendvaultError, OSError) as exc:
                words = exc.message if isinstance(exc, SendvaultError) else f"{label} could not be read"
                out.problems.append(words)
    return out
