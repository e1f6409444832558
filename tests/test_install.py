"""The README's install, as an officer's laptop or the jobs server does it: a wheel built from the
repository, installed into a fresh environment outside it, used from another directory.

The wheel must carry everything a command needs at run time (the JSON Schemas, the name
lists, the PDF's fonts): a file read from the source tree instead passes every other test
and fails only here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, intake_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``sendvault`` program of a fresh environment that has only the wheel and its dependencies."""
    work = tmp_path_factory.mktemp("install")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("sendvault-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(work / "env")], check=True, timeout=300)
    done = subprocess.run([str(work / "env" / "bin" / "pip"), "install", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return work / "env" / "bin" / "sendvault"


def test_the_installed_wheel_runs_the_first_day_from_another_directory(installed, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    # Nothing of the repository may be reached: another directory, no PYTHONPATH, a HOME of its own.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "COLUMNS": "100"}

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(installed), *args], cwd=tmp_path, env=env, input=stdin,
                              capture_output=True, text=True, timeout=120)

    version = run("--version")
    assert version.returncode == 0 and re.fullmatch(r"sendvault \d+\.\d+\.\d+\S*\n", version.stdout)
    key = run("keygen", "--no-passphrase", "--out", "manager.key")
    assert key.returncode == 0, key.stderr
    recipient = key.stdout.strip()
    env["SENDVAULT_IDENTITY"] = str(tmp_path / "manager.key")
    made = run("init", "vault", "--service", "Wheel SENDIASS", "--officer", "Ann", "--recipient", recipient,
               "--policy-version", "2025-01", "--locality", "North")
    assert made.returncode == 0, made.stderr
    env["SENDVAULT_VAULT"] = str(tmp_path / "vault")
    opened = run("intake", "--from", "-", stdin=intake_text(SAMPLE_CASE))
    assert opened.returncode == 0, opened.stderr
    cid = opened.stdout.strip()
    shown = run("show", cid)
    assert shown.returncode == 0 and SAMPLE_CASE["child"]["name"] in shown.stdout, shown.stderr
    party = "Thistlecombe Primary School"
    granted = run("consent", "grant", cid, "share-information", "--party", party, "--by", "parent-carer", "--method", "written")
    assert granted.returncode == 0, granted.stderr
    shared = run("share", cid, "--to", party, "--only", "first-contact,profile", "--out", "for-school.pdf")
    assert shared.returncode == 0, shared.stderr
    pdf = (tmp_path / "for-school.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"/Encrypt" in pdf and b"/FontFile2" in pdf  # protected, with its font embedded
    checked = run("verify")
    assert checked.returncode == 0, checked.stderr
    # And it was the installed copy that ran, not the repository's.
    where = subprocess.run([str(installed.parent / "python"), "-c", "import sendvault; print(sendvault.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(installed.parent.parent) and not Path(where.strip()).is_relative_to(ROOT)
