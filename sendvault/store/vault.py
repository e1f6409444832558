"""The vault: the one object commands use, in the words of the service's work.

Layout (see docs/vault-format.md and docs/architecture.md)::

    vault.toml                  configuration, plain TOML, no personal data (config.py)
    .gitignore                  keeps casekeys/ and local/ out of git history
    vaultkeys/<E>.age           vault key of epoch E, wrapped for the officers (keys.py)
    casekeys/<ID>.e<E>.age      a case's own key, wrapped for vault key E (keys.py)
    cases/<ID>.age              the case record (TOML), encrypted for its case key (cases.py)
    audit/<device>.log|.head    this device's audit chain (audit.py)
    local/                      lock file, device id, pins: never synchronised

``Vault`` puts together the configuration and its trust (``config.Config``), the
team (``team.Team``), the key hierarchy (``keys.Keyring``) and the case store
(``cases.CaseStore``), and adds what every change needs: the writers' lock, the
acting officer, the clock and the audit trail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Callable

from . import crypto
from ..basics import ids, schema
from .cases import CASE_FORMAT, CaseStore
from .config import CONFIG, VAULT_FORMAT, Config, downgrade
from ..basics.errors import CaseNotFound, IdentityFileError, NoKeyError, Refused, SendvaultError, VaultNotFound, WriteFailed
from .keys import Keyring
from .storage import Store, set_private_umask, unmake_vault
from .team import Officer, Team
from ..basics.timefmt import instant, local_date, utcnow

LOCK = "local/lock"
IDENTITY_FIELDS = ("format", "id", "created", "created_by")
GITIGNORE = "# Key material and local state never enter version history:\n# history would defeat crypto-shredding.\n/casekeys/\n/local/\n"
DEFAULT_POLICY_VERSION = "1"


class Vault:
    """An opened vault. ``unlock`` with an officer's keys before touching cases."""

    def __init__(self, root: Path, config: dict, now: Callable[[], dt.datetime] = utcnow):
        self.root = root
        self.store = Store(root)
        self.now = now
        self.officer: Officer | None = None
        self.keys = Keyring(self.store, lambda: self.epoch)
        self.settings = Config(self.store, self.keys, config)
        self.team = Team(self.settings, self.keys)
        self.cases = CaseStore(self.store, self.keys, lambda: self.epoch, self._refresh_config)
        # This device's last audit line (seq, hash): checked before a change, chained after it (audit.py).
        self.audit_tail: tuple | None = None
        # Called with the command's name when a read cannot be audited (a read-only vault).
        self.unrecorded: Callable[[str], None] | None = None

    # --- opening -------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | str, now: Callable[[], dt.datetime] = utcnow) -> "Vault":
        set_private_umask()
        root = Path(root)
        if not root.exists():
            raise VaultNotFound(
                f"no vault at {root}",
                hint="pass --vault PATH or set SENDVAULT_VAULT; 'sendvault init' creates one",
            )
        if not (root / CONFIG).is_file():
            raise VaultNotFound(
                f"{root} is not a sendvault vault (it has no {CONFIG})",
                hint="pass --vault PATH or set SENDVAULT_VAULT; 'sendvault init' creates one",
            )
        vault = cls(root, {}, now)
        vault._refresh_config()
        return vault

    @classmethod
    def create(
        cls,
        root: Path | str,
        service: str,
        officer: str,
        recipient: str,
        policy_version: str = DEFAULT_POLICY_VERSION,
        localities: list[str] | None = None,
        now: Callable[[], dt.datetime] = utcnow,
    ) -> "Vault":
        """A new vault at ``root`` (absent or empty) with ``officer`` as its manager; ``init`` audited."""
        return new_vault(cls, root, service, officer, recipient, policy_version, localities, now)

    @contextlib.contextmanager
    def locked(self):
        """Hold the writers' lock with the configuration as it is now.

        Another process may have changed the team or rotated the key since this one
        opened the vault (a long intake, a cron job): writing with a stale key epoch
        would wrap a new case for a key a leaver may hold.
        """
        with self.store.lock(LOCK), self.store.transaction():
            if self.store.lock_depth == 1:
                self._refresh_config()
                if self.officer is not None:
                    from .batch import recover

                    recover(self)  # a batch of new cases cut short is undone before anything else is written
            yield

    def _refresh_config(self) -> None:
        if not self.settings.refresh() or self.officer is None:
            return
        current = {o.recipient: o for o in self.active_officers()}
        if self.officer.recipient not in current:
            raise NoKeyError("your key was removed from this vault", hint="ask a manager")
        self.officer = current[self.officer.recipient]
        self.settings.check_trust()

    # --- who is acting -------------------------------------------------------

    @property
    def config(self) -> dict:
        return self.settings.data

    @property
    def epoch(self) -> int:
        return self.settings.epoch

    @property
    def officers(self) -> list[Officer]:
        return self.team.officers

    def active_officers(self) -> list[Officer]:
        return self.team.active()

    def epoch_at(self, at: str) -> int:
        return self.team.epoch_at(at)

    def vault_key(self, epoch: int) -> crypto.KeyPair:
        return self.keys.vault_key(epoch)

    def unlock(self, pairs: list[crypto.KeyPair]) -> Officer:
        """Find the caller among the active officers and open the current vault key."""
        self.officer = self.team.identify(pairs)
        self.keys.identities = [p.identity for p in pairs]
        trust_config(self)
        return self.officer

    def unlock_with(self, recipients: list[str], unwrap: Callable[[bytes, str], bytes]) -> Officer:
        """Unlock through an agent: its public ``recipients`` say who acts, ``unwrap`` opens vault keys."""
        self.officer = self.team.identify_recipients(recipients)
        self.keys.unwrap = unwrap
        trust_config(self)
        return self.officer

    def today(self):
        """Today's date where the officer is (see ``timefmt.local_date``)."""
        return local_date(self.now())

    def require_manager(self) -> None:
        if self.officer is None or self.officer.role != "manager":
            raise Refused("only a manager can do that", hint="ask a manager of this vault")

    # --- the team and the configuration --------------------------------------

    def add_officer(self, name: str, recipient: str, role: str) -> Officer:
        self.require_manager()
        name = Team.check_newcomer(name, recipient, role)
        with self.locked():
            self._audit_ready()
            officer = self.team.add(name, recipient, role, by=self.officer.name, today=local_date(self.now()).isoformat())
            self.audit("officer add", detail=f"{name} ({role})")
        return officer

    def remove_officer(self, name: str) -> int:
        """Remove an officer and rotate: returns the new key epoch (see ``Team.remove``)."""
        self.require_manager()
        with self.locked():
            self._audit_ready()
            leaver, new_epoch = self.team.remove(name, self.officer.name, local_date(self.now()).isoformat(), instant(self.now()))
            self.audit("officer remove", detail=f"{leaver.name}; key epoch {new_epoch}")
        return new_epoch

    def update_config(self, change: Callable[[dict], None], command: str, detail: str | None = None) -> None:
        """Change ``vault.toml`` under the lock (re-read first: another officer may have changed it)."""
        self._need_unlock()
        with self.locked():
            self._audit_ready()
            self.settings.change(change)
            self.audit(command, detail=detail)

    # --- cases ---------------------------------------------------------------

    def case_ids(self) -> list[str]:
        return self.cases.ids()

    def exists(self, cid: str) -> bool:
        return self.cases.exists(cid)

    def index_keys(self) -> dict[str, list[int]]:
        return self.keys.index_case_keys()

    def read_case(self, cid: str) -> dict:
        """The case record, decrypted, parsed, checked for its id and validated."""
        self._need_unlock()
        try:
            return self.cases.read(cid)[0]
        except CaseNotFound:
            self._destroyed(cid)
            raise

    def _destroyed(self, cid: str) -> None:
        """Raise ``CaseNotFound`` saying when and why ``cid`` was destroyed, if it was (the record says nothing else)."""
        from . import destruction

        record = destruction.read_record(self, cid)
        if record is None:
            return
        why = (f"under the retention rule '{record['rule']}'" if record["reason"] == "retention"
               else "at the service user's request")
        if record.get("request"):  # erasures recorded before R26's who and how have none
            req = record["request"]
            why += f" ({req['asked_by']}, by {req['how']}, received {req['received']})"
        raise CaseNotFound(f"case {cid} was destroyed on {record['date']} {why}; nothing of it can be read again",
                           hint=f"'sendvault audit show --case {cid}' lists what was done with it before")

    def map_cases(self, fn: Callable[[dict], object], case_ids: list[str] | None = None,
                  workers: int | None = None, damaged: list[str] | None = None) -> list:
        """``[fn(record) for every case]`` on every core (see ``CaseStore.map``)."""
        self._need_unlock()
        return self.cases.map(fn, case_ids, workers, damaged)

    def rows(self, fn: Callable[[dict], object], damaged: list[str] | None = None, progress=None, light: bool = False) -> list:
        """``[fn(summary)]`` for every case through the encrypted index (see ``index.py``; ``light``: the listed fields only)."""
        self._need_unlock()
        return self.cases.rows(fn, damaged, progress, light)

    def find(self, text: str, damaged: list[str] | None = None, progress=None) -> list[tuple[dict, list[str]]]:
        """(the listed fields, the fields matched) of every case matching ``text``, through the index."""
        self._need_unlock()
        return self.cases.find(text, damaged, progress)

    def create_case(self, fields: dict, new_id: Callable[[], str] = ids.new_id) -> str:
        """Store a new case from intake ``fields``; returns its new id.

        ``new_id`` is for reproducible synthetic vaults (bench/generate.py) only.
        """
        self._need_unlock()
        with self.locked():
            self._audit_ready()
            cid = new_id()
            while self.cases.taken(cid):
                cid = new_id()
            stamp = instant(self.now())
            record = {
                "format": CASE_FORMAT, "id": cid, "created": stamp, "created_by": self.officer.name,
                "updated": stamp, "updated_by": self.officer.name, "status": "open",
                "assigned_to": self.officer.name,  # whoever takes the intake holds the case
            }
            # What the record is and who made it are never the caller's to say.
            record.update((k, v) for k, v in fields.items() if k not in IDENTITY_FIELDS)
            self.cases.write(cid, record, None)
            self.audit("intake", cid)
        return cid

    def import_cases(self, items: list[tuple[dict, str, str | None, str]], detail: str | None = None) -> list[str]:
        """Store cases brought in from another system: see ``import_cases`` below."""
        return import_cases(self, items, detail)

    def update_case(self, cid: str, change: Callable[[dict], dict | None], command: str, fresh_key: bool = False,
                    detail: Callable[[], str | None] | None = None) -> dict:
        """Read, apply ``change`` (which edits in place or returns a new record), validate, write.

        Under the writers' lock, so two officers' changes never overwrite each other.
        With ``fresh_key`` the case gets a new key: no earlier copy of its file opens again.
        ``detail``, called after the change, gives the audit entry's non-identifying detail.
        """
        self._need_unlock()
        with self.locked():
            self._audit_ready()
            record, epoch, key = self.cases.read(cid)
            new = change(record)
            record = record if new is None else new
            if record.get("id") != cid:
                raise SendvaultError("a case's id cannot be changed")
            record["updated"] = instant(self.now())
            record["updated_by"] = self.officer.name
            rewrite_key = self.cases.key_for_rewrite(epoch, key)
            # A re-key cut short (by a crash) is finished by the next change to the case.
            fresh_key = fresh_key or self.cases.rekey_interrupted(cid)
            if fresh_key and rewrite_key is not None:
                self.cases.rekey(cid, record, rewrite_key)
            else:  # a key of an older epoch is replaced by a fresh one anyway
                self.cases.write(cid, record, rewrite_key)
            self.audit(command, cid, detail() if detail else None)
        return record

    def destroy_case(self, cid: str, reason: str = "erasure", rule: str | None = None,
                     check: Callable[[dict], None] = lambda record: None, request: dict | None = None,
                     heard_about: frozenset = frozenset(), papers=None) -> None:
        """Crypto-shred a case (managers only), crash-safe and recorded: see ``destruction.destroy``."""
        from . import destruction

        self._need_unlock()
        destruction.destroy(self, cid, reason, rule, check, request=request, heard_about=heard_about, papers=papers)

    # --- audit ---------------------------------------------------------------

    def device_id(self) -> str:
        """This machine's device id, made on its first change (see ``audit.device_id``)."""
        from .audit import device_id

        return device_id(self.store)

    def audit(self, command: str, case: str | None = None, detail: str | None = None) -> None:
        from .audit import append

        self._need_unlock()
        if self.store.read_only:  # a read cannot be recorded in a read-only copy (a change was refused already)
            return self.unrecorded(command) if self.unrecorded else None
        with self.locked():  # re-entrant: most callers already hold it
            append(self, command, case, detail)

    def audit_ready(self) -> None:
        """``_audit_ready`` for modules that change the vault themselves (destruction.py), under the lock."""
        self._audit_ready()

    def _audit_ready(self) -> None:
        """Check, before changing anything, that this change's audit entry can be written.

        A change that is made but cannot be recorded would break accountability; a
        damaged log tail stops the command first, with nothing written.
        """
        from .audit import check_tail

        if not self.store.read_only:
            check_tail(self)

    def _need_unlock(self) -> None:
        if self.officer is None:
            raise IdentityFileError("no identity given")


