"""The case store: each case an age file under its own key, read, written, destroyed.

A case record is TOML (written by tomli_w), encrypted for the case's key, with its
id inside the ciphertext so a file swapped for another case's is caught. The store
knows nothing of officers or the audit trail: the vault's facade adds those.
"""

from __future__ import annotations

import functools
import tomllib
from typing import TYPE_CHECKING, Callable

import tomli_w

from . import crypto
from ..basics import ids, schema
from ..basics.errors import CaseNotFound, VaultCorrupt
from .keys import Keyring, case_path
from .storage import Store

if TYPE_CHECKING:
    from .parallel import Started

CASE_FORMAT = "sendvault-case/2"


def parse_record(text: str) -> dict:
    """A case record's TOML, as written by tomli_w.

    rtoml parses it 13x faster than tomllib (20 against 260 us for a 3 KB case: the
    largest cost of reading a case), which every list, find and report over a vault
    of 20,000 cases feels. tests/test_records.py checks the two agree on every kind
    of record and text; tomllib stays for files people write (intake, vault.toml),
    whose error messages point at the line.
    """
    try:
        import rtoml
    except ImportError:  # pragma: no cover - a platform without its wheel
        return tomllib.loads(text)
    try:
        return rtoml.loads(text)
    except rtoml.TomlParsingError as exc:
        raise ValueError("not valid TOML") from exc


