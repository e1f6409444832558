"""A writer killed (SIGKILL) at any instant leaves the old or the new state, never a
torn file or a lost case: after every kill `sendvault verify` passes and every case
id the writer reported (printed only after create_case returned) opens.

15 rounds by default; 100 with SENDVAULT_STRESS=1 (`make stress`). The kill timings
come from a fixed seed (printed; override with SENDVAULT_CRASH_SEED to replay).
"""

from __future__ import annotations

import json
import os
import random
import signal
import time

import pytest

from conftest import Env, assert_no_personal_data, case_fields, show, start_writer

STRESS = os.environ.get("SENDVAULT_STRESS") == "1"
ROUNDS = 100 if STRESS else 15
SEED = int(os.environ.get("SENDVAULT_CRASH_SEED", "20250102"))


@pytest.mark.slow
def test_killed_writer_never_loses_or_tears_a_case(env: Env, ram_dir, capsys):
    fields = ram_dir / "fields.json"
    fields.write_text(json.dumps(case_fields()))
    rng = random.Random(SEED)
    with capsys.disabled():
        print(f"\ncrash test: seed {SEED}, {ROUNDS} rounds (SENDVAULT_CRASH_SEED={SEED} replays these kill times)")
    reported: list[str] = []
    interrupted = 0
    for n in range(1, ROUNDS + 1):
        delay = rng.uniform(0.05, 1.0)
        p = start_writer(env, fields)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=60)
        assert p.returncode == -signal.SIGKILL, f"round {n}: the writer ended by itself: {err}"
        assert_no_personal_data(out, err)  # what the killed writer printed
        assert "Traceback" not in err, err
        ids = [w for w in out.split() if w != "ready"]
        reported += ids
        where = f"round {n} (seed {SEED}, killed after {delay:.3f}s, {len(ids)} new cases)"

        r = env.cli("verify", "--json")
        assert r.exit_code == 0, f"{where}: {r.stdout}{r.stderr}"
        assert_no_personal_data(r.stdout, r.stderr)
        result = json.loads(r.stdout)
        interrupted += bool(result["notes"])
        assert result["cases"] >= len(reported), where
        for cid in ids:
            assert show(env, cid)["id"] == cid, where
        r = env.cli("audit", "verify")
        assert r.exit_code == 0, f"{where}: {r.stderr}"

    assert len(set(reported)) == len(reported)
    assert reported, "the writer never got to create a case: the kills came too early to test anything"
    r = env.cli("list", "--json")
    assert r.exit_code == 0, r.stderr
    in_vault = {row["id"] for row in json.loads(r.stdout)}
    assert set(reported) <= in_vault
    # Every case reported is recorded in the audit trail, whatever was killed after it.
    intakes = {e["case"] for e in json.loads(env.cli("audit", "show", "--json").stdout) if e["command"] == "intake"}
    assert set(reported) <= intakes
    if os.environ.get("SENDVAULT_FIGURES"):
        with open(os.environ["SENDVAULT_FIGURES"], "a") as f:
            f.write(json.dumps({"test": "crash", "kills": ROUNDS, "done": len(reported)}) + "\n")
    with capsys.disabled():
        print(f"crash test: {len(reported)} cases reported, {len(in_vault)} in the vault, "
              f"{interrupted} rounds left traces of an interrupted write (notes)")
