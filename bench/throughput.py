"""Open-and-parse throughput of sendvault's read path against the floor.

    python bench/throughput.py [--cases 20000] [--vault DIR] [--repeats 3] [--json FILE]

(a) sendvault: Vault.open + unlock + index_keys + read_case for every id, which
    decrypts, parses, checks the id and validates every record against its schema.
(b) the floor, on the same files in the same run: read the case-key file and the
    case file, the two pyrage decrypts the key hierarchy needs (the vault key is
    opened once up front), parse the case key's AGE-SECRET-KEY line, tomllib.loads.

Each is run in one process and in two (each taking half the ids, forked, started
together at a barrier), every measurement in fresh processes, repeated --repeats
times interleaved, best kept: the machine is shared and noisy. Then the per-case
cost of each stage, and the per-case cost of reading as the team grows (2 and 20
officers). The vault is generated once into bench/out/ and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
import tomllib
from pathlib import Path

import pyrage
from pyrage import x25519

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  (bench/generate.py)
from sendvault import crypto, schema  # noqa: E402
from sendvault.vault import Vault, case_key_path, case_path  # noqa: E402

OUT = HERE / "out"
SEED = 1
CTX = mp.get_context("fork")


# --- the two read paths (each runs in a fresh forked process) ----------------


def _secret_line(text: str) -> str:
    i = text.index("AGE-SECRET-KEY-")
    j = text.find("\n", i)
    return text[i:] if j < 0 else text[i:j]


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def floor_read(vault_dir: str, key_path: str, ids: list[str]) -> int:
    """The unavoidable work: file reads, two X25519 decrypts per case, tomllib."""
    root = vault_dir + "/"
    officer = x25519.Identity.from_str(_secret_line(_read(key_path).decode()))
    epoch = tomllib.loads(_read(root + "vault.toml").decode())["key_epoch"]
    vault_key = x25519.Identity.from_str(_secret_line(pyrage.decrypt(_read(f"{root}vaultkeys/{epoch}.age"), [officer]).decode()))
    for cid in ids:
        case_key = pyrage.decrypt(_read(f"{root}casekeys/{cid}.e{epoch}.age"), [vault_key])
        ident = x25519.Identity.from_str(_secret_line(case_key.decode()))
        tomllib.loads(pyrage.decrypt(_read(f"{root}cases/{cid}.age"), [ident]).decode())
    return len(ids)


def sendvault_read(vault_dir: str, key_path: str, ids: list[str], validate: bool = True) -> int:
    """sendvault's real read path, as `sendvault list` or a report walks the vault."""
    if not validate:
        schema.validate = lambda name, data, what: None  # this forked process only
    vault = Vault.open(vault_dir)
    vault.unlock(crypto.load_identity_file(Path(key_path), lambda: None))
    vault.index_keys()
    for cid in ids:
        vault.read_case(cid)
    return len(ids)


PATHS = {"floor": floor_read, "sendvault": sendvault_read, "sendvault-novalidate": lambda *a: sendvault_read(*a, validate=False)}


def _worker(path: str, vault_dir: str, key_path: str, ids: list[str], barrier, queue) -> None:
    schema._compiled.cache_clear()  # a real process pays for loading its validators once
    barrier.wait()
    t0 = time.monotonic()
    n = PATHS[path](vault_dir, key_path, ids)
    queue.put((t0, time.monotonic(), n))


def run(path: str, vault_dir: Path, key_path: Path, ids: list[str], procs: int) -> float:
    """Cases per second over ``ids`` split across ``procs`` fresh processes (wall clock)."""
    barrier, queue = CTX.Barrier(procs), CTX.Queue()
    chunks = [ids[i::procs] for i in range(procs)]
    ps = [CTX.Process(target=_worker, args=(path, str(vault_dir), str(key_path), c, barrier, queue)) for c in chunks]
    for p in ps:
        p.start()
    results = [queue.get() for _ in ps]
    for p in ps:
        p.join()
        if p.exitcode:
            raise SystemExit(f"{path} worker failed (exit {p.exitcode})")
    start, end = min(r[0] for r in results), max(r[1] for r in results)
    assert sum(r[2] for r in results) == len(ids)
    return len(ids) / (end - start)


