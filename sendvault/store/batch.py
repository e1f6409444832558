"""New cases written as one batch (``import``): files synced together, audited together, undone together if cut short.

``create_case`` makes a new case durable on its own: its key file and its case file,
each synced with its directory, then its audit entry, the log synced and its head and
this device's high-water mark rewritten. That is nine syncs and four replaced files a
case, which is what bounds an import of 20,000 cases. A batch writes every case's
files without a sync, syncs them together (``storage.deferred_sync``), then appends one
audit entry per case in a single append with one head (``audit.append_many``).

What keeps that as safe as one case at a time: before the files, ``local/batch``
(never synchronised) names the batch's case ids and the audit entry the device had
reached; it goes once the entries are written. A process killed, or a machine that
lost power, in between leaves it behind; the next writer (``recover``, at every
taking of the lock) finds the entries never written and removes the batch's files and
keys, so no case exists that the audit trail does not record. Killed after the
entries, the batch is complete and only the note goes.
"""

from __future__ import annotations

import json

from . import audit
from .keys import case_path
from .storage import deferred_sync

PENDING = "local/batch"


def write_cases(vault, records: list[tuple[str, dict]], command: str,
                also: tuple[tuple[str, str | None, str | None], ...] = ()) -> None:
    """Write ``records`` ((id, record), new cases, ids unused) and one ``command`` audit entry each,
    then the entries ``also`` ((command, case, detail): the run's own) in the same append.

    The caller holds the writers' lock in a transaction (a failed write puts back the
    whole batch) and has checked that the audit trail can be extended.
    """
    store = vault.store
    store.write(PENDING, json.dumps({"seq": audit.last_seq(vault), "cases": [cid for cid, _ in records]}).encode())
    with store.transaction(), deferred_sync(store):
        for cid, record in records:
            vault.cases.write(cid, record, None)
    audit.append_many(vault, [(command, cid, None) for cid, _ in records] + list(also))
    store.remove(PENDING)


def recover(vault) -> int:
    """Undo a batch cut short before its audit entries (see the module); returns how many cases it removed.

    Called with the writers' lock held. Its cases were never recorded nor synchronised, and
    shredded as a destruction shreds (``CaseStore.shred``), so no copy of the files opens again.
    """
    store = vault.store
    if store.read_only or not store.exists(PENDING):
        return 0
    try:
        pending = json.loads(store.read(PENDING))
        seq, cases = int(pending["seq"]), [str(c) for c in pending["cases"]]
    except (ValueError, KeyError, TypeError):
        store.remove(PENDING)  # a note torn as it was written: its batch had not begun
        return 0
    removed = 0
    if audit.last_seq(vault) <= seq:  # the entries were never appended
        for cid in cases:
            if vault.keys.case_key_files(cid) or store.exists(case_path(cid)):
                vault.cases.shred(cid)  # keys, file, and its place in the index (a reader may have listed it)
                removed += 1
    store.remove(PENDING)
    return removed