class CaseStore:
    """Case files and their keys. ``on_stale`` re-reads the configuration (see ``read``)."""

    def __init__(self, store: Store, keyring: Keyring, current_epoch: Callable[[], int], on_stale: Callable[[], None]):
        self.store = store
        self.keyring = keyring
        self._current_epoch = current_epoch
        self._on_stale = on_stale
        self._index = None

    @property
    def index(self):
        """This machine's index (index.py), made on first use: ``show`` never loads it."""
        if self._index is None:
            from .index import Index

            self._index = Index(self.store, self.keyring, self._current_epoch)
        return self._index

    def ids(self) -> list[str]:
        out = []
        for name in self.store.listdir("cases"):
            if name.endswith(".age") and ids.is_id(name[:-4]):
                out.append(name[:-4])
        return out

    def exists(self, cid: str) -> bool:
        return self.store.exists(case_path(cid))

    def taken(self, cid: str) -> bool:
        """True if ``cid`` names a case or a key left over from one: never reuse it."""
        return self.exists(cid) or bool(self.keyring.case_key_epochs(cid))

    def read(self, cid: str) -> tuple[dict, int, crypto.KeyPair]:
        """The record, the epoch of the key that opened it, and that key.

        Readers take no lock, so a writer may re-key or destroy the case between our
        listing of its keys and our reading them: if so, look again, once.
        """
        try:
            return self._read_once(cid)
        except (FileNotFoundError, VaultCorrupt):
            # We hold the lock: nothing moved since it was taken, so the damage is real, unless we read
            # casekeys/ from a listing made before (a bulk read: a purge's plan, a long session).
            if self.store.lock_depth and not self.keyring.listed():
                raise
        self._on_stale()
        self.keyring.relist_case_keys(cid)
        try:
            return self._read_once(cid)
        except FileNotFoundError:
            raise CaseNotFound(f"no case {cid} in this vault (destroyed just now?)") from None

    def _read_once(self, cid: str) -> tuple[dict, int, crypto.KeyPair]:
        rel = case_path(cid)
        try:
            data = self.store.read(rel)
        except FileNotFoundError:
            raise CaseNotFound(f"no case {cid} in this vault", hint="'sendvault list' shows the cases") from None
        epochs = self.keyring.case_key_epochs(cid)
        if not epochs:
            raise VaultCorrupt(f"case {cid} has no key (it was destroyed, or its key file is missing)", hint="run 'sendvault verify'")
        for i, epoch in enumerate(epochs):
            key = self.keyring.open_case_key(cid, epoch)
            try:
                plain = crypto.decrypt(data, [key.identity], rel)
                break
            except crypto.NoMatch:
                # A second key file is left only by an interrupted key rotation; the
                # other one is then the right key. A single non-matching key is a swap.
                if i == len(epochs) - 1:
                    raise VaultCorrupt(
                        f"{rel} is not the file of case {cid} (its key does not open it)",
                        hint="the vault has been tampered with or damaged; run 'sendvault verify'",
                    ) from None
        try:
            record = parse_record(plain.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise VaultCorrupt(f"{rel} decrypts but is not valid TOML") from None
        if record.get("id") != cid:
            raise VaultCorrupt(
                f"{rel} holds another case's record (the file was swapped)",
                hint="the vault has been tampered with; run 'sendvault verify'",
            )
        schema.validate("case", record, f"case {cid}")
        return record, epoch, key

    def map(self, fn: Callable[[dict], object], case_ids: list[str] | None = None,
            workers: int | None = None, damaged: list[str] | None = None, list_keys: bool = True) -> list:
        """``[fn(record) for every case]``, in id order, on every core for a large vault.

        With ``damaged`` (a list), a case that cannot be read is added to it and
        skipped, so one damaged file does not hide every other case from a search.

        pyrage holds the GIL, so threads would not help; forked processes inherit the
        unlocked vault (no passphrase asked again) and send back only ``fn``'s results.
        Nothing personal leaves memory: results travel through a pipe.
        """
        from . import parallel

        wanted = self._wanted(case_ids, list_keys)
        work = functools.partial(self._read_share, fn=fn, damaged=damaged)
        return self._sorted_out(parallel.map_chunks(work, wanted, workers or parallel.workers_for(len(wanted))), damaged)

    def map_started(self, fn: Callable[[dict], object], case_ids: list[str], damaged: list[str],
                    list_keys: bool = True, before: Callable[[str], object] | None = None) -> Started:
        """``map`` begun in worker processes (every core) while this one does other work: its
        ``collect()`` gives the values. The index reads a batch this way while it writes the one
        before. With ``before``, each value is ``(before(cid), fn(record))``, ``before`` called
        just before the case is read."""
        from . import parallel

        wanted = self._wanted(case_ids, list_keys)
        work = functools.partial(self._read_share, fn=fn, damaged=damaged, before=before)
        return parallel.Started(work, wanted, parallel.workers_for(len(wanted)),
                                finish=functools.partial(self._sorted_out, damaged=damaged))

    def _wanted(self, case_ids: list[str] | None, list_keys: bool) -> list[str]:
        if list_keys:  # one listing of casekeys/ for every case (``list_keys=False``: the caller's is recent)
            self.keyring.index_case_keys()
        return sorted(case_ids if case_ids is not None else self.ids())

    def _read_share(self, share: list[str], fn: Callable[[dict], object], damaged: list[str] | None,
                    before: Callable[[str], object] | None = None) -> list:
        out = []
        for cid in share:
            try:
                if before is None:
                    out.append(("ok", fn(self.read(cid)[0])))
                else:
                    mark = before(cid)
                    out.append(("ok", (mark, fn(self.read(cid)[0]))))
            except CaseNotFound:  # destroyed since we listed the cases: not an error
                out.append(("gone", None))
            except VaultCorrupt:
                if damaged is None:
                    raise
                out.append(("damaged", cid))
        return out

    @staticmethod
    def _sorted_out(out: list, damaged: list[str] | None) -> list:
        if damaged is not None:
            damaged.extend(value for state, value in out if state == "damaged")
        return [value for state, value in out if state == "ok"]

    def write(self, cid: str, record: dict, key: crypto.KeyPair | None) -> None:
        """Write under ``key`` (the case's key of the current epoch), or under a fresh key if None."""
        record["format"] = CASE_FORMAT  # a case of format 1 is one of 2 without people: migrated as it is written
        schema.validate("case", record, f"case {cid}")
        data = tomli_w.dumps(record).encode()
        if key is None:
            # A new case, or one whose key predates an officer's removal: a fresh case key,
            # written before the case file that needs it; the old key goes last.
            key = self.keyring.new_case_key(cid)
            self.store.write(case_path(cid), crypto.encrypt(data, [key.recipient]))
            self.keyring.retire_old_case_keys(cid)
            return
        self.store.write(case_path(cid), crypto.encrypt(data, [key.recipient]))

    def rekey(self, cid: str, record: dict, old: crypto.KeyPair) -> None:
        """Write ``record`` under a fresh key, so no copy of the earlier file opens again.

        The new key takes the old one's file name (same epoch), so the case file is
        first written for both keys: a crash at any point leaves a file that the key
        on disk opens. The old key is gone once its file is replaced.
        """
        record["format"] = CASE_FORMAT
        schema.validate("case", record, f"case {cid}")
        data = tomli_w.dumps(record).encode()
        new = crypto.generate()
        self.store.write(case_path(cid), crypto.encrypt(data, [old.recipient, new.recipient]))
        self.keyring.new_case_key(cid, new)
        self.store.write(case_path(cid), crypto.encrypt(data, [new.recipient]))
        self.keyring.retire_old_case_keys(cid)

    def rekey_interrupted(self, cid: str) -> bool:
        """True if a ``rekey`` of ``cid`` stopped half-way (its file is still written for two keys)."""
        try:
            return crypto.recipient_count(self.store.read(case_path(cid))) > 1
        except FileNotFoundError:
            return False

    def key_for_rewrite(self, epoch: int, key: crypto.KeyPair) -> crypto.KeyPair | None:
        """The key to write a case read with (``epoch``, ``key``): None means a fresh one."""
        return key if epoch == self._current_epoch() else None

    def shred(self, cid: str) -> None:
        """Crypto-shred a case: its key(s), then its file and its documents' files, then its place in the index.

        With the key gone, every copy of the case file made before (a backup, a git
        history, a copied laptop folder) is unreadable, to every officer; the index
        gets a fresh key too, so no copy of it taken before opens again. The caller
        records the destruction first (see destruction.py).
        """
        from . import documents

        self.keyring.shred_case_keys(cid, self.keyring.case_key_files(cid))
        self.store.remove(case_path(cid))
        # Unreadable already (their keys were in the record); overwritten and removed all the same.
        documents.shred_all(self.store, cid)
        self.index.forget(cid)

    def _read_many(self, wanted: list[str], fn: Callable[[dict], object], bad: list[str], first: bool = True,
                   before: Callable[[str], object] | None = None) -> Started:
        return self.map_started(fn, wanted, bad, list_keys=first, before=before)

    def rows(self, fn: Callable[[dict], object], damaged: list[str] | None = None,
             progress: Callable[[int, int], None] | None = None, light: bool = False) -> list:
        """``[fn(summary) for every case]`` in id order, ``None`` dropped, from the index (see index.py).

        A summary is the record without its notes' text (with ``light``, only the
        fields every list shows); only cases changed since the index was written are
        decrypted.
        """
        from .index_query import rows

        return rows(self.index, self._read_many, fn, damaged, progress, light)

    def find(self, text: str, damaged: list[str] | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[tuple[dict, list[str]]]:
        """(light summary, fields matched) of every case matching ``text``, from the index."""
        from .index_query import find

        return find(self.index, self._read_many, text, damaged, progress)