# --- per-stage costs (one process, microseconds per case) ---------------------


def _best_per_case(fn, items, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for x in items:
            fn(x)
        best = min(best, time.perf_counter() - t0)
    return best / len(items) * 1e6


def stages(vault_dir: Path, key_path: Path, ids: list[str], repeats: int) -> dict[str, float]:
    """Where a read_case goes, stage by stage, on inputs prepared beforehand."""
    vault = Vault.open(vault_dir)
    vault.unlock(crypto.load_identity_file(key_path, lambda: None))
    vault.index_keys()
    vk = vault.vault_key(vault.epoch).identity
    ep = vault.epoch
    root = str(vault_dir) + "/"
    key_blobs = [vault.store.read(case_key_path(c, ep)) for c in ids]
    case_blobs = [vault.store.read(case_path(c)) for c in ids]
    key_texts = [pyrage.decrypt(b, [vk]).decode() for b in key_blobs]
    case_idents = [x25519.Identity.from_str(_secret_line(t)) for t in key_texts]
    plains = [pyrage.decrypt(b, [k]) for b, k in zip(case_blobs, case_idents)]
    texts = [p.decode() for p in plains]
    records = [tomllib.loads(t) for t in texts]
    validator = schema._compiled("case")
    pairs = list(zip(ids, records))
    r = repeats
    out = {
        "floor: read 2 files (open().read())": _best_per_case(lambda c: (_read(f"{root}casekeys/{c}.e{ep}.age"), _read(f"{root}cases/{c}.age")), ids, r),
        "floor: decrypt case key (pyrage)": _best_per_case(lambda b: pyrage.decrypt(b, [vk]), key_blobs, r),
        "floor: parse AGE-SECRET-KEY line": _best_per_case(lambda t: x25519.Identity.from_str(_secret_line(t)), key_texts, r),
        "floor: decrypt case (pyrage)": _best_per_case(lambda bk: pyrage.decrypt(bk[0], [bk[1]]), list(zip(case_blobs, case_idents)), r),
        "floor: tomllib.loads (+ decode)": _best_per_case(lambda p: tomllib.loads(p.decode()), plains, r),
        "extra: Store.read x2 (safe path, O_NOFOLLOW) minus open().read()": None,
        "extra: Store.read x2 (safe path, O_NOFOLLOW)": _best_per_case(lambda c: (vault.store.read(case_key_path(c, ep)), vault.store.read(case_path(c))), ids, r),
        "extra: Store.path x2 (lstat per path component)": _best_per_case(lambda c: (vault.store.path(case_key_path(c, ep)), vault.store.path(case_path(c))), ids, r),
        "extra: crypto.parse_identities (incl. to_public)": _best_per_case(crypto.parse_identities, key_texts, r),
        "extra: crypto.comment_fields (case-id check of key)": _best_per_case(crypto.comment_fields, key_texts, r),
        "extra: record id check": _best_per_case(lambda p: p[1].get("id") != p[0], pairs, r),
        "extra: schema.validate (case)": _best_per_case(lambda rec: schema.validate("case", rec, "case"), records, r),
        "extra: compiled validator alone": _best_per_case(validator, records, r),
        "sendvault: read_case, whole": _best_per_case(vault.read_case, ids, r),
    }
    out["extra: Store.read x2 (safe path, O_NOFOLLOW) minus open().read()"] = (
        out["extra: Store.read x2 (safe path, O_NOFOLLOW)"] - out["floor: read 2 files (open().read())"]
    )
    out["floor: sum"] = sum(v for k, v in out.items() if k.startswith("floor: "))
    return out


def profile(vault_dir: Path, key_path: Path, ids: list[str], top: int = 15) -> str:
    import cProfile
    import io
    import pstats

    vault = Vault.open(vault_dir)
    vault.unlock(crypto.load_identity_file(key_path, lambda: None))
    vault.index_keys()
    for cid in ids:
        vault.read_case(cid)  # warm
    pr = cProfile.Profile()
    pr.enable()
    for cid in ids:
        vault.read_case(cid)
    pr.disable()
    s = io.StringIO()
    pstats.Stats(pr, stream=s).sort_stats("tottime").print_stats(top)
    return s.getvalue()


# --- team size ----------------------------------------------------------------


def team_vault(size: int, cases: int) -> tuple[Path, Path, Path]:
    """A vault with ``size`` officers and ``cases`` cases; returns (vault, manager key, last officer's key)."""
    vdir = OUT / f"team-{size}-{cases}"
    last_key = OUT / f"team-{size}-{cases}.last.key"
    if not (vdir / "vault.toml").exists() or not last_key.exists():
        import shutil

        shutil.rmtree(vdir, ignore_errors=True)
        for p in (gen.default_identity(vdir), last_key):
            p.unlink(missing_ok=True)
        gen.generate(vdir, 0, SEED)
        vault = Vault.open(vdir)
        vault.unlock(gen.load_identity(gen.default_identity(vdir)))
        for i in range(2, size + 1):
            pair = crypto.generate()
            vault.add_officer(f"Officer {i:02d}", pair.recipient, "officer")
        crypto.write_identity_file(last_key, pair, None)
        gen.generate(vdir, cases, SEED)
    return vdir, gen.default_identity(vdir), last_key


def team_costs(sizes: list[int], cases: int, repeats: int) -> list[dict]:
    rows = []
    for size in sizes:
        vdir, manager_key, last_key = team_vault(size, cases)
        ids = sorted(Vault.open(vdir).case_ids())
        for who, key in (("manager (1st stanza)", manager_key), (f"officer {size} (last stanza)", last_key)):
            pairs = crypto.load_identity_file(key, lambda: None)
            unlock, per_case = [], []
            for _ in range(repeats):
                t0 = time.perf_counter()
                vault = Vault.open(vdir)
                vault.unlock(pairs)
                vault.index_keys()
                t1 = time.perf_counter()
                for cid in ids:
                    vault.read_case(cid)
                t2 = time.perf_counter()
                unlock.append((t1 - t0) * 1e3)
                per_case.append((t2 - t1) / len(ids) * 1e6)
            rows.append({"officers": size, "reader": who, "open_unlock_ms": min(unlock), "per_case_us": min(per_case), "cases": len(ids)})
        # For contrast: one file wrapped directly for every officer (no key hierarchy).
        recipients = [o.recipient for o in Vault.open(vdir).active_officers()]
        plain = b"x" * 3000
        blob = pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in recipients])
        last = crypto.load_identity_file(last_key, lambda: None)[0].identity
        per = _best_per_case(lambda _: pyrage.decrypt(blob, [last]), range(200), repeats)
        rows.append({"officers": size, "reader": f"officer {size}: one file wrapped for all {size} (no hierarchy)", "per_file_decrypt_us": per})
    return rows


