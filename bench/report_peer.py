"""sendvault's disclosure control beside tau-ARGUS on the same tables from the same generated caseloads (issue 10).

    python bench/report_peer.py [--seeds 10] [--sizes 30,60,150,500,2000]

For each caseload (``tests/report_fakes.py``: skewed, as real caseloads are) the same
tables (``tests/report_peer.py``: primary need by age band and support level by
locality with their margins, and eight one-way tables) are protected at threshold 5 by
sendvault and by tau-ARGUS (``pytauargus``, HiGHS) with optimal (OPT) and modular (MOD)
secondary suppression. Counted for each: cells hidden and their total count, each
distinct number once. The intruder's audit of ``tests/test_report_audit.py`` (linear
programming over every published cell and total) is run on every output, tau-ARGUS's
included. Target: sendvault hides no more than 1.1x what tau-ARGUS hides.
Results also go to bench/out/report-peer.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent))

import report_peer  # noqa: E402  (tests/report_peer.py)
from report_fakes import units  # noqa: E402
from test_report_audit import _audit  # noqa: E402

from sendvault.statistics import periods, tables as report_tables  # noqa: E402

TODAY = dt.date(2025, 6, 1)
WHEN = periods.default_period(TODAY)
METHODS = ("sendvault", "tau-ARGUS OPT", "tau-ARGUS MOD")


def _isolated(tabs, method: str):
    """tau-ARGUS in a forked process: its MOD (HiTaS) sometimes fails, and once it corrupted the heap and
    took the process down. Returns the hidden keys, or None if it failed."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def work():
        try:
            queue.put(report_peer.tauargus_hidden(tabs, 5, method))
        except Exception as exc:  # noqa: BLE001 - a failed run is counted, not fatal
            queue.put(f"{type(exc).__name__}: {exc}")

    p = ctx.Process(target=work)
    p.start()
    try:
        result = queue.get(timeout=300)
    except Exception:  # noqa: BLE001 - the child died without answering
        result = "crashed"
    p.join()
    return None if isinstance(result, str) else result


def _passes(tabs, groups) -> bool:
    try:
        _audit(report_tables.Report("Bench", WHEN, TODAY, "threshold", 5, tabs, groups, {"hidden": True}, {}))
        return True
    except AssertionError:
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--sizes", default="30,60,150,500,2000")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows, worst = [], {m: (0.0, 0.0) for m in METHODS[1:]}
    totals = {m: [0, 0] for m in METHODS}
    audits = {m: 0 for m in METHODS}
    seconds = {m: 0.0 for m in METHODS}
    failed = {m: 0 for m in METHODS}
    paired = {m: [0, 0, 0, 0] for m in METHODS[1:]}  # sendvault's and m's cells and count where m ran
    for n in sizes:
        per = {m: [0, 0] for m in METHODS}
        for seed in range(args.seeds):
            caseload = units(n, seed)
            got = {}
            for method in METHODS:
                tabs, groups = report_peer.tables(caseload, WHEN)
                t = time.perf_counter()
                if method == "sendvault":
                    hidden = report_peer.sendvault_hidden(tabs, groups, 5)
                else:
                    hidden = _isolated(tabs, method.split()[-1])
                seconds[method] += time.perf_counter() - t
                if hidden is None:
                    failed[method] += 1
                    got[method] = None
                    continue
                report_peer.publish(tabs, hidden)
                audits[method] += _passes(tabs, groups)
                got[method] = report_peer.loss(tabs, hidden)
                per[method] = [a + b for a, b in zip(per[method], got[method])]
                totals[method] = [a + b for a, b in zip(totals[method], got[method])]
            for m in METHODS[1:]:
                if got[m] is None:
                    continue
                paired[m] = [a + b for a, b in zip(paired[m], (*got["sendvault"], *got[m]))]
                ratio = tuple(a / b if b else 1.0 for a, b in zip(got["sendvault"], got[m]))
                worst[m] = tuple(max(w, r) for w, r in zip(worst[m], ratio))
        rows.append((n, per))
    runs = len(sizes) * args.seeds
    print(f"{runs} caseloads ({args.seeds} seeds of each size), threshold 5, 2 cross-tabulations and 8 one-way tables each")
    print(f"{'cases':>6}  " + "  ".join(f"{m + ' cells / count':>30}" for m in METHODS))
    for n, per in rows:
        print(f"{n:>6}  " + "  ".join(f"{per[m][0]:>20} / {per[m][1]:>7}" for m in METHODS))
    print("(a tau-ARGUS run that failed adds nothing to its column; the ratios below pair the caseloads it ran)")
    print(f"{'all':>6}  " + "  ".join(f"{totals[m][0]:>20} / {totals[m][1]:>7}" for m in METHODS))
    out = {"caseloads": runs, "sizes": sizes, "seeds": args.seeds, "totals": totals, "audit_passed": audits,
           "seconds": seconds, "by_size": {n: per for n, per in rows}}
    for m in METHODS[1:]:
        cells, count = paired[m][0] / paired[m][2], paired[m][1] / paired[m][3]
        print(f"sendvault / {m}: cells {cells:.3f}x, total count {count:.3f}x (target <= 1.1x); "
              f"worst single caseload: cells {worst[m][0]:.2f}x, count {worst[m][1]:.2f}x")
        out[f"sendvault / {m}"] = {"cells": cells, "count": count, "worst_cells": worst[m][0], "worst_count": worst[m][1]}
    print("audit passed: " + ", ".join(f"{m} {audits[m]}/{runs - failed[m]}" for m in METHODS))
    print("runs that failed: " + ", ".join(f"{m} {failed[m]}" for m in METHODS))
    out["failed"] = failed
    print("time: " + ", ".join(f"{m} {seconds[m]:.1f} s" for m in METHODS))
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "report-peer.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
