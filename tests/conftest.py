"""Shared fixtures: throw-away keys and vaults, and the real CLI to drive them.

Every test talks to sendvault through its command line (Typer's runner, or a
subprocess where a crash or a second process is the point).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendvault import crypto
from sendvault.cli import app

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def make_key(path: Path) -> str:
    """A plain (unprotected) identity file, 0600; returns its recipient."""
    pair = crypto.generate()
    crypto.write_identity_file(path, pair, None)
    return pair.recipient


@dataclass
class Env:
    """A throw-away vault with a manager (Ann) whose key is ``key``."""

    tmp: Path
    vault: Path
    key: Path
    recipient: str
    extra_env: dict = field(default_factory=dict)

    def env(self, identity: Path | None = None) -> dict:
        return {
            "SENDVAULT_VAULT": str(self.vault),
            "SENDVAULT_IDENTITY": str(identity or self.key),
            "COLUMNS": "200",
            "NO_COLOR": "1",
            **self.extra_env,
        }

    def cli(self, *args: str, identity: Path | None = None, input: str | None = None) -> Result:
        """Run sendvault in-process through Typer's runner."""
        r = CliRunner().invoke(app, list(args), env=self.env(identity), input=input, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    def run(self, *args: str, identity: Path | None = None, input: str | None = None, timeout: float = 120) -> Result:
        """Run sendvault as a real subprocess."""
        p = subprocess.run(
            [sys.executable, "-m", "sendvault", *args],
            env={**os.environ, **self.env(identity)},
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Result(p.returncode, p.stdout, p.stderr)

    def new_officer(self, name: str, role: str = "officer") -> Path:
        key = self.tmp / f"{name.lower().replace(' ', '-')}.key"
        recipient = make_key(key)
        r = self.cli("officer", "add", name, recipient, "--role", role)
        assert r.exit_code == 0, r.stderr
        return key


@pytest.fixture
def env(tmp_path: Path) -> Env:
    key = tmp_path / "ann.key"
    recipient = make_key(key)
    e = Env(tmp_path, tmp_path / "vault", key, recipient)
    r = e.cli("init", str(e.vault), "--service", "Test SENDIASS", "--officer", "Ann", "--recipient", recipient,
              "--policy-version", "2025-01", "--locality", "North", "--locality", "South")
    assert r.exit_code == 0, r.stderr
    return e


def one_line_error(r: Result) -> str:
    """Assert the error contract (one error line, optional hint, no traceback); return the error line."""
    assert r.exit_code != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines, "no error printed"
    assert lines[0].startswith("sendvault: error: "), r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    for ln in lines[1:]:
        assert ln.startswith("sendvault: hint: ") or ln.startswith("  - "), r.stderr
    return lines[0]


SAMPLE_CASE = {
    "kind": "case",
    "anonymous": False,
    "record_personal_details": True,
    "contact": {
        "date": "2026-11-02",
        "channel": "phone",
        "route": "self",
        "caller": "parent-carer",
        "parental_responsibility": True,
        "policy_explained": {"version": "2025-01", "date": "2026-11-02", "copy_given": True},
    },
    "person": {"name": "Jane Example", "postcode": "EX1 2MP", "phone": "07700 900123", "email": "jane@example.org"},
    "child": {"name": "Sam Example", "date_of_birth": "2014-03-09", "school": "Example Hill Primary School"},
    "profile": {"age_band": "5-10", "school_phase": "primary", "sen_stage": "sen-support", "primary_need": "ASD"},
}
