"""All use of age (pyrage) lives here: nothing else in sendvault touches pyrage.

Officer identity files are age identity files, plain (as ``age-keygen`` writes
them) or passphrase-protected (as ``age -p`` writes them). Vault and case keys are
themselves age X25519 identities written as identity files, so every layer of the
vault opens with the reference ``age`` CLI too.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pyrage
from pyrage import x25519

from ..basics.errors import IdentityFileError, VaultCorrupt
from .storage import create_file, replace_file

SECRET_PREFIX = "AGE-SECRET-KEY-1"
AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_MAGIC = b"-----BEGIN AGE ENCRYPTED FILE-----"


@dataclass(frozen=True)
class KeyPair:
    """An X25519 identity and its public recipient string."""

    identity: x25519.Identity

    @functools.cached_property
    def recipient(self) -> str:
        # Computed on first use: reading a case never needs it (an X25519 operation saved).
        return str(self.identity.to_public())

    @property
    def secret(self) -> str:
        return str(self.identity)


def generate() -> KeyPair:
    return KeyPair(x25519.Identity.generate())


def canonical_recipient(text: str) -> str:
    """A recipient as age writes it, from one as pasted: spaces and line breaks dropped, lower case.

    Bech32 is one case throughout (a key read aloud or typed from paper may be in
    capitals); a copy from an email or a PDF brings spaces and a line break with it.
    Raises ``IdentityFileError`` if what remains is not a recipient.
    """
    canonical = "".join(text.split()).lower()
    parse_recipient(canonical)
    return canonical


def parse_recipient(text: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(text.strip())
    except Exception:
        raise IdentityFileError(
            "not an age X25519 recipient",
            hint="a recipient starts with age1 and is printed by 'sendvault keygen'",
        ) from None


def is_recipient(text: str) -> bool:
    try:
        x25519.Recipient.from_str(text.strip())
        return True
    except Exception:
        return False


def identity_file_text(pair: KeyPair, comments: list[str]) -> str:
    """An age identity file: ``# comment`` lines, then the secret key."""
    lines = [f"# {c}" for c in comments]
    lines.append(f"# public key: {pair.recipient}")
    lines.append(pair.secret)
    return "\n".join(lines) + "\n"


def parse_identities(text: str) -> list[KeyPair]:
    """Every ``AGE-SECRET-KEY-1...`` line of an identity file (comments and blanks skipped)."""
    pairs = []
    for line in text.removeprefix("\ufeff").splitlines():  # a byte-order mark from a Windows editor is not text
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith(SECRET_PREFIX):
            raise ValueError("not an identity line")
        try:
            pairs.append(KeyPair(x25519.Identity.from_str(line)))
        except pyrage.IdentityError:
            raise ValueError("not a valid identity") from None
    if not pairs:
        raise ValueError("no identity")
    return pairs


def comment_fields(text: str) -> dict[str, str]:
    """``# name: value`` comment lines of an identity file, as a dict."""
    fields = {}
    for line in text.splitlines():
        if line.startswith("# ") and ": " in line:
            k, v = line[2:].split(": ", 1)
            fields[k.strip()] = v.strip()
    return fields


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    return pyrage.encrypt(data, [x25519.Recipient.from_str(r) for r in recipients])


def encrypt_parts(parts: Iterable[bytes], recipients: list[str], write: Callable[[bytes], object]) -> None:
    """Encrypt the concatenation of ``parts`` into ``write``, one age file, never all of it in memory.

    ``parts`` is consumed as the encryption goes, so a large file costs one part's
    memory. An error raised by ``parts`` or ``write`` (a full disk) is raised as it
    was, not as pyrage's wrapper of it.
    """
    source, sink = _Parts(parts), _Sink(write)
    try:
        pyrage.encrypt_io(source, sink, [x25519.Recipient.from_str(r) for r in recipients])
    except pyrage.EncryptError:
        if source.error is not None or sink.error is not None:
            raise (source.error or sink.error) from None
        raise
    if source.error is not None or sink.error is not None:
        # pyrage ignores an error of its last write (the file's end): it must not pass for a whole file
        raise (source.error or sink.error)