def import_cases(vault: Vault, items: list[tuple[dict, str, str | None, str]], detail: str | None = None) -> list[str]:
    """Store cases brought in from another system (``records/importing.py``) as one batch; returns their new ids.

    Each item is (fields, created, created_by or None for the acting officer, the old
    system's reference). Unlike ``create_case``, the case keeps the old system's
    ``created`` (retention counts from the case's own dates, not the day of the
    import), records the import in ``imported`` and its reference in ``legacy_ref``.
    Written as a batch (``batch.py``): synced together, an audit entry per case in one
    append, undone whole by the next writer if cut short before its entries. With
    ``detail``, an entry for the whole run (no case) closes the batch's entries.
    """
    from .batch import write_cases

    vault._need_unlock()
    with vault.locked():
        vault._audit_ready()
        records = []
        for fields, created, created_by, ref in items:
            cid = ids.new_id()
            while vault.cases.taken(cid) or cid in (r[0] for r in records):
                cid = ids.new_id()
            stamp = instant(vault.now())
            record = {"format": CASE_FORMAT, "id": cid, "created": created, "created_by": created_by or vault.officer.name,
                      "updated": stamp, "updated_by": vault.officer.name, "status": "open", "assigned_to": vault.officer.name}
            record.update((k, v) for k, v in fields.items() if k not in IDENTITY_FIELDS)
            record["legacy_ref"] = ref
            record["imported"] = {"at": stamp, "by": vault.officer.name}
            records.append((cid, record))
        write_cases(vault, records, "import", (("import", None, detail),) if detail else ())
    return [cid for cid, _ in records]


