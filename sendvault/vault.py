"""The vault: configuration, officers, the key hierarchy and case storage.

Layout (see docs/vault-format.md)::

    vault.toml                  configuration, plain TOML, no personal data
    .gitignore                  keeps casekeys/ and local/ out of git history
    vaultkeys/<E>.age           vault key of epoch E, wrapped for the officers
    casekeys/<ID>.e<E>.age      a case's own key, wrapped for vault key E
    cases/<ID>.age              the case record (TOML), encrypted for its case key
    audit/<device>.log|.head    this device's audit chain (see audit.py)
    local/                      lock file and device id: never synchronised

Officers -> vault key -> case key: opening a case costs two X25519 operations
whatever the size of the team (the vault key is opened once per process).
Destroying a case deletes its key, so every earlier copy of its file is unreadable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import tomli_w

from . import crypto, ids, schema
from .errors import (
    CaseNotFound,
    IdentityFileError,
    NoKeyError,
    Refused,
    SendvaultError,
    UsageError,
    VaultCorrupt,
    VaultNotFound,
)
from .storage import Store, set_private_umask
from .timefmt import instant, utcnow

CONFIG = "vault.toml"
LOCK = "local/lock"
PINS = "local/pins"
SEALED = ("officers", "key_epoch", "epochs")  # what vault.toml's seal covers
DEVICE = "local/device"
CASE_FORMAT = "sendvault-case/1"
IDENTITY_FIELDS = ("format", "id", "created", "created_by")
VAULT_FORMAT = "sendvault-vault/1"
GITIGNORE = "# Key material and local state never enter version history:\n# history would defeat crypto-shredding.\n/casekeys/\n/local/\n"
DEFAULT_POLICY_VERSION = "1"


@dataclass(frozen=True)
class Officer:
    name: str
    recipient: str
    role: str
    added: str
    removed: str | None = None

    @property
    def active(self) -> bool:
        return self.removed is None


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


def case_path(cid: str) -> str:
    return f"cases/{cid}.age"


def case_key_path(cid: str, epoch: int) -> str:
    return f"casekeys/{cid}.e{epoch}.age"


def vault_key_path(epoch: int) -> str:
    return f"vaultkeys/{epoch}.age"


def _officer_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 80:
        raise UsageError("an officer's name is 1 to 80 characters")
    return name


class Vault:
    """An opened vault. ``unlock`` with an officer's keys before touching cases."""

    def __init__(self, root: Path, config: dict, now: Callable[[], dt.datetime] = utcnow):
        self.root = root
        self.store = Store(root)
        self.config = config
        self.now = now
        self.officer: Officer | None = None
        self._identities: list = []
        self._vault_keys: dict[int, crypto.KeyPair] = {}
        self._key_epochs: dict[str, list[int]] | None = None
        self._config_stamp: tuple | None = None
        self._audit_tail: tuple | None = None  # (last line, its seq, its hash): see audit._follow

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
        set_private_umask()
        root = Path(root)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise SendvaultError(f"{root} exists and is not an empty directory", hint="choose a new path for the vault")
        crypto.parse_recipient(recipient)
        today = now().date().isoformat()
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
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        vault = cls(root, config, now)
        vault._vault_keys[1] = first_key
        config["seal"] = vault._seal_of(config)
        schema.validate("config", config, CONFIG)
        for d in ("cases", "casekeys", "vaultkeys", "audit", "local"):
            vault.store.mkdir(d)
        vault.store.write(".gitignore", GITIGNORE.encode())
        with vault.store.lock(LOCK):
            vault._write_vault_key(1, first_key, [recipient])
            vault._write_config()
        return vault

    @contextlib.contextmanager
    def locked(self):
        """Hold the writers' lock with the configuration as it is now.

        Another process may have changed the team or rotated the key since this one
        opened the vault (a long intake, a cron job): writing with a stale key epoch
        would wrap a new case for a key a leaver may hold.
        """
        with self.store.lock(LOCK):
            if self.store._lock_depth == 1:
                self._refresh_config()
            yield

    def _refresh_config(self) -> None:
        st = os.stat(self.store.path(CONFIG))
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        if stamp == self._config_stamp:
            return
        self.config = self._read_config()
        self._config_stamp = stamp
        if self.officer is not None:
            current = {o.recipient: o for o in self.active_officers()}
            if self.officer.recipient not in current:
                raise NoKeyError("your key was removed from this vault", hint="ask a manager")
            self.officer = current[self.officer.recipient]
            self._check_trust()

    def _read_config(self) -> dict:
        try:
            config = tomllib.loads(self.store.read(CONFIG).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            raise VaultCorrupt(f"{CONFIG} is not valid TOML", hint="restore it from the vault's git history or a backup") from None
        schema.validate("config", config, CONFIG)
        return config

    def _write_config(self) -> None:
        self.config["seal"] = self._seal_of(self.config)
        schema.validate("config", self.config, CONFIG)
        self.store.write(CONFIG, tomli_w.dumps(self.config).encode())

    # --- trusting vault.toml -------------------------------------------------
    #
    # vault.toml travels in the clear (through git, say). Whoever can change it
    # without a vault key must not be able to add themselves to the team, nor slip
    # in a vault key of their own making: the team and the key epochs are sealed
    # with an HMAC keyed by the current vault key, each new epoch's key is endorsed
    # by the one before, and each device pins the keys it has seen (local/pins).

    def _seal_of(self, config: dict) -> str:
        body = {k: config[k] for k in SEALED}
        message = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        return crypto.mac(self.vault_key(config["key_epoch"]).secret, b"config seal", message)

    def _endorsement(self, epoch: int, recipient: str) -> str:
        return crypto.mac(self.vault_key(epoch - 1).secret, b"epoch endorsement", f"{epoch}:{recipient}".encode())

    def _check_trust(self) -> None:
        """Raise unless vault.toml's team and keys are the ones sendvault wrote."""
        import hmac

        def fail(what: str) -> VaultCorrupt:
            return VaultCorrupt(
                f"{CONFIG} or a vault key was changed outside sendvault ({what}); nothing was done",
                hint=f"restore {CONFIG} and vaultkeys/ from a trusted copy, then run 'sendvault verify'",
            )

        epochs = {e["epoch"]: e for e in self.config["epochs"]}
        if sorted(epochs) != list(range(1, self.epoch + 1)):
            raise fail("the key epochs do not run 1 to the current one")
        for e in range(1, self.epoch + 1):
            if self.vault_key(e).recipient != epochs[e]["recipient"]:
                raise fail(f"vault key {e} is not the one recorded")
            if e > 1 and not hmac.compare_digest(epochs[e].get("endorsed", ""), self._endorsement(e, epochs[e]["recipient"])):
                raise fail(f"vault key {e} was not made by a holder of vault key {e - 1}")
        if not hmac.compare_digest(self.config.get("seal", ""), self._seal_of(self.config)):
            raise fail("the team or the key epochs do not match their seal")
        self._check_pins({str(e): epochs[e]["recipient"] for e in epochs})

    def _check_pins(self, seen: dict[str, str]) -> None:
        try:
            pins = json.loads(self.store.read(PINS))
        except FileNotFoundError:
            pins = {}
        except ValueError:
            raise VaultCorrupt(f"{PINS} is damaged", hint=f"remove {PINS}; it is remade from the vault") from None
        for epoch, recipient in seen.items():
            if pins.get(epoch, recipient) != recipient:
                raise VaultCorrupt(
                    f"vault key {epoch} is not the one this device has seen before; nothing was done",
                    hint="someone replaced it; restore vaultkeys/ and vault.toml from a trusted copy",
                )
        if any(e not in pins for e in seen):
            with contextlib.suppress(OSError):
                self.store.write(PINS, json.dumps({**pins, **seen}, sort_keys=True).encode())

    # --- officers ------------------------------------------------------------

    @property
    def officers(self) -> list[Officer]:
        return [
            Officer(o["name"], o["recipient"], o["role"], o["added"], o.get("removed"))
            for o in self.config["officers"]
        ]

    def active_officers(self) -> list[Officer]:
        return [o for o in self.officers if o.active]

    @property
    def epoch(self) -> int:
        return self.config["key_epoch"]

    def epoch_at(self, at: str) -> int:
        """The oldest key epoch that may have sealed something written at instant ``at``.

        ISO UTC text compares in time order. Instants are to the second, so within the
        second of a rotation either key is accepted.
        """
        current = 1
        for e in self.config["epochs"]:
            if e["from"] < at:
                current = e["epoch"]
        return current

    def unlock(self, pairs: list[crypto.KeyPair]) -> Officer:
        """Find the caller among the active officers and open the current vault key."""
        by_recipient = {o.recipient: o for o in self.active_officers()}
        for pair in pairs:
            if pair.recipient in by_recipient:
                self.officer = by_recipient[pair.recipient]
                break
        else:
            raise NoKeyError(
                "no key of yours opens this vault",
                hint="ask a manager to add your public key with 'sendvault officer add'",
            )
        self._identities = [p.identity for p in pairs]
        self._check_trust()
        return self.officer

    def require_manager(self) -> None:
        if self.officer is None or self.officer.role != "manager":
            raise Refused("only a manager can do that", hint="ask a manager of this vault")

    def add_officer(self, name: str, recipient: str, role: str) -> Officer:
        self.require_manager()
        name = _officer_name(name)
        crypto.parse_recipient(recipient)
        if role not in ("officer", "manager"):
            raise UsageError("role must be officer or manager")
        with self.locked():
            self._audit_ready()
            for o in self.officers:
                if o.active and o.name.casefold() == name.casefold():
                    raise SendvaultError(f"there is already an officer named {name}",
                                         hint="give the new officer a name that tells them apart")
                if o.recipient == recipient:
                    # A leaver's key stays retired, even for someone who comes back.
                    raise SendvaultError(f"that key belongs to officer {o.name}" + ("" if o.active else ", who left"),
                                         hint="every officer makes their own new key with 'sendvault keygen'")
            today = self.now().date().isoformat()
            new = {"name": name, "recipient": recipient, "role": role, "added": today, "added_by": self.officer.name}
            # Checked whole before any key is wrapped for the newcomer.
            self._change_team(lambda c: c["officers"].append(new),
                              lambda: self._rewrap_vault_keys([o.recipient for o in self.active_officers()]))
            self.audit("officer add", detail=f"{name} ({role})")
        return self._find_officer(name)

    def _change_team(self, change: Callable[[dict], None], rekey: Callable[[], None]) -> None:
        """Apply ``change`` to the configuration, check it, re-key, then write it.

        Nothing is wrapped for anyone unless the new configuration is valid; if the
        re-keying fails the configuration in memory is the one on disk again.
        """
        import copy

        before = self.config
        candidate = copy.deepcopy(before)
        change(candidate)
        candidate["seal"] = self._seal_of(candidate)
        schema.validate("config", candidate, CONFIG)
        self.config = candidate
        try:
            rekey()
            self._write_config()
        except BaseException:
            self.config = before
            raise

    def remove_officer(self, name: str) -> int:
        """Remove an officer and rotate: returns the new key epoch.

        A new vault key wraps every case key written from now on, old vault keys are
        re-wrapped without the leaver, and a case written under an older epoch gets a
        new case key on its next write (see ``_write_case``).
        """
        self.require_manager()
        with self.locked():
            self._audit_ready()
            target = self._find_officer(name)
            remaining = [o for o in self.active_officers() if o.recipient != target.recipient]
            if target.role == "manager" and not any(o.role == "manager" for o in remaining):
                raise Refused("the last manager cannot be removed", hint="make another officer a manager first")
            recipients = [o.recipient for o in remaining]
            old_epoch, new_epoch = self.epoch, self.epoch + 1
            today, stamp = self.now().date().isoformat(), instant(self.now())
            new_key = crypto.generate()
            self._vault_keys[new_epoch] = new_key  # held in memory until written below
            endorsed = self._endorsement(new_epoch, new_key.recipient)

            def change(config: dict) -> None:
                for o in config["officers"]:
                    if o["recipient"] == target.recipient and "removed" not in o:
                        o["removed"] = today
                        o["removed_by"] = self.officer.name
                config["key_epoch"] = new_epoch
                config["epochs"].append({"epoch": new_epoch, "from": stamp, "recipient": new_key.recipient, "endorsed": endorsed})

            def rekey() -> None:
                # Old epochs first, re-wrapped without the leaver; then the new key.
                for epoch in range(1, old_epoch + 1):
                    self._write_vault_key(epoch, self.vault_key(epoch), recipients)
                self._write_vault_key(new_epoch, new_key, recipients)

            self._change_team(change, rekey)
            self.audit("officer remove", detail=f"{target.name}; key epoch {new_epoch}")
        return new_epoch

    def update_config(self, change: Callable[[dict], None], command: str, detail: str | None = None) -> None:
        """Change ``vault.toml`` under the lock (re-read first: another officer may have changed it)."""
        self._need_unlock()
        with self.locked():
            self._audit_ready()
            import copy

            candidate = copy.deepcopy(self.config)
            change(candidate)
            candidate["seal"] = self._seal_of(candidate)
            schema.validate("config", candidate, CONFIG)
            self.config = candidate
            self._write_config()
            self.audit(command, detail=detail)

    def _audit_ready(self) -> None:
        """Check, before changing anything, that this change's audit entry can be written.

        A change that is made but cannot be recorded would break R23; a damaged log
        tail stops the command first, with nothing written.
        """
        from .audit import check_tail

        check_tail(self)

    def _find_officer(self, name: str) -> Officer:
        for o in self.active_officers():
            if o.name.casefold() == name.casefold():
                return o
        raise SendvaultError(f"no current officer named {name}", hint="'sendvault officer list' shows the team")

    # --- the key hierarchy ---------------------------------------------------

    def vault_key(self, epoch: int) -> crypto.KeyPair:
        if epoch not in self._vault_keys:
            rel = vault_key_path(epoch)
            try:
                data = self.store.read(rel)
            except FileNotFoundError:
                raise VaultCorrupt(f"the vault key file {rel} is missing", hint="restore it from a backup") from None
            try:
                plain = crypto.decrypt(data, self._identities, rel)
            except crypto.NoMatch:
                raise NoKeyError(
                    "no key of yours opens this vault",
                    hint="your key is listed but cannot open the vault key; ask a manager to re-add you",
                ) from None
            try:
                (pair,) = crypto.parse_identities(plain.decode())
            except ValueError:
                raise VaultCorrupt(f"{rel} does not hold a vault key") from None
            self._vault_keys[epoch] = pair
        return self._vault_keys[epoch]

    def _write_vault_key(self, epoch: int, pair: crypto.KeyPair, recipients: list[str]) -> None:
        text = crypto.identity_file_text(pair, ["sendvault vault key", f"epoch: {epoch}"])
        self.store.write(vault_key_path(epoch), crypto.encrypt(text.encode(), recipients))
        self._vault_keys[epoch] = pair

    def _rewrap_vault_keys(self, recipients: list[str]) -> None:
        for epoch in range(1, self.epoch + 1):
            self._write_vault_key(epoch, self.vault_key(epoch), recipients)

    def _case_key_epochs(self, cid: str) -> list[int]:
        """Epochs of the key files this case has, newest first (two only after an interrupted write)."""
        if self._key_epochs is not None:
            return self._key_epochs.get(cid, [])
        return [e for e in range(self.epoch, 0, -1) if self.store.exists(case_key_path(cid, e))]

    def index_keys(self) -> dict[str, list[int]]:
        """List casekeys/ once, for reading many cases (avoids a stat per epoch per case)."""
        index: dict[str, list[int]] = {}
        for name in self.store.listdir("casekeys"):
            cid, _, rest = name.partition(".e")
            if ids.is_id(cid) and rest.endswith(".age") and rest[:-4].isdigit():
                index.setdefault(cid, []).append(int(rest[:-4]))
        for epochs in index.values():
            epochs.sort(reverse=True)
        self._key_epochs = index
        return index

    def _open_case_key(self, cid: str, epoch: int) -> crypto.KeyPair:
        rel = case_key_path(cid, epoch)
        plain = crypto.decrypt(self.store.read(rel), [self.vault_key(epoch).identity], rel)
        try:
            text = plain.decode()
            (pair,) = crypto.parse_identities(text)
        except ValueError:  # a bad identity, or several, or not text
            raise VaultCorrupt(f"{rel} does not hold a case key", hint="run 'sendvault verify'") from None
        if crypto.comment_fields(text).get("case") != cid:
            raise VaultCorrupt(f"{rel} holds the key of another case", hint="the vault has been tampered with; run 'sendvault verify'")
        return pair

    def _write_case_key(self, cid: str, pair: crypto.KeyPair) -> None:
        text = crypto.identity_file_text(pair, ["sendvault case key", f"case: {cid}", f"epoch: {self.epoch}"])
        self.store.write(case_key_path(cid, self.epoch), crypto.encrypt(text.encode(), [self.vault_key(self.epoch).recipient]))
        if self._key_epochs is not None:
            self._key_epochs[cid] = [self.epoch] + [e for e in self._key_epochs.get(cid, []) if e != self.epoch]

    # --- cases ---------------------------------------------------------------

    def case_ids(self) -> list[str]:
        out = []
        for name in self.store.listdir("cases"):
            if name.endswith(".age") and ids.is_id(name[:-4]):
                out.append(name[:-4])
        return out

    def exists(self, cid: str) -> bool:
        return self.store.exists(case_path(cid))

    def read_case(self, cid: str) -> dict:
        """The case record, decrypted, parsed, checked for its id and validated."""
        record, _, _ = self._read_case(cid)
        return record

    def _read_case(self, cid: str) -> tuple[dict, int, crypto.KeyPair]:
        """The record, the epoch of the key that opened it, and that key.

        Readers take no lock, so a writer may re-key or destroy the case between our
        listing of its keys and our reading them: if so, look again, once.
        """
        self._need_unlock()
        try:
            return self._read_case_once(cid)
        except (FileNotFoundError, VaultCorrupt):
            if self.store._lock_depth:  # we hold the lock: nothing moved, the damage is real
                raise
        self._refresh_config()
        if self._key_epochs is not None:
            found = (k.rsplit(".e", 1)[1][:-4] for k in self._all_case_keys(cid))
            self._key_epochs[cid] = sorted((int(e) for e in found if e.isdigit()), reverse=True)
        try:
            return self._read_case_once(cid)
        except FileNotFoundError:
            raise CaseNotFound(f"no case {cid} in this vault (destroyed just now?)") from None

    def _read_case_once(self, cid: str) -> tuple[dict, int, crypto.KeyPair]:
        rel = case_path(cid)
        try:
            data = self.store.read(rel)
        except FileNotFoundError:
            raise CaseNotFound(f"no case {cid} in this vault", hint="'sendvault list' shows the cases") from None
        epochs = self._case_key_epochs(cid)
        if not epochs:
            raise VaultCorrupt(f"case {cid} has no key (it was destroyed, or its key file is missing)", hint="run 'sendvault verify'")
        for i, epoch in enumerate(epochs):
            key = self._open_case_key(cid, epoch)
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

    def map_cases(self, fn: Callable[[dict], object], case_ids: list[str] | None = None,
                  workers: int | None = None, damaged: list[str] | None = None) -> list:
        """``[fn(record) for every case]``, in id order, on every core for a large vault.

        With ``damaged`` (a list), a case that cannot be read is added to it and
        skipped, so one damaged file does not hide every other case from a search.

        pyrage holds the GIL, so threads would not help; forked processes inherit the
        unlocked vault (no passphrase asked again) and send back only ``fn``'s results.
        Nothing personal leaves memory: results travel through a pipe.
        """
        from . import parallel

        ids = sorted(case_ids if case_ids is not None else self.case_ids())
        self.index_keys()
        def one(cid: str) -> tuple[str, object]:
            try:
                return "ok", fn(self.read_case(cid))
            except CaseNotFound:  # destroyed since we listed the cases: not an error
                return "gone", None
            except VaultCorrupt:
                if damaged is None:
                    raise
                return "damaged", cid

        out = parallel.map_chunks(lambda share: [one(cid) for cid in share], ids, workers or parallel.workers_for(len(ids)))
        if damaged is not None:
            damaged.extend(value for state, value in out if state == "damaged")
        return [value for state, value in out if state == "ok"]

    def create_case(self, fields: dict, new_id: Callable[[], str] = ids.new_id) -> str:
        """Store a new case from intake ``fields``; returns its new id.

        ``new_id`` is for reproducible synthetic vaults (bench/generate.py) only.
        """
        self._need_unlock()
        with self.locked():
            self._audit_ready()
            cid = new_id()
            while self.exists(cid) or self._case_key_epochs(cid):
                cid = new_id()
            stamp = instant(self.now())
            record = {
                "format": CASE_FORMAT, "id": cid, "created": stamp, "created_by": self.officer.name,
                "updated": stamp, "updated_by": self.officer.name, "status": "open",
                "assigned_to": self.officer.name,  # whoever takes the intake holds the case
            }
            # What the record is and who made it are never the caller's to say.
            record.update((k, v) for k, v in fields.items() if k not in IDENTITY_FIELDS)
            self._write_case(cid, record, None)
            self.audit("intake", cid)
        return cid

    def update_case(self, cid: str, change: Callable[[dict], dict | None], command: str) -> dict:
        """Read, apply ``change`` (which edits in place or returns a new record), validate, write.

        Under the writers' lock, so two officers' changes never overwrite each other.
        """
        self._need_unlock()
        with self.locked():
            self._audit_ready()
            record, epoch, key = self._read_case(cid)
            new = change(record)
            record = record if new is None else new
            if record.get("id") != cid:
                raise SendvaultError("a case's id cannot be changed")
            record["updated"] = instant(self.now())
            record["updated_by"] = self.officer.name
            self._write_case(cid, record, key if epoch == self.epoch else None)
            self.audit(command, cid)
        return record

    def _write_case(self, cid: str, record: dict, key: crypto.KeyPair | None) -> None:
        """Write under ``key`` (the case's key of the current epoch), or under a fresh key if None."""
        schema.validate("case", record, f"case {cid}")
        data = tomli_w.dumps(record).encode()
        if key is not None:
            self.store.write(case_path(cid), crypto.encrypt(data, [key.recipient]))
            return
        # A new case, or one whose key predates an officer's removal: a fresh case key,
        # written before the case file that needs it; the old key goes last.
        key = crypto.generate()
        self._write_case_key(cid, key)
        self.store.write(case_path(cid), crypto.encrypt(data, [key.recipient]))
        for epoch in self._case_key_epochs(cid):
            if epoch != self.epoch:
                self.store.shred(case_key_path(cid, epoch))
        if self._key_epochs is not None:
            self._key_epochs[cid] = [self.epoch]

    def destroy_case(self, cid: str, command: str = "destroy") -> None:
        """Crypto-shred: delete the case's key(s) first, then its file.

        With the key gone, every copy of the case file made before (a backup, a git
        history, a copied laptop folder) is unreadable, to every officer.
        """
        self._need_unlock()
        with self.locked():
            keys = self._all_case_keys(cid)
            if not self.exists(cid) and not keys:
                raise CaseNotFound(f"no case {cid} in this vault")
            # Recorded first: a crash after this leaves a key that verify reports as
            # "destroyed, but its key still exists", never a destruction unrecorded (R30).
            self.audit(command, cid)
            for rel in keys:
                self.store.shred(rel)
            self.store.remove(case_path(cid))
            if self._key_epochs is not None:
                self._key_epochs.pop(cid, None)

    def _all_case_keys(self, cid: str) -> list[str]:
        """Every key file of a case, whatever its epoch (one synced ahead of vault.toml too)."""
        prefix = f"{cid}.e"
        return [f"casekeys/{n}" for n in self.store.listdir("casekeys") if n.startswith(prefix) and n.endswith(".age")]

    # --- audit ---------------------------------------------------------------

    def device_id(self) -> str:
        try:
            device = self.store.read(DEVICE).decode().strip()
            if len(device) == 16:
                return device
        except FileNotFoundError:
            pass
        device = os.urandom(8).hex()
        self.store.write(DEVICE, device.encode() + b"\n")
        return device

    def audit(self, command: str, case: str | None = None, detail: str | None = None) -> None:
        from .audit import append

        self._need_unlock()
        with self.locked():  # re-entrant: most callers already hold it
            append(self, command, case, detail)

    def _need_unlock(self) -> None:
        if self.officer is None:
            raise IdentityFileError("no identity given")