class _Parts:
    """``read(n)`` over an iterator of byte strings (what ``pyrage.encrypt_io`` reads from)."""

    def __init__(self, parts: Iterable[bytes]):
        self._parts = iter(parts)
        self._view = memoryview(b"")
        self.error: BaseException | None = None

    def read(self, n: int = -1) -> bytes:
        try:
            while not self._view:
                nxt = next(self._parts, None)
                if nxt is None:
                    return b""
                self._view = memoryview(nxt)
        except BaseException as exc:
            self.error = exc
            raise
        if n < 0:
            n = len(self._view)
        out, self._view = self._view[:n], self._view[n:]
        return bytes(out)


class _Sink:
    def __init__(self, write: Callable[[bytes], object]):
        self._write = write
        self.error: BaseException | None = None

    def write(self, data: bytes) -> int:
        if self.error is not None:  # nothing more after a failed write
            raise self.error
        try:
            self._write(data)
        except BaseException as exc:
            self.error = exc
            raise
        return len(data)

    def flush(self) -> None:
        pass


def decrypt_stream(source, identities: list[x25519.Identity], write: Callable[[bytes], object], what: str) -> None:
    """Decrypt the age file read from ``source`` into ``write``, a piece at a time (a document of any size).

    age authenticates each 64 KiB piece, so ``write`` may have had the first pieces of a
    file damaged further on: on ``VaultCorrupt`` the caller removes what it wrote.
    """
    if source.read(len(AGE_MAGIC)) != AGE_MAGIC:
        raise VaultCorrupt(f"{what} is not an age-encrypted file", hint="run 'sendvault verify'")
    source.seek(0)
    sink = _Sink(write)
    try:
        pyrage.decrypt_io(source, sink, identities)
    except (pyrage.DecryptError, OSError) as exc:  # pyrage says a damaged piece met mid-stream as an OSError
        if sink.error is not None:
            raise sink.error from None
        reason = str(exc).lower()
        if "no matching keys" in reason or "no identity matched" in reason:
            raise _NoMatch(what) from None
        raise VaultCorrupt(f"{what} is damaged or truncated and cannot be decrypted",
                           hint="restore it from a backup; 'sendvault verify' lists every damaged file") from None
    if sink.error is not None:
        raise sink.error


def decrypt(data: bytes, identities: list[x25519.Identity], what: str) -> bytes:
    """Decrypt in memory (never to a file: a failed decrypt must leave nothing behind).

    ``what`` names the file in the error, never its contents.
    """
    if not data.startswith(AGE_MAGIC):
        raise VaultCorrupt(f"{what} is not an age-encrypted file", hint="run 'sendvault verify'")
    try:
        return pyrage.decrypt(data, identities)
    except pyrage.DecryptError as exc:
        reason = str(exc).lower()
        if "no matching keys" in reason or "no identity matched" in reason:
            raise _NoMatch(what) from None
        raise VaultCorrupt(
            f"{what} is damaged or truncated and cannot be decrypted",
            hint="restore it from a backup; 'sendvault verify' lists every damaged file",
        ) from None


class _NoMatch(VaultCorrupt):
    """None of the given identities opens the file (the caller decides what that means)."""

    def __init__(self, what: str):
        super().__init__(f"no key given opens {what}")


NoMatch = _NoMatch


def recipient_count(data: bytes) -> int:
    """How many X25519 recipients an age file is written for (nothing is decrypted; grease stanzas are not counted)."""
    header = data.split(b"\n---", 1)[0]
    return sum(1 for line in header.split(b"\n") if line.startswith(b"-> X25519 "))


# --- officer identity files -------------------------------------------------


