"""`sendvault import` of N cases from CSV (a cases file and a notes file, two notes a case) into a new vault.

The export is made up here, in the style of docs/examples/crm-export (the same mapping),
seeded so every run imports the same rows. Each run is a real process on a fresh
vault on disk (bench/out), as a service moving in would run it: the dry run, then
the import, then `find` of one legacy reference (the index's first update after
the import is its own cost, shown apart); then the way out and back: `export` of the
vault (age-encrypted), unpacked, and its case documents imported into another new
vault. The target: 20,000 cases imported in under 2 minutes.

    python bench/import_speed.py [--cases 20000] [--runs 1]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
EXAMPLE = ROOT / "docs" / "examples" / "crm-export"
FIRST = ["Jane", "Kim", "Ali", "Pat", "Sam", "Lee", "Jo", "Alex", "Chris", "Robin"]
LAST = ["Example", "Other", "Sample", "Testcase", "Madeup", "Fictional"]


def make_export(folder: Path, n: int, seed: int = 1) -> tuple[Path, Path]:
    """clients.csv and case-notes.csv with ``n`` made-up cases in the example CRM's columns."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with open(EXAMPLE / "clients.csv", encoding="utf-8-sig", newline="") as f:
        heading = next(csv.reader(f))
    clients, notes = folder / "clients.csv", folder / "case-notes.csv"
    with open(clients, "w", encoding="utf-8-sig", newline="") as c, open(notes, "w", encoding="utf-8-sig", newline="") as nt:
        cw, nw = csv.writer(c), csv.writer(nt)
        cw.writerow(heading)
        nw.writerow(["Client ID", "Note Date", "Note Type", "Provided By", "Note"])
        for i in range(n):
            year = rng.randint(2017, 2025)
            day, month = rng.randint(1, 28), rng.randint(1, 12)
            contact = f"{day:02d}/{month:02d}/{year}"
            dob = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year - rng.randint(3, 15)}"
            name, child = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            row = dict.fromkeys(heading, "")
            row.update({"Client ID": f"CL-{i:06d}", "Date of First Contact": contact, "Contact Method": rng.choice(["Telephone", "Email"]),
                        "Referral Source": "Self-referral", "Client Type": "Parent/Carer", "Parental Responsibility": "Yes",
                        "Client Name": name, "Relationship to Child": "Mother", "Postcode": "EX1 2NP",
                        "Telephone": f"07700 900{rng.randint(0, 999):03d}", "Young Person Name": child, "Young Person DOB": dob,
                        "School Phase": "Primary", "SEN Stage": "SEN Support", "Primary Need": "Autism", "Ethnicity": "White British",
                        "Issues": "EHCP request", "Support Level": "Advice", "Case Notes": "First call about support at school."})
            cw.writerow([row[h] for h in heading])
            for k in range(2):
                nw.writerow([f"CL-{i:06d}", contact, "Phone call", "Parent/Carer", f"Follow-up call {k + 1}: talked through next steps."])
    return clients, notes


def run(env: dict, *argv: str, ok=(0,)) -> float:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "sendvault", *argv], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if p.returncode not in ok:
        raise SystemExit(f"sendvault {argv[0]} failed: {p.stderr[-2000:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from sendvault.store import crypto

    work = OUT / f"import-{args.cases}"
    shutil.rmtree(work, ignore_errors=True)
    clients, notes = make_export(work / "export", args.cases)
    key = work / "bench.key"
    pair = crypto.generate()
    crypto.write_identity_file(key, pair, None)
    print(f"{args.cases} cases ({2 * args.cases} notes beside them, {args.cases} in the cases file), {os.cpu_count()} cores, seconds")
    for i in range(args.runs):
        vault = work / f"vault-{i}"
        env = {**os.environ, "SENDVAULT_VAULT": str(vault), "SENDVAULT_IDENTITY": str(key)}
        run(env, "init", str(vault), "--service", "Bench", "--officer", "Ann", "--recipient", pair.recipient,
            "--policy-version", "2025-01")
        files = [str(clients), str(notes), "--mapping", str(EXAMPLE / "crm-mapping.toml")]
        dry = run(env, "import", *files, "--dry-run")
        t = run(env, "import", *files)
        find = run(env, "find", "CL-000042", "--json")
        print(f"run {i + 1}: dry run {dry:.1f}; import {t:.1f} ({args.cases / t:.0f} cases/s); "
              f"first find after it (the index reads every new case) {find:.1f}")
        # The way out and back: export (age), unpacked, imported into another new vault.
        out = work / f"export-{i}.tar.age"
        exported = run(env, "export", "--out", str(out), "--recipient", pair.recipient)
        unpacked = work / f"unpacked-{i}"
        with tarfile.open(fileobj=io.BytesIO(crypto.decrypt(out.read_bytes(), [pair.identity], "export"))) as tar:
            tar.extractall(unpacked, filter="data")
        again = work / f"vault-{i}-again"
        env2 = {**env, "SENDVAULT_VAULT": str(again)}
        run(env2, "init", str(again), "--service", "Bench", "--officer", "Ann", "--recipient", pair.recipient,
            "--policy-version", "2025-01")
        root = unpacked / "sendvault-export"
        back = run(env2, "import", str(root / "cases"),
                   "--mapping", str(root / "import-mapping.toml"))
        print(f"run {i + 1}: export {exported:.1f} ({out.stat().st_size / 1e6:.0f} MB); "
              f"its case documents imported into a new vault {back:.1f}")


if __name__ == "__main__":
    main()
