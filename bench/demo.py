"""`make demo`: a demo vault of synthetic cases, and the main jobs run on it.

Every step prints the command it runs and what it did, as an officer would see
it, then what to try next. The vault and its demo key live in ./demo-vault
(remade each run; nothing in it is real).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo-vault"
VAULT = DEMO / "vault"
KEY = DEMO / "manager.key"
CASES = int(os.environ.get("DEMO_CASES", "300"))

INTAKE = """\
kind = "case"
anonymous = false
record_personal_details = true

[contact]
date = {today}
channel = "phone"
route = "professional"
referrer = "health visitor"
referral_permission = {{ given_by = "parent-carer", date = {today}, method = "verbal" }}
caller = "parent-carer"
parental_responsibility = true
heard_about = "school"
policy_explained = {{ version = "{policy}", date = {today}, copy_given = true }}

[person]
name = "Jane Demo"
postcode = "EX1 2NP"
phone = "07700 900123"
email = "jane@example.org"
relationship = "mother"

[child]
name = "Zoë Demo"
date_of_birth = 2014-03-09
school = "Example Hill Primary School"

[contact_preferences]
call_at_work = false
answerphone_messages = true
messages_with_family = false

[profile]
school_phase = "primary"
sen_stage = "sen-support"
primary_need = "ASD"
ethnicity = "WBRI"
locality = "North"
issues = ["ehc-needs-assessment", "exclusion"]
support_level = "advice"
level = "2"
"""

# How the demo's old answers, typed in words before the service had a list (bench/generate.py), map to its codes.
# "Social media", "support group" and "school" need no rule: they are a code or a code's words.
MAPPING = {"local offer website": "local-offer", "health visitor": "health", "GP": "health",
           "friend or family": "family-friends", "another parent": "family-friends", "search engine": "website",
           "leaflet": "event", "council": "local-authority", "used the service before": "used-before"}


# A young person of 17 who rang alone: what they told us is theirs.
YOUNG_PERSON = """
kind = "case"
anonymous = false
record_personal_details = true

[contact]
date = {today}
channel = "phone"
route = "self"
caller = "young-person"

[contact.policy_explained]
version = "{policy}"
date = {today}
copy_given = true

[person]
name = "Robin Demo"
phone = "07700 900456"

[child]
name = "Robin Demo"
date_of_birth = {born}

[profile]
school_phase = "post-16"
sen_stage = "ehc-plan"
primary_need = "SEMH"
issues = ["transition"]
support_level = "advice"
"""


def _demo_email() -> bytes:
    """A synthetic e-mail from the demo case's parent (Jane Demo), with a small PDF attached."""
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"], m["To"] = "Jane Demo <jane@example.org>", "Demoshire SENDIASS <help@demoshire-sendiass.example>"
    m["Subject"], m["Date"] = "Re: EHC needs assessment request – brouillon", "Tue, 03 Nov 2026 18:02:00 +0000"
    m.set_content("Hello,\nhere is my draft of the request. Could you look at it before I send it?\nJane\n")
    m.add_attachment(b"%PDF-1.4\n% a demo draft request\n%%EOF\n", maintype="application", subtype="pdf",
                     filename="draft request.pdf")
    return bytes(m)


def step(title: str, *args: str, stdin: str | None = None, show: int = 25) -> str:
    print(f"\n\033[1m== {title}\033[0m")
    print("$ sendvault " + " ".join(shlex.quote(a) for a in args))
    env = {**os.environ, "SENDVAULT_VAULT": str(VAULT), "SENDVAULT_IDENTITY": str(KEY), "COLUMNS": "110"}
    p = subprocess.run([sys.executable, "-m", "sendvault", *args], env=env, input=stdin, capture_output=True, text=True)
    lines = (p.stdout + p.stderr).rstrip().splitlines()
    for line in lines[:show]:
        print("  " + line)
    if len(lines) > show:
        print(f"  ... ({len(lines) - show} more lines)")
    if p.returncode not in (0,):
        print(f"  (exit {p.returncode})")
    return p.stdout.strip()


def _heard_about_rows(title: str) -> None:
    """The report's 'how they heard' table, as the CSV publishes it."""
    import csv
    import io

    text = step(title, "report", "--format", "csv", show=0)
    for row in csv.DictReader(io.StringIO(text)):
        if row["table"] == "heard_about":
            print(f"  {row['row']:<55} {row['count'] or row['symbol']}")


