"""Write tests/data/redaction_corpus.jsonl: synthetic SEND case notes with every identifier marked.

Everything here is invented: synthetic people (names drawn from the lists below, some
deliberately outside the lists the engine ships), Ofcom's drama phone ranges,
example.org addresses, checksum-valid but made-up NHS numbers, UPNs and NI numbers.

Each line: {"case": {person, child, profile}, "vault": {"schools", "places"}, "text": ...,
"spans": [[start, end, kind, source]]}, where source is "case" (an identifier the
case holds) or "pattern" (one it does not: a third party, a number, a date...).

    python tests/data/make_redaction_corpus.py      # deterministic (seeded)
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SEED = 20261102
NOTES = 320

# Case people: common names and names the engine's lists do not hold (it must find
# a case's own people whatever their names).
FIRST = ["Samuel", "Olivia", "Amelia", "Jacob", "Isabella", "Mohammed", "Aisha", "Zoë", "Chloé", "Oliwia",
         "Kacper", "Chidera", "Tobenna", "Rhiannon", "Eilidh", "Callum", "Harriet", "Jessica", "Alexander",
         "Benjamin", "Nathaniel", "Priyanka", "Siobhán", "Thaddeus", "Marguerite", "Kezia", "Ffion", "Jayden",
         "Matilda", "Frederick", "Elodie", "Yusuf", "Leighton", "Gracjan", "Ruairí", "Anouska"]
LAST = ["Example", "Whitcombe", "Okonkwo", "Nowak", "Patel", "O'Neill", "Fairbrother", "Kowalczyk", "Adebayo",
        "Threlfall", "Ashdown", "Pemberton-Lowe", "Hussain", "Brennan", "Featherstone", "Ramsbottom", "Achterberg",
        "Quayle", "Zielińska", "McAllister", "Ibekwe", "Loxley", "Tregothnan", "Dewhurst"]
# What families call some of those children, not a prefix of the name (a prefix is used otherwise).
NICKNAMES = {"Alexander": "Sasha", "Frederick": "Freddie", "Matilda": "Tilly", "Nathaniel": "Nate",
             "Isabella": "Izzy", "Harriet": "Hattie", "Amelia": "Millie"}
THIRD_FIRST = ["Sarah", "David", "Helen", "Michael", "Fiona", "Gareth", "Nadia", "Imran", "Claire", "Joanne",
               "Stephen", "Rebecca", "Paul", "Aleksandra", "Tunde", "Bronwen", "Lucy", "Mark", "Anna", "Rachel"]
THIRD_LAST = ["Jones", "Smith", "Okafor", "Hughes", "Khan", "Wilson", "Clarke", "Begum", "Murphy", "Evans",
              "Thompson", "Ahmed", "Roberts", "Walsh", "Patterson", "Nowicki", "Ellison", "Marsh-Beaumont",
              "Underhill", "Ferreira"]
STREETS = ["Mill Lane", "Station Road", "Orchard Close", "Beech Avenue", "Tannery Street", "Kestrel Drive",
           "Wharf Road", "Larkspur Crescent", "Cobden Terrace", "Foundry Way", "Primrose Gardens", "Abbey Mews"]
TOWNS = ["Thornbury", "Kettlewell", "Ashby Parva", "Northwich", "Bramley", "Skelmanthorpe", "Ottery",
         "Hebden Bridge", "Wolverton", "Market Lavington"]
SCHOOL_STEMS = ["Thistlecombe", "Hollybrook", "St Aidan's", "Meadowfield", "Castle Hill", "Brackenwood",
                "Oakridge", "St Mary's C of E", "Fernside", "Kingsmead", "Larchfield", "Riverside"]
SCHOOL_KINDS = [("Primary School", "primary"), ("Infant School", "primary"), ("Academy", "secondary"),
                ("High School", "secondary"), ("Junior School", "primary"), ("Community College", "secondary")]
POSTCODES = ["BS35 2AB", "LS6 3HN", "M14 5RT", "EX4 6PL", "NE2 1XE", "B15 3TN", "SW9 8JT", "CB1 2LA",
             "YO31 7EX", "PL4 8AA", "NG7 2RD", "OX4 1DF", "L17 0BX", "S10 2TN"]
RELATION = [("mother", "Mrs"), ("father", "Mr"), ("grandmother", "Mrs"), ("foster carer", "Ms"), ("mum", "Ms")]
ROLES = ["SENCO", "class teacher", "educational psychologist", "caseworker at the LA", "paediatrician",
         "speech and language therapist", "head teacher", "social worker", "EHC coordinator", "OT"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

FILLER = [
    "Talked through the EHC needs assessment timeline and the 6-week decision point.",
    "Explained the difference between SEN support and an EHC plan.",
    "Agreed actions: officer to send the IPSEA model letter; parent to request the SEN support plan.",
    "The LA has refused to assess; discussed the right of appeal to the First-tier Tribunal (SEND).",
    "Mediation certificate needed before an appeal can be registered.",
    "School has reduced the timetable to mornings only since half term.",
    "Discussed exclusion guidance and the governors' review meeting.",
    "Sections B, F and I of the draft plan are vague; advised asking for quantified provision.",
    "Signposted to the local parent carer forum and the short breaks statement.",
    "No further action needed at this stage; case to stay open until the annual review.",
    "Will the LA agree to a specialist placement? Unclear until the panel meets.",
    "May need a transport application as well, if the placement is out of area.",
    "Young person attended part of the call and gave their views on college.",
    "Concerns about anxiety-based school avoidance; attendance at about 40%.",
    "The Local Offer page lists short breaks and the Early Help team.",
    "Contacted Young Minds, Mencap and the National Autistic Society for leaflets.",
    "CAMHS waiting list is 18 months; Disability Living Allowance and Carer's Allowance discussed.",
    "Section 42 of the Children and Families Act 2014 places the duty on the LA.",
    "Year 6 SATs are in May; Ofsted rated the setting Good.",
    "The Virtual School Head and the Looked After Children team are aware.",
    "Hearing at the First-tier Tribunal is listed for a Tuesday morning.",
    "Grace period for the appeal is two months from the decision letter.",
    "The SEND Code of Practice, chapter 9, covers EHC plans.",
    "Parent Carer Forum meets at the Town Hall every second Wednesday.",
    "Parent felt listened to and would like help preparing for the review meeting.",
]

SENTENCES = [
    "{parent_first} rang about {child_first}'s EHCP.",
    "Call from {parent_full} ({relationship}) about {child_full}, who is in Year {year} at {school}.",
    "{child_nick} has been struggling at {school_short} since {date}.",
    "{title} {parent_last} said {child_first} is now refusing to go in most days.",
    "{parent_initial} {parent_last} emailed from {email} with the draft plan.",
    "Please reply to {email_upper} rather than by post.",
    "Contact number {phone}; also on {phone_intl} when at work.",
    "Family live at {address}, {postcode}.",
    "New address: {house} {street}, {town} {postcode_nospace}.",
    "{child_first_upper} has a diagnosis of autism; born {dob}.",
    "{child_first} was born on {dob_long}.",
    "Met {third_full} ({role}) at {school} on {date}.",
    "{third_title} {third_last} ({role}) is leading the assessment.",
    "{third_first} from the LA will call back on {other_phone}.",
    "Spoke with {third_full}, {role}, who will write to {other_email}.",
    "The {role}, {third_full}, suggested a move to {other_school}.",
    "NHS number {nhs} given for the paediatric referral.",
    "UPN {upn} on the school's paperwork.",
    "{parent_first}'s NI number {nino} for the DLA form.",
    "Resources at {url} sent after the call.",
    "The previous school was {config_school} in {config_place}.",
    "Grandparents in {config_place} help with pick-ups.",
    "Review booked for {date_numeric}.",
    "Next meeting {date_iso} at {other_address}, {other_postcode}.",
    "{child_first}'s brother goes to {other_school} too.",
    "{parent_first} and {child_first} both came to the drop-in at {town} library.",
    "Letter went to {street} in error; {parent_first} to confirm the address.",
    "{child_lower} is happier since the reduced timetable started on {date}.",
    "Mum (\n{parent_full_break}) asked for the notes of the meeting.",
    "{third_first} {third_last} and {third2_full} attended the annual review.",
]


def nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits)) + str(check)
            return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"])


def upn(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    rest = "".join(str(rng.randrange(10)) for _ in range(12))
    values = [int(c) for c in rest]
    return letters[sum(v * w for v, w in zip(values, range(2, 14))) % 23] + rest


def nino(rng: random.Random) -> str:
    a = rng.choice("ABCEGHJKLMNPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")
    while a in ("GB", "NK", "TN", "ZZ", "BG", "KN", "NT"):
        a = "AB"
    d = "".join(str(rng.randrange(10)) for _ in range(6))
    return rng.choice([f"{a} {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}", f"{a}{d}{rng.choice('ABCD')}"])


def drama_phone(rng: random.Random) -> tuple[str, str]:
    n = rng.randrange(1000)
    return (rng.choice([f"07700 900{n:03d}", f"0113 496 0{n:03d}", f"020 7946 0{n:03d}"]),
            f"+44 7700 900{n:03d}")


def make_case(rng: random.Random) -> dict:
    last = rng.choice(LAST)
    relation, title = rng.choice(RELATION)
    child_last = last if rng.random() < 0.7 else rng.choice(LAST)
    phone, _ = drama_phone(rng)
    stem = rng.choice(SCHOOL_STEMS)
    kind, phase = rng.choice(SCHOOL_KINDS)
    first = rng.choice([f for f in FIRST if f])
    return {
        "person": {"name": f"{rng.choice(FIRST)} {last}", "relationship": relation,
                   "address": f"{rng.randrange(1, 200)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}",
                   "postcode": rng.choice(POSTCODES), "phone": phone,
                   "email": f"{last.lower().replace(chr(39), '')}{rng.randrange(10, 99)}@example.org"},
        "child": {"name": f"{first} {child_last}",
                  "date_of_birth": f"{rng.randrange(2008, 2021)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                  "school": f"{stem} {kind}"},
        "contact": {"caller": "parent-carer"},
        "profile": {"school_phase": phase},
        "_title": title,
    }


class Note:
    def __init__(self):
        self.text = ""
        self.spans: list[list] = []

    def plain(self, s: str) -> None:
        self.text += s

    def mark(self, s: str, kind: str, source: str) -> None:
        self.spans.append([len(self.text), len(self.text) + len(s), kind, source])
        self.text += s


def slot_value(name: str, case: dict, rng: random.Random, third: dict, vault: dict):
    """(text, kind, source) for a slot; kind None for text that identifies no one."""
    p, c = case["person"], case["child"]
    cf, cl = c["name"].split()[0], c["name"].split()[-1]
    pf, pl = p["name"].split()[0], p["name"].split()[-1]
    y, m, d = c["date_of_birth"].split("-")
    house, rest = p["address"].split(" ", 1)
    street, town = rest.split(", ")
    school_words = c["school"].split()
    some_day = f"{rng.randrange(1, 29)} {rng.choice(MONTHS)} {rng.choice([2025, 2026])}"
    values = {
        "parent_first": (pf, "parent", "case"), "parent_last": (pl, "parent", "case"),
        "parent_full": (p["name"], "parent", "case"),
        "parent_full_break": (p["name"].replace(" ", "\n"), "parent", "case"),
        "parent_initial": (pf[0] + ".", "parent", "case"),
        "title": (case["_title"], None, None), "relationship": (p["relationship"], None, None),
        "child_first": (cf, "child", "case"), "child_full": (c["name"], "child", "case"),
        "child_first_upper": (cf.upper(), "child", "case"), "child_lower": (cf.lower(), "child", "case"),
        "child_nick": (NICKNAMES.get(cf) or (cf[:3] if len(cf) > 4 and cf[:3].isalpha() else cf), "child", "case"),
        "year": (str(rng.randrange(1, 12)), None, None),
        "school": (c["school"], "school", "case"),
        "school_short": (" ".join(school_words[:-1]) if len(school_words) > 2 else c["school"], "school", "case"),
        "email": (p["email"], "email", "case"), "email_upper": (p["email"].upper(), "email", "case"),
        "phone": (p["phone"], "phone", "case"), "phone_intl": ("+44 " + p["phone"][1:], "phone", "case"),
        "address": (p["address"], "address", "case"), "house": (house, "address", "case"),
        "street": (street, "address", "case"), "town": (town, "address", "case"),
        "postcode": (p["postcode"], "postcode", "case"),
        "postcode_nospace": (p["postcode"].replace(" ", "").lower(), "postcode", "case"),
        "dob": (f"{d}/{m}/{y}", "dob", "case"),
        "dob_long": (f"{int(d)}{rng.choice(['', 'th'])} {MONTHS[int(m) - 1]} {y}", "dob", "case"),
        "date": (some_day, "date", "pattern"),
        "date_numeric": (f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.choice(['2026', '26'])}",
                         "date", "pattern"),
        "date_iso": (f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "date", "pattern"),
        "third_full": (f"{third['first']} {third['last']}", "person", "pattern"),
        "third_first": (third["first"], "person", "pattern"), "third_last": (third["last"], "person", "pattern"),
        "third_title": (rng.choice(["Mrs", "Mr", "Dr", "Ms"]), None, None),
        "third2_full": (f"{rng.choice(THIRD_FIRST)} {rng.choice(THIRD_LAST)}", "person", "pattern"),
        "role": (rng.choice(ROLES), None, None),
        "other_phone": (drama_phone(rng)[0], "phone", "pattern"),
        "other_email": (f"{third['first'].lower()}.{third['last'].lower()}@example.sch.uk", "email", "pattern"),
        "other_school": (f"{rng.choice(SCHOOL_STEMS)} {rng.choice(SCHOOL_KINDS)[0]}", "school", "pattern"),
        "other_address": (f"{rng.randrange(1, 90)} {rng.choice(STREETS)}", "address", "pattern"),
        "other_postcode": (rng.choice(POSTCODES), "postcode", "pattern"),
        "nhs": (nhs(rng), "nhs", "pattern"), "upn": (upn(rng), "upn", "pattern"), "nino": (nino(rng), "nino", "pattern"),
        "url": (f"https://www.example.org/{rng.choice(['ehcp', 'guides/tribunal', 'local-offer'])}", "url", "pattern"),
        "config_school": (rng.choice(vault["schools"]), "school", "pattern"),
        "config_place": (rng.choice(vault["places"]), "place", "pattern"),
    }
    return values[name]


def render(template: str, case: dict, rng: random.Random, third: dict, vault: dict, note: Note) -> None:
    import re

    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        note.plain(template[pos:m.start()])
        text, kind, source = slot_value(m.group(1), case, rng, third, vault)
        if kind:
            note.mark(text, kind, source)
        else:
            note.plain(text)
        pos = m.end()
    note.plain(template[pos:])


def main() -> None:
    rng = random.Random(SEED)
    vault = {"schools": ["Greystones Pupil Referral Unit", "Beacon Hill Special School", "Larkrise Nursery"],
             "places": ["Little Snoring", "Upper Slaughter", "Westhoughton"]}
    lines = []
    for _ in range(NOTES):
        case = make_case(rng)
        third = {"first": rng.choice(THIRD_FIRST), "last": rng.choice(THIRD_LAST)}
        note = Note()
        chosen = rng.sample(SENTENCES, rng.randrange(3, 7)) + rng.sample(FILLER, rng.randrange(2, 5))
        rng.shuffle(chosen)
        for i, template in enumerate(chosen):
            if i:
                note.plain("\n" if rng.random() < 0.3 else " ")
            render(template, case, rng, third, vault, note)
        record = {k: v for k, v in case.items() if not k.startswith("_")}
        lines.append(json.dumps({"case": record, "vault": vault, "text": note.text, "spans": note.spans},
                                ensure_ascii=False))
    out = Path(__file__).with_name("redaction_corpus.jsonl")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} notes, {sum(len(json.loads(l)['spans']) for l in lines)} identifiers -> {out}")


if __name__ == "__main__":
    main()