def write_identity_file(path: Path, pair: KeyPair, passphrase: str | None) -> None:
    """Create ``path`` 0600, never overwriting; passphrase-protected as ``age -p`` writes it.

    Complete or absent: a full disk must leave no empty file to block the next try."""
    data = _identity_bytes([pair], "created", passphrase)
    try:
        _write_identity(path, data, create_file, "written")
    except FileExistsError:
        raise IdentityFileError(
            f"{path} already exists; it is never overwritten",
            hint="choose another --out path, or remove the old file yourself",
        ) from None
    except OSError as exc:
        raise IdentityFileError(f"cannot create {path}: {exc.strerror}; nothing was written") from None


def replace_identity_file(path: Path, pairs: list[KeyPair], passphrase: str | None) -> None:
    """Write ``pairs`` to ``path`` anew (a new passphrase, or none), safely.

    The new file is written and fsynced beside the old one, then renamed over it:
    a crash leaves the old file or the new one, never neither. No copy under the old
    passphrase is kept (if it leaked, a copy would keep the leak open).
    """
    data = _identity_bytes(pairs, "changed", passphrase)
    try:
        _write_identity(path, data, replace_file, "rewritten")
    except OSError as exc:
        raise IdentityFileError(f"cannot write beside {path}: {exc.strerror}; the identity file is unchanged") from None


def _identity_bytes(pairs: list[KeyPair], when: str, passphrase: str | None) -> bytes:
    text = "".join(identity_file_text(p, [f"{when}: {_today()}", "sendvault officer identity"]) for p in pairs)
    return text.encode() if passphrase is None else passphrase_encrypt(text.encode(), passphrase)


def _write_identity(path: Path, data: bytes, write: Callable, done: str) -> None:
    """``write(path, data, temporary name)``; an error once the file is in place (the directory's fsync) said as such."""
    import secrets

    try:
        write(path, data, f".{path.name}.{secrets.token_hex(4)}.new")
    except FileExistsError:
        raise
    except OSError as exc:
        try:
            placed = path.read_bytes() == data
        except OSError:
            placed = False
        if placed:
            raise IdentityFileError(f"the identity file {path} was {done}, but the disk reported an error ({exc.strerror})",
                                    hint="it may not survive a power cut: check the disk, then run the command again") from None
        raise


# --- passphrase encryption (age's scrypt recipient) ---------------------------------
#
# pyrage picks the scrypt work factor by timing the machine: logN=20 here, so every
# command would spend 2.3 s and 1 GiB opening the officer's identity. We write the
# same format with logN=18, as the reference `age -p` does (0.5 s, 256 MiB); pyrage
# and `age -d` read either. Format: age-encryption.org/v1 (scrypt stanza,
# HMAC-SHA256 header MAC, ChaCha20-Poly1305 STREAM payload).

SCRYPT_LOG_N = 18
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_CHUNK = 64 * 1024


_test_log_n: int | None = None
"""A lower cost for new passphrases, set only by the test suite (``set_test_scrypt_log_n``) so it
stays fast. Never read from the environment: nothing on an officer's machine can weaken a passphrase."""


def set_test_scrypt_log_n(log_n: int | None) -> None:
    """Tests only: new passphrases at scrypt cost ``log_n`` (None: the real ``SCRYPT_LOG_N``)."""
    global _test_log_n
    _test_log_n = log_n