# --- main ----------------------------------------------------------------------


def ensure_vault(vault_dir: Path, n: int) -> tuple[Path, list[str]]:
    key = gen.default_identity(vault_dir)
    if not (vault_dir / "vault.toml").exists():
        print(f"generating {n} cases into {vault_dir} (once; reused afterwards) ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        gen.generate(vault_dir, n, SEED, progress=lambda d, t: print(f"  {d}/{t}", file=sys.stderr, flush=True) if d % 2000 == 0 else None)
        print(f"  done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    ids = sorted(Vault.open(vault_dir).case_ids())
    if len(ids) < n:
        print(f"{vault_dir} has {len(ids)} cases; adding {n - len(ids)} ...", file=sys.stderr, flush=True)
        gen.generate(vault_dir, n - len(ids), SEED + len(ids))
        ids = sorted(Vault.open(vault_dir).case_ids())
    return key, ids[:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--vault", type=Path, help="vault to read (default bench/out/vault-N, generated if missing)")
    ap.add_argument("--identity", type=Path, help="identity file (default VAULT.key)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write results here (default bench/out/throughput-N.json)")
    ap.add_argument("--team-cases", type=int, default=500, help="cases in each team-size vault (0 skips that part)")
    ap.add_argument("--profile", action="store_true", help="also print a cProfile of read_case")
    args = ap.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    vault_dir = args.vault or OUT / f"vault-{args.cases}"
    key, ids = ensure_vault(vault_dir, args.cases)
    key = args.identity or key
    for cid in ids:  # warm the page cache: both paths then read from memory
        _read(f"{vault_dir}/cases/{cid}.age")
    print(f"{len(ids)} cases in {vault_dir}; {os.cpu_count()} cores; best of {args.repeats}, interleaved", file=sys.stderr)

    plan = [("floor", 1), ("sendvault", 1), ("sendvault-novalidate", 1), ("floor", 2), ("sendvault", 2)]
    rates: dict[tuple[str, int], list[float]] = {k: [] for k in plan}
    for rep in range(args.repeats):
        for path, procs in plan if rep % 2 == 0 else plan[::-1]:
            rate = run(path, vault_dir, key, ids, procs)
            rates[(path, procs)].append(rate)
            print(f"  run {rep + 1}: {path:<22} {procs} proc  {rate:8.0f} cases/s", file=sys.stderr, flush=True)
    best = {k: max(v) for k, v in rates.items()}

    sample = ids[: min(2000, len(ids))]
    st = stages(vault_dir, key, sample, args.repeats)
    team = team_costs([2, 20], args.team_cases, args.repeats) if args.team_cases else []

    print()
    print(f"sendvault read throughput: {len(ids)} cases, {os.cpu_count()} cores, {dt.date.today()}, best of {args.repeats}")
    print(f"{'':<42}{'1 process':>14}{'2 processes':>14}")
    print(f"{'(b) floor: read + 2 decrypts + tomllib':<42}{best[('floor', 1)]:>10.0f} c/s{best[('floor', 2)]:>10.0f} c/s")
    print(f"{'(a) sendvault: read_case, validated':<42}{best[('sendvault', 1)]:>10.0f} c/s{best[('sendvault', 2)]:>10.0f} c/s")
    print(f"{'    sendvault, validation off':<42}{best[('sendvault-novalidate', 1)]:>10.0f} c/s{'':>14}")
    r1 = best[("sendvault", 1)] / best[("floor", 1)]
    r2 = best[("sendvault", 2)] / best[("floor", 2)]
    print(f"{'ratio (a)/(b)  (target >= 0.8)':<42}{r1:>14.2f}{r2:>14.2f}")
    print(f"{'2-process speed-up (a)':<42}{'':>14}{best[('sendvault', 2)] / best[('sendvault', 1)]:>13.2f}x")
    print()
    print(f"per-case cost by stage, 1 process, {len(sample)} cases, microseconds:")
    for k, v in st.items():
        print(f"  {k:<66}{v:>8.1f}")
    if team:
        print()
        print(f"team size ({args.team_cases} cases per vault; the vault key is opened once per process):")
        for row in team:
            if "per_case_us" in row:
                print(f"  {row['officers']:>2} officers, {row['reader']:<26} open+unlock {row['open_unlock_ms']:6.1f} ms   per case {row['per_case_us']:6.0f} us")
            else:
                print(f"  {row['officers']:>2} officers, {row['reader']:<55} {row['per_file_decrypt_us']:6.0f} us per file")
    if args.profile:
        print()
        print(profile(vault_dir, key, sample))

    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "host": {"cores": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine()},
        "cases": len(ids),
        "repeats": args.repeats,
        "rates": {f"{p}/{n}p": {"best": best[(p, n)], "all": rates[(p, n)], "median": statistics.median(rates[(p, n)])} for p, n in plan},
        "ratio_1p": r1,
        "ratio_2p": r2,
        "stages_us": st,
        "team": team,
    }
    out = args.json or OUT / f"throughput-{len(ids)}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
