"""Bulk reads on every core (list, find, policy, verify): the same answers as one process.

SENDVAULT_WORKERS forces the forked path on a small vault, so the tests stay quick.
"""

from __future__ import annotations

import json

import pytest

from conftest import OTHER_CASE, Env, case_file, make_case, one_line_error


@pytest.fixture
def five(env: Env) -> tuple[Env, list[str]]:
    ids = [make_case(env) for _ in range(4)] + [make_case(env, OTHER_CASE)]
    return env, sorted(ids)


@pytest.mark.parametrize("workers", ["1", "2", "3"])
def test_list_find_and_policy_agree_whatever_the_workers(five, workers):
    env, ids = five
    env.extra_env["SENDVAULT_WORKERS"] = workers
    r = env.cli("list", "--json")
    assert r.exit_code == 0, r.stderr
    assert sorted(row["id"] for row in json.loads(r.stdout)) == ids
    r = env.cli("find", "example", "--json")
    assert r.exit_code == 0, r.stderr
    assert len(json.loads(r.stdout)) >= 4
    r = env.cli("policy", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["not_told"] == []
    r = env.cli("verify", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["cases"] == 5


def test_a_damaged_case_read_by_a_worker_is_reported_as_itself(five):
    env, ids = five
    env.extra_env["SENDVAULT_WORKERS"] = "2"
    last = ids[-1]  # in the second share: read by the forked worker
    f = case_file(env, last)
    data = bytearray(f.read_bytes())
    data[-20] ^= 0xFF
    f.write_bytes(bytes(data))
    r = env.cli("verify", "--json")
    assert r.exit_code == 4
    assert [p for p in json.loads(r.stdout)["problems"] if p.startswith(f"case {last}:")]
    # One damaged file does not hide the other cases: they are listed, then the command fails.
    r = env.cli("list", "--json")
    assert r.exit_code == 1
    assert sorted(row["id"] for row in json.loads(r.stdout)) == ids[:-1]
    assert f"1 case(s) could not be read and are not listed: {last}" in one_line_error(r)
    r = env.cli("find", "example", "--json")
    assert r.exit_code == 1 and last not in r.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_index_read_in_pipelined_batches_gives_the_same_answers(five, workers, monkeypatch):
    """Batch k + 1 is read by the workers while batch k is filed: with batches of 2 cases (3 batches),
    a damaged case in the middle one, and a report computed in the readers, nothing is lost or doubled."""
    import shutil

    from sendvault.store import index

    env, ids = five
    env.extra_env["SENDVAULT_WORKERS"] = workers
    expected_list = env.cli("list", "--json").stdout
    expected_report = env.cli("report", "--from", "2020-01-01", "--to", "2030-12-31", "--format", "csv").stdout
    monkeypatch.setattr(index, "BATCH", 2)
    shutil.rmtree(env.vault / "local" / "index")
    assert env.cli("list", "--json").stdout == expected_list
    shutil.rmtree(env.vault / "local" / "index")
    r = env.cli("report", "--from", "2020-01-01", "--to", "2030-12-31", "--format", "csv")
    assert r.exit_code == 0 and r.stdout == expected_report
    f = case_file(env, ids[2])  # the third case: in the second batch
    data = bytearray(f.read_bytes())
    data[-20] ^= 0xFF
    f.write_bytes(bytes(data))
    shutil.rmtree(env.vault / "local" / "index")
    r = env.cli("list", "--json")
    assert r.exit_code == 1
    assert sorted(row["id"] for row in json.loads(r.stdout)) == [c for c in ids if c != ids[2]]
    assert f"1 case(s) could not be read and are not listed: {ids[2]}" in one_line_error(r)


def test_a_batch_no_longer_wanted_is_stopped_at_once():
    """An error or Ctrl-C while the index files one batch: the readers of the next are stopped, not waited for."""
    import os
    import time

    from sendvault.store import parallel

    started = parallel.Started(lambda share: [time.sleep(60)], [1, 2], 2)
    pids = [pid for pid, _ in started.children]
    assert len(pids) == 2
    t = time.monotonic()
    started.cancel()
    assert time.monotonic() - t < 10
    for pid in pids:
        with pytest.raises(ChildProcessError):  # reaped already: nothing left running
            os.waitpid(pid, 0)
    in_process = parallel.Started(lambda share: pytest.fail("work done for a cancelled batch"), [1], 1)
    in_process.cancel()
    with pytest.raises(RuntimeError):
        in_process.collect()