def new_vault(cls, root: Path | str, service: str, officer: str, recipient: str, policy_version: str,
              localities: list[str] | None, now: Callable[[], dt.datetime]) -> Vault:
    """``Vault.create``: written whole, or, if any write fails, nothing left behind."""
    set_private_umask()
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise SendvaultError(f"{root} exists and is not an empty directory", hint="choose a new path for the vault")
    recipient = crypto.canonical_recipient(recipient)
    today = local_date(now()).isoformat()
    first_key = crypto.generate()
    config = {
        "format": VAULT_FORMAT,
        "service": service,
        "created": today,
        "key_epoch": 1,
        "epochs": [{"epoch": 1, "from": instant(now()), "recipient": first_key.recipient}],
        "officers": [{"name": officer, "recipient": recipient, "role": "manager", "added": today}],
        "policy": {"version": policy_version, "history": [{"version": policy_version, "date": today}]},
        "localities": localities or [],
    }
    vault = cls(root, config, now)
    vault.keys.hold_vault_key(1, first_key)
    config["seal"] = vault.settings.seal_of(config)
    schema.validate("config", config, CONFIG)  # before the directory exists: a refusal leaves nothing behind
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        for d in ("cases", "casekeys", "vaultkeys", "audit", "local"):
            vault.store.mkdir(d)
        vault.store.write(".gitignore", GITIGNORE.encode())
        with vault.store.lock(LOCK):
            vault.keys.write_vault_key(1, first_key, [recipient])
            vault.settings.write()
        vault.officer = vault.officers[0]  # the vault key is in memory: record who created it
        vault.audit("init")
    except BaseException as exc:  # a full disk, Ctrl-C: nothing half made is left to be taken for a vault
        unmake_vault(root, created)
        if isinstance(exc, (OSError, WriteFailed)):
            why = exc.strerror if isinstance(exc, OSError) else exc.message.partition("(")[2].partition(")")[0]
            raise WriteFailed(f"the vault could not be made ({why or type(exc).__name__}); nothing was left behind",
                              hint="check the space and permissions where it goes, then run init again") from None
        raise
    return vault


def trust_config(vault: Vault) -> None:
    """Check vault.toml's seal, keys and pins on unlocking; replace an old-form seal by a whole-file one.

    The first command a key holder runs re-seals; on a read-only vault (a mounted
    backup, say) the command goes on and a later one that can write does it.
    """
    vault.settings.check_trust()
    if not vault.settings.seal_outdated:
        return
    if resealed_before(vault):
        raise downgrade("the vault's own audit trail says was replaced")
    if vault.store.read_only:
        return
    with contextlib.suppress(OSError, WriteFailed):  # a failed write is put back; a later command re-seals
        with vault.locked():  # re-reads and re-checks vault.toml if another process changed it
            if vault.settings.seal_outdated:
                vault.audit_ready()
                vault.settings.write()
                vault.audit(RESEAL)


RESEAL = "config reseal"


def resealed_before(vault: Vault) -> bool:
    """Whether any device's audit trail records the migration to a whole-file seal.

    A device that never saw the new form (a fresh clone) still learns from the
    synchronised, sealed audit trail that an old-form seal is a step back. Read only
    on that rare path: once per device, before its migration.
    """
    from .audit import devices, read_chain

    return any(e.get("command") == RESEAL for d in devices(vault) for e in read_chain(vault, d).entries)