def main() -> None:
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    from bench.generate import generate

    if DEMO.exists():
        shutil.rmtree(DEMO)
    DEMO.mkdir()
    recipient = step("a manager's key (plain, for the demo: real officers protect theirs with a passphrase)",
                     "keygen", "--no-passphrase", "--out", str(KEY))
    step("a new vault", "init", str(VAULT), "--service", "Demoshire SENDIASS", "--officer", "Demo Manager",
         "--recipient", recipient, "--policy-version", "2025-01",
         *[a for loc in ("North", "South", "East", "West", "Central") for a in ("--locality", loc)])
    step("the service's own phone, e-mail and address, printed on everything a family or a school receives",
         "service-details", "--phone", "01632 960000", "--email", "help@demoshire-sendiass.example.org",
         "--address", "Unit 4 The Maltings, Exampletown, EX1 2NP")
    print(f"\n\033[1m== {CASES} synthetic cases, written through the storage API\033[0m")
    generate(VAULT, CASES, 2026, identity=KEY)
    print(f"  wrote {CASES} cases")

    today = dt.date.today().isoformat()
    cid = step("intake from a file (a form filled elsewhere)", "intake", "--from", "-",
               stdin=INTAKE.format(today=today, policy="2025-01"))
    step("the new case", "show", cid, show=60)
    step("find it again (accents and case don't matter)", "find", "zoe demo")
    # A note as officers write them, naming people, the school, a phone number and a date: the case
    # study below shows each one replaced.
    step("a note", "note", cid, "Jane Demo rang on 07700 900123 on 3 November 2026: Zoë is not coping at "
         "Example Hill Primary School. Explained the EHC needs assessment request; Jane will send the form this week.")
    step("a follow-up: when to come back to it, and why (a few words, no personal details)",
         "follow-up", cid, "+1w", "check the EHC request was sent")
    step("the start of a working day: follow-ups due, cases gone quiet", "today", show=20)
    email = VAULT.parent / "Re EHC request.eml"
    email.write_bytes(_demo_email())
    step("an e-mail from the parent, with the draft request attached: a note, a document per attachment, and the "
         "e-mail itself, each encrypted in the case; the original deleted once the vault's copy is checked",
         "attach", cid, str(email), "--remove-original")
    step("the case's documents", "documents", cid)
    step("the paper file the office also keeps: where it is (its label and note stay in the case)",
         "paper", "add", cid, "--where", "office-cabinet", "--label", "Letters from the school 2026")
    step("taken to a home visit, after a risk assessment: who has it and since when",
         "paper", "out", cid, "1", "--risk-assessment", "home visit; kept in a locked bag, back the same day")
    step("back in the cabinet", "paper", "back", cid, "1")
    school = "Example Hill Primary School"
    out = DEMO / "for-school.pdf"
    step("a share with no consent is refused (exit 5), and no file is written",
         "share", cid, "--to", school, "--only", "first-contact,child,profile", "--out", str(out))
    step("record the consent to share with the school", "consent", "grant", cid, "share-information",
         "--party", school, "--by", "parent-carer", "--method", "written")
    step("now the share: a password-protected PDF; the password is shown once, to phone through",
         "share", cid, "--to", school, "--only", "first-contact,child,profile,notes", "--out", str(out))
    step("consents and disclosures side by side", "consent", "show", cid, show=30)
    step("a parent asks for their records: the request and its due date (one calendar month)",
         "sar", "request", cid, "--for", "parent")
    step("open requests, overdue first", "list", "--sar-due", show=8)
    copy = DEMO / "copy-for-parent.pdf"
    step("the copy for the parent: a password-protected PDF, with a cover page of what was withheld and why",
         "sar", cid, "--for", "parent", "--out", str(copy))
    step("the child's father, separated, rings too: he is added as person 3, with his own details",
         "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility", "yes",
         "--name", "Tom Demo", "--phone", "07700 900777", "--address", "9 Other Street, Demoton", "--from", "parent-carer")
    step("what he tells us, kept from the mother at his request", "note", cid,
         "Father asks that his new address is not passed to the mother.", "--from", "3", "--private")
    step("two parents: 'parent' alone cannot say whose request it is (refused)", "sar", "request", cid, "--for", "parent")
    step("his own request, by his number", "sar", "request", cid, "--for", "3")
    step("his copy: his own details and none of the mother's address, phone or e-mail",
         "sar", cid, "--for", "3", "--out", str(DEMO / "copy-for-father.pdf"))
    born = (dt.date.today() - dt.timedelta(days=17 * 365 + 30)).isoformat()
    young = step("a young person of 17 rings about themselves, alone", "intake", "--from", "-",
                 stdin=YOUNG_PERSON.format(today=today, policy="2025-01", born=born))
    step("their parent asks for 'their records': recorded, for the service to answer",
         "sar", "request", young, "--for", "parent")
    step("no copy: any copy would tell the parent that the young person contacted us (exit 5; you are told why)",
         "sar", young, "--for", "parent", "--out", str(DEMO / "never-written.pdf"))
    reply = DEMO / "reply-to-parent.pdf"
    step("the reply that neither confirms nor denies: nothing of the case in it, the same as to a parent we hold "
         "nothing about", "sar", "unconfirmed", young, "--out", str(reply))
    step("the work grew: the intervention level goes up (who and when are kept)", "level", cid, "3")
    step("close it with its outcome, the family's evaluation (1 to 5) and the time spent",
         "close", cid, "--outcome", "advice-given", "--evaluation", "met-needs=5", "--evaluation", "confident=4",
         "--time-spent", "150")
    study = DEMO / "case-study.md"
    step("an anonymised case study for training: names, school, phone and dates replaced",
         "redact", cid, "--out", str(study), "--yes")
    step("retention rules, set by a manager (audited)", "retention", "rules", "set", "--birthday", "25",
         "--after-closed", "12", "--enquiries", "6", "--fallback", "72")
    step("what falls due, and under which rule", "retention", "plan", show=14)
    step("the nightly purge, as cron runs it: keys shredded first, one summary line", "retention", "purge", "--yes")
    step("the anonymised annual statistics: small counts, and counts that would give them back, hidden as [c]",
         "report", "--from", f"{dt.date.today().year - 1}-04-01", "--to", today, "--format", "table", show=40)
    period = ("--from", f"{dt.date.today().year - 1}-04-01", "--to", today)
    step("the service's own list: how families heard about it (managers add and retire codes)",
         "categories", "show", "heard_about", show=16)
    step("a manager adds a code (audited; a code keeps its words for ever)",
         "categories", "add", "heard_about", "parent-forum", "The parent carer forum")
    _heard_about_rows("how they heard (the last complete reporting year), before the mapping: old answers "
                      "typed in words count as other")
    rules = [a for answer, code in MAPPING.items() for a in ("--map", f"{answer}={code}")]
    step("map the old answers to codes: first a dry run (counts; nothing written)",
         "categories", "map", "heard_about", *rules, "--dry-run")
    step("then the mapping itself (each case changed is audited, never with the words)",
         "categories", "map", "heard_about", *rules)
    _heard_about_rows("how they heard (the last complete reporting year), after the mapping")
    step("the national picture: the IASS Network's categories (levels, open/inactive/closed, evaluation), as CSV",
         "report", "--iass", *period, show=30)
    step("open cases, newest first", "list", "--status", "open", show=12)
    step("policy versions: open cases not yet told of the current one", "policy", show=6)
    step("who did what (names of officers, never of families)", "audit", "show", "--case", cid)
    step("the whole vault checks out", "verify")
    step("the audit chain holds", "audit", "verify")

    SV = shutil.which("sendvault", path=str(Path(sys.executable).parent)) or f"{sys.executable} -m sendvault"
    print(textwrap.dedent(f"""
        \033[1mTry next\033[0m
          export SENDVAULT_VAULT={VAULT} SENDVAULT_IDENTITY={KEY}
          {SV} intake          # the questions of a first call
          {SV} edit {cid}      # edit in $EDITOR, from RAM only
          {SV} officer list
          {SV} --help
        Open {out}, {copy}, {DEMO / "copy-for-father.pdf"} and {reply} with the passwords shown above; read {study}.
        Read docs/officer-guide.md for a first day with sendvault, docs/disclosure.md for consent and sharing.
    """))


if __name__ == "__main__":
    main()