def scrypt_log_n() -> int:
    return _test_log_n or SCRYPT_LOG_N


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode().rstrip("=")


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 for one 32-byte block (RFC 5869)."""
    import hashlib
    import hmac

    prk = hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def mac(secret_key: str, purpose: bytes, message: bytes) -> str:
    """HMAC-SHA256 of ``message`` under a key derived from an age secret key for one ``purpose``."""
    import hashlib
    import hmac

    key = _hkdf(secret_key.encode(), b"sendvault", purpose)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def passphrase_encrypt(data: bytes, passphrase: str, log_n: int | None = None) -> bytes:
    """Encrypt ``data`` as ``age -p`` does (one scrypt stanza)."""
    import hashlib
    import hmac

    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    log_n = log_n or scrypt_log_n()
    file_key, salt, nonce = os.urandom(16), os.urandom(16), os.urandom(16)
    wrap_key = hashlib.scrypt(
        passphrase.encode(), salt=_SCRYPT_LABEL + salt, n=1 << log_n, r=8, p=1,
        maxmem=(1 << log_n) * 1024 + (1 << 26), dklen=32,
    )
    body = ChaCha20Poly1305(wrap_key).encrypt(b"\0" * 12, file_key, None)
    header = f"age-encryption.org/v1\n-> scrypt {_b64(salt)} {log_n}\n{_b64(body)}\n---".encode()
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    out = [header, f" {_b64(mac)}\n".encode(), nonce]
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [data[i : i + _CHUNK] for i in range(0, len(data), _CHUNK)] or [b""]
    for counter, chunk in enumerate(chunks):
        last = b"\x01" if counter == len(chunks) - 1 else b"\x00"
        out.append(stream.encrypt(counter.to_bytes(11, "big") + last, chunk, None))
    return b"".join(out)


def dearmor(data: bytes) -> bytes:
    import base64
    import binascii

    lines = [ln.strip() for ln in data.decode("ascii", "replace").strip().splitlines()]
    if len(lines) < 2 or not lines[-1].startswith("-----END AGE ENCRYPTED FILE-----"):
        raise ValueError("bad armor")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error:
        raise ValueError("bad armor") from None


def load_identity_file(path: Path, ask_passphrase) -> list[KeyPair]:
    """Read an officer's identity file.

    A plain file readable by group or others is refused, as ssh refuses keys.
    A passphrase-protected one calls ``ask_passphrase()`` (which reads the terminal).
    """
    data = _read_identity_bytes(path)
    if data.startswith(ARMOR_MAGIC) or data.startswith(AGE_MAGIC):
        try:
            raw = dearmor(data) if data.startswith(ARMOR_MAGIC) else data
        except ValueError:
            raise IdentityFileError(f"{path} is not a readable age identity file") from None
        passphrase = ask_passphrase()
        try:
            data = pyrage.passphrase.decrypt(raw, passphrase)
        except pyrage.DecryptError as exc:
            if "work" in str(exc).lower():  # rage refuses a work factor far above what this machine does in a second
                log_n = scrypt_work_factor(raw)
                raise IdentityFileError(
                    f"{path} is protected with a passphrase work factor ({'logN ' + str(log_n) if log_n else 'scrypt'}) "
                    "higher than this machine accepts, so the passphrase was not tried",
                    hint="open it on the machine that made it and run 'sendvault passphrase' there, "
                         "or make a new identity with 'sendvault keygen'",
                ) from None
            raise IdentityFileError(
                f"wrong passphrase for {path}, or the file is damaged",
            ) from None
    else:
        mode = os.stat(path).st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise IdentityFileError(
                f"{path} holds an unprotected key and is readable by others (mode {stat.S_IMODE(mode):o})",
                hint=f"chmod 600 {path}, or protect it with a passphrase",
            )
    try:
        return parse_identities(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, pyrage.IdentityError):
        raise IdentityFileError(
            f"{path} is not an age identity file",
            hint="an identity file holds a line starting AGE-SECRET-KEY-1 ('sendvault keygen' makes one)",
        ) from None


def scrypt_work_factor(age_file: bytes) -> int | None:
    """The logN of a passphrase-protected age file's scrypt stanza, or None if it has none."""
    m = re.search(rb"^-> scrypt \S+ (\d{1,3})$", age_file[:512], re.MULTILINE)
    return int(m.group(1)) if m else None


def _read_identity_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(1 << 20)
    except FileNotFoundError:
        raise IdentityFileError(
            f"no identity file at {path}",
            hint="make one with 'sendvault keygen --out FILE', then pass --identity FILE or set SENDVAULT_IDENTITY",
        ) from None
    except IsADirectoryError:
        raise IdentityFileError(f"{path} is a directory, not an identity file") from None
    except PermissionError:
        raise IdentityFileError(f"cannot read {path}: permission denied") from None


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()
