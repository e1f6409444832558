"""The synthetic vaults the demo and the benches use pass the vault's own checks.

``make demo`` makes a vault with ``init`` today, then writes years of synthetic
history into it: each machine's audit log must still run forward in time, or
``verify`` reports a clock that went back.
"""

from __future__ import annotations

import sys

from conftest import ROOT, Env


def test_history_generated_into_a_vault_made_today_verifies(env: Env):
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    device = (env.vault / "local" / "device").read_bytes()
    made = generate.generate(env.vault, 40, 7, identity=env.key)
    assert len(made) == 40
    assert (env.vault / "local" / "device").read_bytes() == device  # this machine is still itself
    for args in (("verify",), ("audit", "verify")):
        r = env.cli(*args)
        assert r.exit_code == 0, r.stderr
    assert len(list((env.vault / "audit").glob("*.log"))) == 2  # today's init, and the history's machine
