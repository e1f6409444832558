"""Every error sendvault reports, each with its exit code and an optional hint.

The core raises these; the CLI prints them in one place as
``sendvault: error: ...`` / ``sendvault: hint: ...``. Messages never carry
personal data: at most a case id, an officer name or a file name inside the vault.
"""

from __future__ import annotations

# Exit codes: the contract in PRODUCT.md.
OK = 0
ERROR = 1
USAGE = 2
NO_KEY = 3
VERIFY_FAILED = 4
REFUSED = 5


class SendvaultError(Exception):
    """Base of every error the CLI turns into one line and an exit code."""

    exit_code = ERROR

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(SendvaultError):
    """The command line itself is wrong (a bad date, an unknown choice)."""

    exit_code = USAGE


class VaultNotFound(SendvaultError):
    """No vault at the path given."""


class VaultCorrupt(SendvaultError):
    """A file of the vault cannot be read as what it should be."""


class WriteFailed(SendvaultError):
    """A write to the vault failed (a full disk, an I/O error); every file it changed was put back."""


class ReadOnlyVault(SendvaultError):
    """The vault cannot be written here (a read-only mount, a copy without write permission)."""


class IdentityFileError(SendvaultError):
    """The identity file is missing, unsafe, not an identity, or the passphrase is wrong."""


class NoKeyError(SendvaultError):
    """None of the caller's keys opens this vault (exit 3)."""

    exit_code = NO_KEY


class CaseNotFound(SendvaultError):
    """No case with that id."""


class InvalidRecord(SendvaultError):
    """A record fails its schema; ``problems`` lists each failure with its field."""

    def __init__(self, message: str, problems: list[str] | None = None, hint: str | None = None):
        super().__init__(message, hint)
        self.problems = problems or []


class Refused(SendvaultError):
    """Refused by policy: no consent, a legal hold, the wrong role (exit 5)."""

    exit_code = REFUSED


class RefusedRecord(Refused):
    """A record refused by policy (exit 5); ``problems`` lists every problem, as ``InvalidRecord`` does.

    Raised instead of ``InvalidRecord`` when at least one problem is a policy refusal
    (no referral permission, identifying details where none may be kept, ...), so a
    refusal exits 5 whether it was typed at the prompts or read from a file.
    """

    def __init__(self, message: str, problems: list[str] | None = None, hint: str | None = None):
        super().__init__(message, hint)
        self.problems = problems or []


class VerifyFailed(SendvaultError):
    """``verify`` or ``audit verify`` found problems (exit 4)."""

    exit_code = VERIFY_FAILED

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems
