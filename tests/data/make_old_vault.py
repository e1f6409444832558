"""Make the vault kept in tests/data/vault-2026-12-05/: a small vault written by sendvault as it was on
2026-12-05, before a case held a list of people (issue 23), with what `show --json`, `find` and
`report --json` said of it then (expected.json). tests/test_old_vault.py opens a copy with today's
sendvault and checks that it still says the same, apart from new fields.

Run once, from the project's root, with the code of that day (it refuses to overwrite):
    .venv/bin/python tests/data/make_old_vault.py
The cases are synthetic: every name, phone number and address is made up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "vault-2026-12-05"
POLICY = "2025-01"

CASES = {
    "parent-call": """
kind = "case"
anonymous = false
record_personal_details = true
[contact]
date = 2026-11-02
channel = "phone"
route = "self"
caller = "parent-carer"
parental_responsibility = true
heard_about = "school newsletter"
[contact.policy_explained]
version = "2025-01"
date = 2026-11-02
copy_given = true
[person]
name = "Jane Example"
address = "1 Example Road, Exampletown"
postcode = "EX1 2NP"
phone = "07700 900123"
email = "jane@example.org"
relationship = "mother"
[child]
name = "Sam Example"
date_of_birth = 2014-03-09
school = "Example Hill Primary School"
[contact_preferences]
call_at_work = false
answerphone_messages = true
messages_with_family = false
post_ok = true
[profile]
school_phase = "secondary"
sen_stage = "sen-support"
primary_need = "ASD"
ethnicity = "WBRI"
locality = "North"
issues = ["ehc-needs-assessment", "exclusion"]
support_level = "advice"
""",
    "professional-referral": """
kind = "case"
anonymous = false
record_personal_details = true
[contact]
date = 2026-11-10
channel = "email"
route = "professional"
referrer = "SENCo"
caller = "professional"
[contact.referral_permission]
given_by = "parent-carer"
date = 2026-11-09
method = "verbal"
[contact.policy_explained]
version = "2025-01"
date = 2026-11-10
copy_given = false
[person]
name = "Grace Mensah"
phone = "01632 960321"
email = "senco@hilltop.example.org"
relationship = "SENCo"
[child]
name = "Kofi Mensah"
date_of_birth = 2016-06-01
school = "Hill Top Academy"
[profile]
school_phase = "primary"
sen_stage = "ehc-needs-assessment"
primary_need = "SLCN"
locality = "South"
issues = ["ehc-needs-assessment"]
support_level = "casework"
""",
    "young-person-alone": """
kind = "case"
anonymous = false
record_personal_details = true
[contact]
date = 2026-11-20
channel = "phone"
route = "self"
caller = "young-person"
[contact.policy_explained]
version = "2025-01"
date = 2026-11-20
copy_given = true
[person]
name = "Robin Hale"
phone = "07700 900456"
[child]
name = "Robin Hale"
date_of_birth = 2009-08-15
[profile]
school_phase = "post-16"
sen_stage = "ehc-plan"
primary_need = "SEMH"
issues = ["transition"]
support_level = "advice"
""",
    "anonymous": """
kind = "case"
anonymous = true
record_personal_details = false
[contact]
date = 2026-11-25
channel = "phone"
route = "self"
caller = "parent-carer"
parental_responsibility = true
[contact.policy_explained]
version = "2025-01"
date = 2026-11-25
copy_given = false
[profile]
age_band = "5-10"
school_phase = "primary"
issues = ["attendance"]
support_level = "information"
""",
}


def run(*args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "SENDVAULT_VAULT": str(HERE / "vault"), "SENDVAULT_IDENTITY": str(HERE / "manager.key"),
           "SENDVAULT_AGENT": "off", "COLUMNS": "200", "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "sendvault", *args], env=env, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {p.stderr}")
    return p.stdout.strip()


def main() -> None:
    if (HERE / "vault").exists():
        raise SystemExit(f"{HERE} exists: it is the vault of that day, kept as made")
    HERE.mkdir(parents=True, exist_ok=True)
    recipient = run("keygen", "--no-passphrase", "--out", str(HERE / "manager.key"))
    run("init", str(HERE / "vault"), "--service", "Exampleshire SENDIASS", "--officer", "Ann Manager",
        "--recipient", recipient, "--policy-version", POLICY, "--locality", "North", "--locality", "South")
    ids = {name: run("intake", "--from", "-", stdin=text) for name, text in CASES.items()}
    parent, pro, young = ids["parent-call"], ids["professional-referral"], ids["young-person-alone"]
    run("note", parent, "Jane rang about the EHC needs assessment; will send the form.", "--from", "parent-carer")
    run("note", parent, "Sam told us in confidence he is being bullied.", "--from", "young-person", "--private")
    run("consent", "grant", parent, "share-information", "--party", "Example Hill Primary School",
        "--by", "parent-carer", "--method", "written")
    run("share", parent, "--to", "Example Hill Primary School", "--only", "child,profile",
        "--out", str(HERE / "share.pdf"))
    run("note", pro, "Mum (Abena Mensah, 07700 900789) rang back: she agrees to the referral.", "--from", "parent-carer")
    run("consent", "refuse", young, "see-records", "--method", "verbal",
        "--note", "Talked it through on their own; they understand.")
    run("close", ids["anonymous"], "--outcome", "advice-given")
    (HERE / "share.pdf").unlink()
    expected = {
        "ids": ids,
        "show": {name: json.loads(run("show", cid, "--json")) for name, cid in ids.items()},
        "find": {q: json.loads(run("find", q, "--json")) for q in ("jane example", "07700900123", "mensah", "EX1 2NP")},
        "report": json.loads(run("report", "--from", "2026-04-01", "--to", "2026-12-05", "--format", "json")),
    }
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"made {HERE}")


if __name__ == "__main__":
    main()
