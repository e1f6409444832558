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
import sys
import time
import tomllib
from pathlib import Path

import pyrage
from pyrage import x25519

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as gen  # noqa: E402  (bench/generate.py)
from sendvault.store import crypto
from sendvault.basics import schema  # noqa: E402
from sendvault.basics.errors import SendvaultError  # noqa: E402
from sendvault.store.cases import parse_record  # noqa: E402
from sendvault.store.keys import case_key_path, case_path  # noqa: E402
from sendvault.store.vault import Vault  # noqa: E402

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


def floor_read(vault_dir: str, key_path: str, ids: list[str], loads=tomllib.loads) -> int:
    """The unavoidable work: file reads, two X25519 decrypts per case, tomllib.

    With ``loads=rtoml.loads``: the same floor for the parser sendvault reads with,
    which shows sendvault's own overhead once the parser's speed is set aside.
    """
    root = vault_dir + "/"
    officer = x25519.Identity.from_str(_secret_line(_read(key_path).decode()))
    epoch = tomllib.loads(_read(root + "vault.toml").decode())["key_epoch"]
    vault_key = x25519.Identity.from_str(_secret_line(pyrage.decrypt(_read(f"{root}vaultkeys/{epoch}.age"), [officer]).decode()))
    for cid in ids:
        case_key = pyrage.decrypt(_read(f"{root}casekeys/{cid}.e{epoch}.age"), [vault_key])
        ident = x25519.Identity.from_str(_secret_line(case_key.decode()))
        loads(pyrage.decrypt(_read(f"{root}cases/{cid}.age"), [ident]).decode())
    return len(ids)


def floor_read_rtoml(vault_dir: str, key_path: str, ids: list[str]) -> int:
    import rtoml

    return floor_read(vault_dir, key_path, ids, rtoml.loads)


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


PATHS = {"floor": floor_read, "floor-rtoml": floor_read_rtoml, "sendvault": sendvault_read, "sendvault-novalidate": lambda *a: sendvault_read(*a, validate=False)}


def _worker(path: str, vault_dir: str, key_path: str, ids: list[str], barrier, queue) -> None:
    schema._compiled.cache_clear()  # a real process pays for loading its validators once
    barrier.wait()
    t0, c0 = time.monotonic(), time.process_time()
    n = PATHS[path](vault_dir, key_path, ids)
    queue.put((t0, time.monotonic(), time.process_time() - c0, n))


def _busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU jiffies of the whole machine, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0, 0
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return sum(v) - idle, sum(v)


def run(path: str, vault_dir: Path, key_path: Path, ids: list[str], procs: int) -> dict:
    """``ids`` split across ``procs`` fresh processes started together.

    wall: cases/s by the wall clock (what a user sees; hostage to other load on a
    shared machine). cpu: cases/s per core by the workers' own CPU time (robust to
    other load). cores: how many cores the workers actually got (CPU time / wall).
    others: share of the machine's CPU that other processes used meanwhile.
    """
    barrier, queue = CTX.Barrier(procs), CTX.Queue()
    chunks = [ids[i::procs] for i in range(procs)]
    ps = [CTX.Process(target=_worker, args=(path, str(vault_dir), str(key_path), c, barrier, queue)) for c in chunks]
    busy0, total0 = _busy_jiffies()
    for p in ps:
        p.start()
    results = []
    while len(results) < procs:
        try:
            results.append(queue.get(timeout=1))
        except Exception:  # queue.Empty: a worker that died never reports
            if any(p.exitcode not in (None, 0) for p in ps):
                for p in ps:
                    p.kill()
                raise SystemExit(f"a {path} worker failed; see its traceback above")
    for p in ps:
        p.join()
    busy1, total1 = _busy_jiffies()
    start, end = min(r[0] for r in results), max(r[1] for r in results)
    cpu = sum(r[2] for r in results)
    assert sum(r[3] for r in results) == len(ids)
    hz = os.sysconf("SC_CLK_TCK")
    others = max(0.0, ((busy1 - busy0) / hz - cpu) / ((total1 - total0) / hz)) if total1 > total0 else 0.0
    return {"wall": len(ids) / (end - start), "cpu": len(ids) / cpu, "cores": cpu / (end - start), "others": others}


# --- per-stage costs (one process, microseconds per case) ---------------------


