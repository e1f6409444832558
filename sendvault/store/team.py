"""The team: officers, their roles, and the key epochs that follow its changes.

Adding an officer wraps every vault key for them too; removing one starts a new
key epoch, so nothing written afterwards can be read with the leaver's key (old
vault keys are re-wrapped without them; a case gets a fresh case key on its next
write). Both are checked whole before any key is wrapped.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import crypto
from .config import Config
from ..basics.errors import NoKeyError, Refused, SendvaultError, UsageError
from .keys import Keyring

ROLES = ("officer", "manager")


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


def officer_name(name: str) -> str:
    """An officer's name with its spaces tidied; refused if empty or too long."""
    name = " ".join(name.split())
    if not name or len(name) > 80:
        raise UsageError("an officer's name is 1 to 80 characters")
    return name


class Team:
    """Who is on the team, now and before, read from the configuration."""

    def __init__(self, config: Config, keyring: Keyring):
        self.config = config
        self.keyring = keyring

    @property
    def officers(self) -> list[Officer]:
        return [
            Officer(o["name"], o["recipient"], o["role"], o["added"], o.get("removed"))
            for o in self.config.data["officers"]
        ]

    def active(self) -> list[Officer]:
        return [o for o in self.officers if o.active]

    def find(self, name: str) -> Officer:
        """The current officer called ``name`` (any letter case)."""
        for o in self.active():
            if o.name.casefold() == name.casefold():
                return o
        raise SendvaultError(f"no current officer named {name}", hint="'sendvault officer list' shows the team")

    def identify(self, pairs: list[crypto.KeyPair]) -> Officer:
        """The current officer whose key is among ``pairs``."""
        return self.identify_recipients([p.recipient for p in pairs])

    def identify_recipients(self, recipients: list[str]) -> Officer:
        """The current officer whose public key is among ``recipients``."""
        by_recipient = {o.recipient: o for o in self.active()}
        for recipient in recipients:
            if recipient in by_recipient:
                return by_recipient[recipient]
        raise NoKeyError(
            "no key of yours opens this vault",
            hint="ask a manager to add your public key with 'sendvault officer add'",
        )

    def epoch_at(self, at: str) -> int:
        """The oldest key epoch that may have sealed something written at instant ``at``.

        ISO UTC text compares in time order. Instants are to the second, so within the
        second of a rotation either key is accepted.
        """
        current = 1
        for e in self.config.data["epochs"]:
            if e["from"] < at:
                current = e["epoch"]
        return current

    # --- changes (the caller holds the lock and has checked the audit trail) ------

    @staticmethod
    def check_newcomer(name: str, recipient: str, role: str) -> str:
        """Checks that need no vault: returns the tidied name."""
        name = officer_name(name)
        crypto.canonical_recipient(recipient)
        if role not in ROLES:
            raise UsageError("role must be officer or manager")
        return name

    def add(self, name: str, recipient: str, role: str, by: str, today: str) -> Officer:
        recipient = crypto.canonical_recipient(recipient)  # as age writes it, however it was pasted
        for o in self.officers:
            if o.active and o.name.casefold() == name.casefold():
                raise SendvaultError(f"there is already an officer named {name}",
                                     hint="give the new officer a name that tells them apart")
            if o.recipient == recipient:
                # A leaver's key stays retired, even for someone who comes back.
                raise SendvaultError(f"that key belongs to officer {o.name}" + ("" if o.active else ", who left"),
                                     hint="every officer makes their own new key with 'sendvault keygen'")
        new = {"name": name, "recipient": recipient, "role": role, "added": today, "added_by": by}
        self.config.change(lambda c: c["officers"].append(new),
                           lambda: self.keyring.rewrap_vault_keys(self.config.epoch, [o.recipient for o in self.active()]))
        return self.find(name)

    def remove(self, name: str, by: str, today: str, stamp: str) -> tuple[Officer, int]:
        """Remove an officer and rotate: returns them and the new key epoch."""
        target = self.find(name)
        remaining = [o for o in self.active() if o.recipient != target.recipient]
        if target.role == "manager" and not any(o.role == "manager" for o in remaining):
            raise Refused("the last manager cannot be removed", hint="make another officer a manager first")
        recipients = [o.recipient for o in remaining]
        old_epoch, new_epoch = self.config.epoch, self.config.epoch + 1
        new_key = crypto.generate()
        self.keyring.hold_vault_key(new_epoch, new_key)  # held in memory until written below
        endorsed = self.config.endorsement(new_epoch, new_key.recipient)

        def change(config: dict) -> None:
            for o in config["officers"]:
                if o["recipient"] == target.recipient and "removed" not in o:
                    o["removed"] = today
                    o["removed_by"] = by
            config["key_epoch"] = new_epoch
            config["epochs"].append({"epoch": new_epoch, "from": stamp, "recipient": new_key.recipient, "endorsed": endorsed})

        def rekey() -> None:
            # Old epochs first, re-wrapped without the leaver; then the new key.
            self.keyring.rewrap_vault_keys(old_epoch, recipients)
            self.keyring.write_vault_key(new_epoch, new_key, recipients)

        self.config.change(change, rekey)
        return target, new_epoch
