"""sendvault against the tools a service might use instead: the reference `age` CLI, one process per
file, and gpg as `pass` runs it, on the same open-and-parse work (issue 12: at least 10x and 30x).

    python bench/peers.py [--cases 20000] [--sample 200]

The same --sample cases of the generated vault (bench/throughput.py), each opened and parsed:

- sendvault: one process opens the vault, unlocks it and `read_case`s 2,000 cases (decrypt
  the case key with the vault key, decrypt the case, parse, check, validate), as every
  whole-vault command does on each core; and two such processes, 2,000 cases each, as a
  whole-vault command runs on these 2 cores.
- age: what a script over the vault with the reference CLI does: `age -d` of the case-key
  file with the vault key, then `age -d` of the case file with that key (two processes a
  case), the TOML parsed by the script.
- gpg as pass: each case's TOML encrypted (once, untimed) to a fresh Curve25519 key without
  passphrase, as `pass insert` would, then `gpg -d --quiet --yes --compress-algo=none
  --no-encrypt-to FILE` (pass's own flags), one process a case, the TOML parsed.

CPU time (user + system, of the bench and its children, and for gpg of its gpg-agent too,
which does the private-key work) and wall-clock time; one core.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.throughput import OUT, ensure_vault  # noqa: E402
from sendvault.store import crypto  # noqa: E402
from sendvault.store.vault import Vault  # noqa: E402


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def daemon_cpu(home: Path) -> float:
    """CPU seconds used so far by the gpg-agent serving ``home`` (a daemon: not one of our children)."""
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"gpg-agent" in cmdline and str(home).encode() in cmdline:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            continue
    return total


def measure(fn, n: int, home: Path | None = None) -> dict:
    c, t, d = cpu(), time.perf_counter(), daemon_cpu(home) if home else 0.0
    fn()
    wall, used = time.perf_counter() - t, cpu() - c + (daemon_cpu(home) - d if home else 0.0)
    return {"wall_per_s": n / wall, "cpu_per_s": n / used}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--sample", type=int, default=200)
    args = ap.parse_args()
    for tool in ("age", "gpg"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install {'age' if tool == 'age' else 'gnupg'})")
    vault_dir = OUT / f"vault-{args.cases}"
    key, ids = ensure_vault(vault_dir, args.cases)
    sample = ids[:: max(1, len(ids) // args.sample)][: args.sample]
    work = Path(tempfile.mkdtemp(prefix="sv-peers-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    vault = Vault.open(vault_dir)
    vault.unlock(crypto.load_identity_file(key, None))
    epoch = vault.epoch
    texts = {}
    for cid in sample:  # the plaintexts, once: gpg's files are made from them
        record = vault.read_case(cid)
        texts[cid] = record
    vault_key_file = work / "vault-key.txt"
    vault_key_file.write_text(crypto.identity_file_text(vault.keys.vault_key(epoch), ["vault key"]))
    vault_key_file.chmod(0o600)

    many = ids[: max(2000, len(sample))]  # one process opens and unlocks once, then reads on: its rate over 2,000

    def sendvault() -> None:
        v = Vault.open(vault_dir)
        v.unlock(crypto.load_identity_file(key, None))
        v.index_keys()
        for cid in many:
            v.read_case(cid)

    both = ids[: max(4000, len(sample))]

    def sendvault_both_cores() -> None:
        """As a whole-vault command reads (list or find with no index, a first report): a process a core."""
        half = -(-len(both) // 2)
        pids = []
        for share in (both[:half], both[half:]):
            pid = os.fork()
            if pid == 0:
                try:
                    v = Vault.open(vault_dir)
                    v.unlock(crypto.load_identity_file(key, None))
                    v.index_keys()
                    for cid in share:
                        v.read_case(cid)
                finally:
                    os._exit(0)
            pids.append(pid)
        for pid in pids:
            os.waitpid(pid, 0)

    def age_cli() -> None:
        case_key = work / "case-key.txt"
        for cid in sample:
            plain = subprocess.run(["age", "-d", "-i", str(vault_key_file), str(vault_dir / "casekeys" / f"{cid}.e{epoch}.age")],
                                   capture_output=True, check=True).stdout
            case_key.write_bytes(plain)
            text = subprocess.run(["age", "-d", "-i", str(case_key), str(vault_dir / "cases" / f"{cid}.age")],
                                  capture_output=True, check=True).stdout
            tomllib.loads(text.decode())

    home = work / "gnupg"
    home.mkdir(mode=0o700)
    genv = {**os.environ, "GNUPGHOME": str(home)}
    subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "bench@example.invalid", "future-default", "default", "never"],
                   env=genv, capture_output=True, check=True)
    import tomli_w

    for cid in sample:
        subprocess.run(["gpg", "--batch", "--yes", "-e", "-r", "bench@example.invalid", "--compress-algo=none", "--no-encrypt-to",
                        "-o", str(work / f"{cid}.gpg")], input=tomli_w.dumps(texts[cid]).encode(), env=genv,
                       capture_output=True, check=True)

    def gpg_pass() -> None:
        for cid in sample:
            text = subprocess.run(["gpg", "-d", "--quiet", "--yes", "--compress-algo=none", "--no-encrypt-to", str(work / f"{cid}.gpg")],
                                  env=genv, capture_output=True, check=True).stdout
            tomllib.loads(text.decode())

    gpg_pass()  # gpg-agent started and the key cached, as for an officer mid-session
    results = {"sendvault": measure(sendvault, len(many)), "sendvault, 2 cores": measure(sendvault_both_cores, len(both)),
               "age": measure(age_cli, len(sample)), "gpg": measure(gpg_pass, len(sample), home)}
    subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=genv, capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
    sv, sv2 = results["sendvault"], results["sendvault, 2 cores"]
    print(f"{len(sample)} cases of {vault_dir.name}; the peers one process at a time; load average {os.getloadavg()[0]:.1f}")
    print("| path | cases/s (wall) | cases/s (CPU) | lead, 1 core (wall) | (CPU) | lead, 2 cores (wall) | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, target in (("sendvault", ""), ("sendvault, 2 cores", ""), ("age", ">= 10x"), ("gpg", ">= 30x")):
        r = results[name]
        lead = " | | " if name.startswith("sendvault") else (
            f"{sv['wall_per_s'] / r['wall_per_s']:.0f}x | {sv['cpu_per_s'] / r['cpu_per_s']:.0f}x | {sv2['wall_per_s'] / r['wall_per_s']:.0f}x")
        print(f"| {name} | {r['wall_per_s']:,.0f} | {r['cpu_per_s']:,.0f} | {lead} | {target} |")


if __name__ == "__main__":
    main()