def _best_per_case(fn, items, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()  # CPU time: robust to other load on a shared machine
        for x in items:
            fn(x)
        best = min(best, time.process_time() - t0)
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
        "instead of tomllib: rtoml.loads (+ decode), sendvault's parser": _best_per_case(lambda p: parse_record(p.decode()), plains, r),
        "extra: Store.read x2 (safe path, O_NOFOLLOW) minus open().read()": None,
        "extra: Store.read x2 (safe path, O_NOFOLLOW)": _best_per_case(lambda c: (vault.store.read(case_key_path(c, ep)), vault.store.read(case_path(c))), ids, r),
        "extra: Store.path x2 (lstat per path component)": _best_per_case(lambda c: (vault.store.path(case_key_path(c, ep)), vault.store.path(case_path(c))), ids, r),
        "extra: crypto.parse_identities (incl. to_public)": _best_per_case(crypto.parse_identities, key_texts, r),
        "extra: crypto.comment_fields (case-id check of key)": _best_per_case(crypto.comment_fields, key_texts, r),
        "extra: record id check": _best_per_case(lambda p: p[1].get("id") != p[0], pairs, r),
        "extra: schema.validate (case)": _best_per_case(lambda rec: schema.validate("case", rec, "case"), records, r),
        "extra: compiled validator alone (jsonschema-rs)": _best_per_case(validator.is_valid, records, r),
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
    if not usable(vdir, last_key) or not usable(vdir, gen.default_identity(vdir)):
        _remove_vault(vdir, gen.default_identity(vdir), last_key)
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
    """Per-case read cost in vaults with 2 and 20 officers (CPU time, best of ``repeats``)."""
    rows = []
    for size in sizes:
        vdir, manager_key, last_key = team_vault(size, cases)
        ids = sorted(Vault.open(vdir).case_ids())
        for who, key in (("manager, 1st stanza", manager_key), (f"officer {size}, last stanza", last_key)):
            pairs = crypto.load_identity_file(key, lambda: None)
            unlock, per_case = [], []
            for _ in range(repeats):
                t0 = time.process_time()
                vault = Vault.open(vdir)
                vault.unlock(pairs)
                vault.index_keys()
                t1 = time.process_time()
                for cid in ids:
                    vault.read_case(cid)
                t2 = time.process_time()
                unlock.append((t1 - t0) * 1e3)
                per_case.append((t2 - t1) / len(ids) * 1e6)
            rows.append({"officers": size, "reader": who, "open_unlock_ms": min(unlock), "per_case_us": min(per_case), "cases": len(ids)})
        # For contrast, no hierarchy: one 3 KB file wrapped directly for every officer.
        recipients = [o.recipient for o in Vault.open(vdir).active_officers()]
        blob = pyrage.encrypt(b"x" * 3000, [x25519.Recipient.from_str(r) for r in recipients])
        last = crypto.load_identity_file(last_key, lambda: None)[0].identity
        rows.append({"officers": size, "reader": f"officer {size}", "flat_file_decrypt_us": _best_per_case(lambda _: pyrage.decrypt(blob, [last]), range(100), repeats)})
    return rows


# --- main ----------------------------------------------------------------------


def usable(vault_dir: Path, key: Path) -> bool:
    """Does this vault (made by an earlier run) still open with the current code?"""
    if not (vault_dir / "vault.toml").exists() or not key.exists():
        return False
    try:
        vault = Vault.open(vault_dir)
        vault.unlock(crypto.load_identity_file(key, lambda: None))
        ids = vault.case_ids()
        if ids:
            vault.index_keys()
            vault.read_case(ids[0])
        return True
    except SendvaultError as exc:
        print(f"{vault_dir} no longer opens with this sendvault ({exc.message}); making it again", file=sys.stderr)
        return False


def _remove_vault(vault_dir: Path, *keys: Path) -> None:
    import shutil

    if vault_dir.resolve().parent != OUT.resolve():
        raise SystemExit(f"{vault_dir} does not open with this sendvault; not removing a vault outside {OUT}")
    shutil.rmtree(vault_dir, ignore_errors=True)
    for k in keys:
        k.unlink(missing_ok=True)


def ensure_vault(vault_dir: Path, n: int, key: Path | None = None) -> tuple[Path, list[str]]:
    key = key or gen.default_identity(vault_dir)
    if vault_dir.exists() and not usable(vault_dir, key):
        _remove_vault(vault_dir, key)
    if not (vault_dir / "vault.toml").exists():
        print(f"generating {n} cases into {vault_dir} (once; reused afterwards) ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        gen.generate(vault_dir, n, SEED, identity=key, progress=lambda d, t: print(f"  {d}/{t}", file=sys.stderr, flush=True) if d % 2000 == 0 else None)
        print(f"  done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    ids = sorted(Vault.open(vault_dir).case_ids())
    if len(ids) < n:
        print(f"{vault_dir} has {len(ids)} cases; adding {n - len(ids)} ...", file=sys.stderr, flush=True)
        gen.generate(vault_dir, n - len(ids), SEED + len(ids), identity=key)
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
    key, ids = ensure_vault(vault_dir, args.cases, args.identity)
    for sub in ("cases", "casekeys"):  # warm the page cache: every path then reads from memory
        for name in os.listdir(vault_dir / sub):
            _read(f"{vault_dir}/{sub}/{name}")
    cores = os.cpu_count()
    print(f"{len(ids)} cases in {vault_dir}; {cores} cores; best of {args.repeats}, interleaved", file=sys.stderr)

    plan = [("floor", 1), ("floor-rtoml", 1), ("sendvault", 1), ("sendvault-novalidate", 1), ("floor", 2), ("sendvault", 2)]
    runs: dict[tuple[str, int], list[dict]] = {k: [] for k in plan}
    for rep in range(args.repeats):
        for path, procs in plan if rep % 2 == 0 else plan[::-1]:
            r = run(path, vault_dir, key, ids, procs)
            runs[(path, procs)].append(r)
            print(f"  run {rep + 1}: {path:<21} {procs} proc {r['wall']:7.0f} cases/s wall {r['cpu']:7.0f} cases/s/core cpu"
                  f"  (got {r['cores']:.2f} cores; others took {r['others']:.0%} of the machine)", file=sys.stderr, flush=True)
    best_run = {k: max(v, key=lambda r: r["wall"]) for k, v in runs.items()}
    wall = {k: r["wall"] for k, r in best_run.items()}
    cpu = {k: max(r["cpu"] for r in v) for k, v in runs.items()}

    sample = ids[: min(2000, len(ids))]
    print("per-stage costs ...", file=sys.stderr, flush=True)
    st = stages(vault_dir, key, sample, max(args.repeats, 5))
    team = []
    if args.team_cases:
        print("team sizes ...", file=sys.stderr, flush=True)
        team = team_costs([2, 20], args.team_cases, max(args.repeats, 5))

    def row(label: str, a: str, b: str) -> None:
        print(f"{label:<44}{a:>16}{b:>16}")

    r1, r2 = wall[("sendvault", 1)] / wall[("floor", 1)], wall[("sendvault", 2)] / wall[("floor", 2)]
    c1, c2 = cpu[("sendvault", 1)] / cpu[("floor", 1)], cpu[("sendvault", 2)] / cpu[("floor", 2)]
    print()
    print(f"sendvault read throughput: {len(ids)} cases, {cores} cores, {dt.date.today()}, best of {args.repeats} interleaved runs")
    row("wall clock, cases/s", "1 process", "2 processes")
    row("(b) floor: read + 2 decrypts + tomllib", f"{wall[('floor', 1)]:.0f}", f"{wall[('floor', 2)]:.0f}")
    row("(a) sendvault read_case, validated", f"{wall[('sendvault', 1)]:.0f}", f"{wall[('sendvault', 2)]:.0f}")
    row("    sendvault, validation off", f"{wall[('sendvault-novalidate', 1)]:.0f}", "")
    row("ratio (a)/(b), target >= 0.80", f"{r1:.2f}", f"{r2:.2f}")
    row("(b') floor with rtoml, sendvault's parser", f"{wall[('floor-rtoml', 1)]:.0f}", "")
    row("ratio (a)/(b'): sendvault's own overhead", f"{wall[('sendvault', 1)] / wall[('floor-rtoml', 1)]:.2f}", "")
    row("cores the 2 workers got (best floor, sendvault run)", "", f"{best_run[('floor', 2)]['cores']:.2f}, {best_run[('sendvault', 2)]['cores']:.2f}")
    row("CPU time, cases/s per core", "", "")
    row("(b) floor", f"{cpu[('floor', 1)]:.0f}", f"{cpu[('floor', 2)]:.0f}")
    row("(a) sendvault read_case, validated", f"{cpu[('sendvault', 1)]:.0f}", f"{cpu[('sendvault', 2)]:.0f}")
    row("    sendvault, validation off", f"{cpu[('sendvault-novalidate', 1)]:.0f}", "")
    row("ratio (a)/(b)", f"{c1:.2f}", f"{c2:.2f}")
    print()
    print(f"per-case cost by stage, CPU microseconds, 1 process, {len(sample)} cases, best of {max(args.repeats, 5)}:")
    for k, v in st.items():
        print(f"  {k:<66}{v:>8.1f}")
    if team:
        print()
        print(f"team size ({args.team_cases} cases per vault; CPU time; the vault key is opened once per process):")
        for t in team:
            if "per_case_us" in t:
                print(f"  {t['officers']:>2} officers, read as {t['reader']:<24} open+unlock {t['open_unlock_ms']:6.1f} ms   per case {t['per_case_us']:6.0f} us")
            else:
                print(f"  {t['officers']:>2} officers, no hierarchy: a 3 KB file wrapped for all {t['officers']}, opened by {t['reader']}: {t['flat_file_decrypt_us']:6.0f} us")
    if args.profile:
        print()
        print(profile(vault_dir, key, sample))

    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "host": {"cores": cores, "python": platform.python_version(), "machine": platform.machine(), "pyrage": getattr(pyrage, "__version__", None)},
        "cases": len(ids),
        "repeats": args.repeats,
        "runs": {f"{p}/{n}p": v for (p, n), v in runs.items()},
        "best_wall_cases_per_s": {f"{p}/{n}p": v for (p, n), v in wall.items()},
        "best_cpu_cases_per_s_per_core": {f"{p}/{n}p": v for (p, n), v in cpu.items()},
        "ratio_wall": {"1p": r1, "2p": r2},
        "ratio_cpu": {"1p": c1, "2p": c2},
        "ratio_wall_vs_rtoml_floor": {"1p": wall[("sendvault", 1)] / wall[("floor-rtoml", 1)]},
        "stages_us": st,
        "team": team,
    }
    out = args.json or OUT / f"throughput-{len(ids)}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
