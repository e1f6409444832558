"""The key hierarchy: officers -> vault key (one per epoch) -> case key -> case file.

``vaultkeys/<E>.age`` holds the vault key of epoch E, wrapped for every current
officer; ``casekeys/<ID>.e<E>.age`` holds one case's own key, wrapped for vault
key E. Opening a case costs two X25519 operations whatever the size of the team
(a vault key is opened once per process). Destroying a case shreds its key files,
which makes every earlier copy of its ciphertext unreadable.
"""

from __future__ import annotations

from typing import Callable

from . import crypto
from ..basics import ids
from ..basics.errors import NoKeyError, VaultCorrupt
from .storage import Store


def case_path(cid: str) -> str:
    return f"cases/{cid}.age"


def case_key_path(cid: str, epoch: int) -> str:
    return f"casekeys/{cid}.e{epoch}.age"


def vault_key_path(epoch: int) -> str:
    return f"vaultkeys/{epoch}.age"


class Keyring:
    """The vault keys this process has opened, and the case keys under them.

    ``current_epoch`` is read from the configuration each time: another process
    may have rotated the key since this one started.
    """

    def __init__(self, store: Store, current_epoch: Callable[[], int]):
        self.store = store
        self._current_epoch = current_epoch
        self.identities: list = []
        # Instead of identities: a function that opens a vault-key file for us (the agent).
        self.unwrap: Callable[[bytes, str], bytes] | None = None
        self._vault_keys: dict[int, crypto.KeyPair] = {}
        self._key_epochs: dict[str, list[int]] | None = None  # casekeys/ listed once, for bulk reads

    # --- vault keys ------------------------------------------------------------

    def vault_key(self, epoch: int) -> crypto.KeyPair:
        """The vault key of ``epoch``, opened with the officer's identities (once per process)."""
        if epoch not in self._vault_keys:
            rel = vault_key_path(epoch)
            try:
                data = self.store.read(rel)
            except FileNotFoundError:
                raise VaultCorrupt(f"the vault key file {rel} is missing", hint="restore it from a backup") from None
            try:
                plain = self.unwrap(data, rel) if self.unwrap else crypto.decrypt(data, self.identities, rel)
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

    def hold_vault_key(self, epoch: int, pair: crypto.KeyPair) -> None:
        """Keep a new epoch's key in memory before it is written (to endorse and seal with it)."""
        self._vault_keys[epoch] = pair

    def write_vault_key(self, epoch: int, pair: crypto.KeyPair, recipients: list[str]) -> None:
        text = crypto.identity_file_text(pair, ["sendvault vault key", f"epoch: {epoch}"])
        self.store.write(vault_key_path(epoch), crypto.encrypt(text.encode(), recipients))
        self._vault_keys[epoch] = pair

    def rewrap_vault_keys(self, last_epoch: int, recipients: list[str]) -> None:
        """Wrap vault keys 1 to ``last_epoch`` anew for exactly ``recipients``."""
        for epoch in range(1, last_epoch + 1):
            self.write_vault_key(epoch, self.vault_key(epoch), recipients)

    # --- case keys -------------------------------------------------------------

    def case_key_epochs(self, cid: str) -> list[int]:
        """Epochs of the key files this case has, newest first (two only after an interrupted write)."""
        if self._key_epochs is not None:
            return self._key_epochs.get(cid, [])
        return [e for e in range(self._current_epoch(), 0, -1) if self.store.exists(case_key_path(cid, e))]

    def index_case_keys(self) -> dict[str, list[int]]:
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

    def listed(self) -> bool:
        """True if case keys are read from a listing of casekeys/ (made once, for a bulk read)."""
        return self._key_epochs is not None

    def relist_case_keys(self, cid: str) -> None:
        """Look at one case's key files again (a writer may have re-keyed it since the index)."""
        if self._key_epochs is not None:
            # Read as index_case_keys reads a name: what lies between "ID.e" and ".age" is the epoch, or the
            # file is not a key ("ID.e1.e2.age", left by something else, names no epoch 2).
            found = (k[len("casekeys/") + len(cid) + 2:-4] for k in self.case_key_files(cid))
            self._key_epochs[cid] = sorted((int(e) for e in found if e.isdigit()), reverse=True)

    def case_key_files(self, cid: str) -> list[str]:
        """Every key file of a case, whatever its epoch (one synced ahead of vault.toml too)."""
        prefix = f"{cid}.e"
        return [f"casekeys/{n}" for n in self.store.listdir("casekeys") if n.startswith(prefix) and n.endswith(".age")]

    def open_case_key(self, cid: str, epoch: int) -> crypto.KeyPair:
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

    def new_case_key(self, cid: str, pair: crypto.KeyPair | None = None) -> crypto.KeyPair:
        """A fresh key for ``cid`` (or ``pair``), wrapped for the current vault key and written."""
        epoch = self._current_epoch()
        pair = pair or crypto.generate()
        text = crypto.identity_file_text(pair, ["sendvault case key", f"case: {cid}", f"epoch: {epoch}"])
        self.store.write(case_key_path(cid, epoch), crypto.encrypt(text.encode(), [self.vault_key(epoch).recipient]))
        if self._key_epochs is not None:
            self._key_epochs[cid] = [epoch] + [e for e in self._key_epochs.get(cid, []) if e != epoch]
        return pair

    def retire_old_case_keys(self, cid: str) -> None:
        """Shred every key file of ``cid`` but the current epoch's (written first, by the caller)."""
        epoch = self._current_epoch()
        for old in self.case_key_epochs(cid):
            if old != epoch:
                self.store.shred(case_key_path(cid, old))
        if self._key_epochs is not None:
            self._key_epochs[cid] = [epoch]

    def shred_case_keys(self, cid: str, files: list[str]) -> None:
        for rel in files:
            self.store.shred(rel)
        if self._key_epochs is not None:
            self._key_epochs.pop(cid, None)
