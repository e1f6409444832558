"""Start-up: what a command must not load."""

from __future__ import annotations


def test_show_does_not_import_pydantic(env):
    """Start-up: Typer's pydantic-based coercion is bypassed for our plain options (``show`` of a case, run to its end)."""
    import os
    import subprocess
    import sys

    from conftest import make_case

    cid = make_case(env)
    code = (
        f"import sys; sys.argv=['sendvault','show',{cid!r},'--json']\n"
        "from sendvault.cli import app\n"
        "from typer.main import get_command\n"
        "try:\n    get_command(app).main(args=sys.argv[1:], standalone_mode=True)\n"
        "except SystemExit as e:\n    status = e.code\nelse:\n    status = 0\n"
        "print(status, 'pydantic' in sys.modules, file=sys.stderr)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env.env()},
                       capture_output=True, text=True, timeout=60)
    assert p.stderr.strip().splitlines()[-1] == "0 False", p.stderr  # show succeeded, without pydantic
    assert f'"id": "{cid}"' in p.stdout


def test_show_imports_only_what_it_uses(env):
    """Start-up (issue 12): ``show`` loads its own command module and the core it needs, nothing else.

    Not the other command modules, nor the libraries only some commands use: the PDF
    maker and its text shaping (share, subject access), the solver (report), phone
    metadata (redact), jsonschema (only for a record that fails), pydantic.
    """
    import json
    import os
    import subprocess
    import sys

    from conftest import make_case

    cid = make_case(env)
    code = (
        "import sys; sys.argv=['sendvault','show',sys.argv[1]]\n"
        "from sendvault.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    p = subprocess.run([sys.executable, "-c", code, cid], env={**os.environ, **env.env(), "SENDVAULT_AGENT": "off"},
                       capture_output=True, text=True, timeout=60)
    assert "Jane Example" in p.stdout, p.stderr
    loaded = set(json.loads(p.stderr.strip().splitlines()[-1]))
    assert "sendvault.cli.case_cmds" in loaded
    heavy = {"fpdf", "uharfbuzz", "scipy", "highspy", "numpy", "phonenumbers", "jsonschema", "pydantic", "cryptography",
             "sendvault.statistics.report", "sendvault.statistics.units", "sendvault.statistics.periods",
             "sendvault.statistics.tables", "sendvault.statistics.suppression", "sendvault.statistics.lp_audit",
             "sendvault.statistics.extract", "sendvault.disclosure.render", "sendvault.disclosure.pdf_layout", "sendvault.disclosure.handover", "sendvault.disclosure.markup", "sendvault.disclosure.sar_cover", "sendvault.disclosure.redact",
             "sendvault.disclosure.redact_patterns", "sendvault.disclosure.redact_names",
             "sendvault.disclosure.redact_matching", "sendvault.store.index", "sendvault.store.index_format",
             "sendvault.store.index_query", "sendvault.store.index_snapshot", "sendvault.cli.report_cmds",
             "sendvault.cli.sar_cmds", "sendvault.cli.disclosure_cmds", "sendvault.cli.redact_cmds",
             "sendvault.cli.retention_cmds", "sendvault.cli.vault_cmds", "sendvault.cli.intake_cmd"}
    assert not loaded & heavy, sorted(loaded & heavy)
