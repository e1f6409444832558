"""A purge of 500 due cases killed (SIGKILL) at random moments, repeatedly, always
leaves a vault that `sendvault verify` passes, and the next purge finishes the job:
each case destroyed exactly once, recorded once, counted once, audited once.

A few rounds by default; many more with SENDVAULT_STRESS=1 (`make stress`). The
kill timings come from a fixed seed (printed; SENDVAULT_CRASH_SEED replays them).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter

import pytest

from conftest import Env, assert_no_personal_data, core_vault
from test_retention import OLD, set_rules

STRESS = os.environ.get("SENDVAULT_STRESS") == "1"
CASES = 500
SEED = int(os.environ.get("SENDVAULT_CRASH_SEED", "20261111"))


def start_purge(env: Env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sendvault", "retention", "purge", "--yes", "--quiet"],
                            env={**os.environ, **env.env()}, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_a_killed_purge_always_verifies_and_the_next_one_finishes_exactly_once(env: Env, capsys):
    v = core_vault(env)
    created = [v.create_case(json.loads(json.dumps({**OLD, "contact": {**OLD["contact"], "heard_about": "school"}})))
               for _ in range(CASES)]
    set_rules(env)
    rng = random.Random(SEED)
    kills, rounds = 0, 0
    max_rounds = 60 if STRESS else 12
    with capsys.disabled():
        print(f"\npurge crash test: seed {SEED}, {CASES} cases, up to {max_rounds} kills")
    while rounds < max_rounds:
        rounds += 1
        p = start_purge(env)
        delay = rng.uniform(0.3, 1.6) if STRESS else rng.uniform(0.4, 1.4)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            kills += 1
        out, err = p.communicate(timeout=60)
        where = f"round {rounds} (seed {SEED}, killed after {delay:.3f}s)"
        assert_no_personal_data(out, err)  # what the purge printed before it was killed, or as it ended
        assert "Traceback" not in err, f"{where}: {err}"
        r = env.cli("verify", "--json")
        assert r.exit_code == 0, f"{where}: {r.stdout}{r.stderr}"
        assert_no_personal_data(r.stdout, r.stderr)
        if p.returncode == 0:
            break
        assert p.returncode == -signal.SIGKILL, f"{where}: {err}"
    p = start_purge(env)  # whatever is left: finish it
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert_no_personal_data(out, err)
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stdout
    assert all("temporary file" in n for n in json.loads(r.stdout)["notes"]), r.stdout  # nothing unfinished

    assert not list((env.vault / "cases").glob("*.age"))
    assert not list((env.vault / "casekeys").glob("*.age"))
    records = sorted(p.name for p in (env.vault / "destroyed").iterdir() if not p.name.startswith(".tmp-"))
    assert records == sorted(f"{c}.json" for c in created)  # recorded once each, nothing pending
    assert len(list((env.vault / "statistics").glob("*.age"))) == CASES  # counted once each
    from sendvault.store import destruction

    # Whether written at once or by the purge that finished an interrupted one, each keeps its code.
    assert [s["contact"].get("heard_about") for s in destruction.statistical_records(core_vault(env))] == ["school"] * CASES
    audited = Counter(e["case"] for e in json.loads(env.cli("audit", "show", "--json").stdout)
                      if e["command"] == "retention purge" and e["case"])
    assert audited == Counter({c: 1 for c in created})  # destroyed once each
    r = env.cli("retention", "purge", "--yes", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["destroyed"] == []  # nothing left to do
    if os.environ.get("SENDVAULT_FIGURES"):
        with open(os.environ["SENDVAULT_FIGURES"], "a") as f:
            f.write(json.dumps({"test": "purge-crash", "kills": kills, "done": CASES}) + "\n")
    with capsys.disabled():
        print(f"purge crash test: {kills} kills in {rounds} rounds; every case destroyed, recorded and counted once")
