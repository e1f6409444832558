"""vault.toml and why it can be trusted: the seal, the epoch endorsements, the pins.

vault.toml travels in the clear (through git, say). Whoever can change it without
a vault key must not be able to add themselves to the team, slip in a vault key of
their own making, or loosen a setting (the private age, the retention rules): the
whole file is sealed with an HMAC keyed by the current vault key, each new epoch's
key is endorsed by the one before, and each device pins the keys it has seen
(``local/pins``).

Vaults made before the whole file was sealed carry a seal of the team and the keys
only. Such a seal is accepted once, as a migration, and replaced at the first
chance a key holder has (``Vault`` does it on unlock); a device that has seen a
whole-file seal (``local/seal``) refuses the old form from then on, or anyone could
put back an old seal and change the settings again.
"""

from __future__ import annotations

import contextlib
import copy
import hmac
import json
import os
import tomllib
from typing import Callable

import tomli_w

from . import crypto, highwater
from ..basics import schema
from ..basics.errors import SendvaultError, VaultCorrupt
from .keys import Keyring
from .storage import Store

CONFIG = "vault.toml"
PINS = "local/pins"
SEEN_WHOLE_SEAL = "local/seal"  # present once this device has seen a whole-file seal
OLD_SEALED = ("officers", "key_epoch", "epochs")  # what the old form of the seal covered
VAULT_FORMAT = "sendvault-vault/1"


class Config:
    """The vault's configuration as on disk, re-read only when the file changed."""

    def __init__(self, store: Store, keyring: Keyring, data: dict | None = None):
        self.store = store
        self.keyring = keyring
        self.data: dict = data or {}
        self._stamp: tuple | None = None
        # True while vault.toml carries an old-form seal that check_trust accepted as a migration.
        self.seal_outdated = False

    @property
    def epoch(self) -> int:
        return self.data["key_epoch"]

    def refresh(self) -> bool:
        """Re-read vault.toml if another process changed it; True if it did."""
        st = os.stat(self.store.path(CONFIG))
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        if stamp == self._stamp:
            return False
        self.data = self._read()
        self._stamp = stamp
        return True

    def _read(self) -> dict:
        try:
            data = tomllib.loads(self.store.read(CONFIG).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
            raise VaultCorrupt(f"{CONFIG} is not valid TOML", hint="restore it from the vault's git history or a backup") from None
        schema.validate("config", data, CONFIG)
        return data

    def write(self) -> None:
        self.data["seal"] = self.seal_of(self.data)
        schema.validate("config", self.data, CONFIG)
        self.store.write(CONFIG, tomli_w.dumps(self.data).encode())
        highwater.see_config(self.store, self.data)
        self.seal_outdated = False
        self._note_whole_seal()

    def change(self, change: Callable[[dict], None], before_write: Callable[[], None] = lambda: None) -> None:
        """Apply ``change`` to a copy, seal and check it whole, run ``before_write``, then write.

        Nothing is done (no key wrapped for a newcomer, say) unless the new
        configuration is valid; if ``before_write`` fails, the configuration in
        memory is the one on disk again.
        """
        before = self.data
        candidate = copy.deepcopy(before)
        change(candidate)
        candidate["seal"] = self.seal_of(candidate)
        schema.validate("config", candidate, CONFIG)
        self.data = candidate
        try:
            before_write()
            self.write()
        except BaseException:
            self.data = before
            raise

    # --- trust -------------------------------------------------------------------

    def seal_of(self, data: dict) -> str:
        """The seal of the whole of ``data`` but the seal itself, keyed by its current vault key."""
        body = {k: v for k, v in data.items() if k != "seal"}
        message = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        return crypto.mac(self.keyring.vault_key(data["key_epoch"]).secret, b"config seal/whole", message)

    def old_seal_of(self, data: dict) -> str:
        """The old form of the seal (the team and the keys only): read for the migration, never written."""
        body = {k: data[k] for k in OLD_SEALED}
        message = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
        return crypto.mac(self.keyring.vault_key(data["key_epoch"]).secret, b"config seal", message)

    def endorsement(self, epoch: int, recipient: str) -> str:
        """The previous vault key's word that ``recipient`` is epoch ``epoch``'s key."""
        return crypto.mac(self.keyring.vault_key(epoch - 1).secret, b"epoch endorsement", f"{epoch}:{recipient}".encode())

    def check_trust(self, recheck: bool = True) -> None:
        """Raise unless vault.toml's team and keys are the ones sendvault wrote, and not older than this device has seen."""

        def fail(what: str) -> VaultCorrupt:
            return VaultCorrupt(
                f"{CONFIG} or a vault key was changed outside sendvault ({what}); nothing was done",
                hint=f"restore {CONFIG} and vaultkeys/ from a trusted copy, then run 'sendvault verify'",
            )

        epochs = {e["epoch"]: e for e in self.data["epochs"]}
        if sorted(epochs) != list(range(1, self.epoch + 1)):
            raise fail("the key epochs do not run 1 to the current one")
        for e in range(1, self.epoch + 1):
            if self.keyring.vault_key(e).recipient != epochs[e]["recipient"]:
                raise fail(f"vault key {e} is not the one recorded")
            if e > 1 and not hmac.compare_digest(epochs[e].get("endorsed", ""), self.endorsement(e, epochs[e]["recipient"])):
                raise fail(f"vault key {e} was not made by a holder of vault key {e - 1}")
        seal = self.data.get("seal", "")
        whole = hmac.compare_digest(seal, self.seal_of(self.data))
        if not whole:
            if not hmac.compare_digest(seal, self.old_seal_of(self.data)):
                raise fail("the file does not match its seal")
            if self.store.exists(SEEN_WHOLE_SEAL):
                raise downgrade("this device no longer accepts")
        self._check_pins({str(e): epochs[e]["recipient"] for e in epochs})
        older = highwater.config_rollback(self.store, self.data)
        if older and recheck:
            # Another process may have changed it since we read it, and raised the mark since.
            self._stamp = None
            self.refresh()
            return self.check_trust(recheck=False)
        if older:
            raise VaultCorrupt(
                f"{CONFIG} is older than this device has seen ({older}): it was rolled back to an earlier copy; nothing was done",
                hint=f"restore the newest {CONFIG} (the vault's git history or the newest backup); "
                     f"see docs/reliability.md if the older copy is the one wanted")
        with contextlib.suppress(OSError, SendvaultError):  # remembering it is a best effort here
            highwater.see_config(self.store, self.data)
        self.seal_outdated = not whole
        if whole:
            self._note_whole_seal()

    def _note_whole_seal(self) -> None:
        if not self.store.read_only and not self.store.exists(SEEN_WHOLE_SEAL):
            with contextlib.suppress(OSError, SendvaultError):  # noted by the next command that can write
                self.store.write(SEEN_WHOLE_SEAL, b"whole-file seal seen\n")

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
        if any(e not in pins for e in seen) and not self.store.read_only:
            with contextlib.suppress(OSError):
                self.store.write(PINS, json.dumps({**pins, **seen}, sort_keys=True).encode())


def downgrade(why: str) -> VaultCorrupt:
    """An old-form seal where a whole-file one has been seen: an older vault.toml put back."""
    return VaultCorrupt(f"{CONFIG} carries an old form of its seal, which {why} (an older copy may have been put "
                        "back to change its settings); nothing was done",
                        hint=f"restore {CONFIG} from a trusted copy, then run 'sendvault verify'")
