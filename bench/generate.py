"""Synthetic, schema-valid case records for demos, tests and benchmarks.

    python bench/generate.py --vault DIR --cases N --seed S [--identity KEY] [--today YYYY-MM-DD]

Every case goes through the storage API (``Vault.create_case``), so it is validated,
encrypted, keyed and audited exactly as an intake is. The same seed, count and
``--today`` give the same vault contents: every choice comes from
``random.Random(seed)``, case ids too (``new_id=``), and the vault's clock is set to
each case's first contact, so ``created`` and the audit trail are reproducible and
run forward in time. Nothing here is real: names come from short lists, phone
numbers from Ofcom's drama range (07700 900xxx), e-mail addresses from example.org.

If DIR does not exist, a vault is created with one manager, "Demo Manager", whose
plain identity file is written beside it (DIR + ".key", or ``--identity``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import random
import sys
import time
from pathlib import Path

from sendvault.store import crypto
from sendvault.basics import ids
from sendvault.store.vault import Vault

SERVICE = "Demo SENDIASS"
MANAGER = "Demo Manager"
LOCALITIES = ["North", "South", "East", "West", "Central"]
POLICY_VERSION = "2025-01"
YEARS = 6


def pick(rng: random.Random, weighted: dict):
    """One key of ``weighted`` (key -> weight)."""
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


# --- distributions -----------------------------------------------------------

CHANNEL = {"phone": 55, "email": 24, "web-form": 9, "face-to-face": 6, "social-media": 3, "letter": 1, "other": 2}
ROUTE = {"self": 65, "professional": 30, "other": 5}
PROFESSIONAL_REFERRERS = {
    "school SENCO": 30, "health visitor": 8, "educational psychologist": 8, "social worker": 9, "GP": 6,
    "paediatrician": 5, "speech and language therapist": 6, "early help practitioner": 8,
    "local authority SEN caseworker": 7, "CAMHS clinician": 6, "class teacher": 4, "college learning support": 3,
}
OTHER_REFERRERS = {"parent carer forum": 4, "national charity helpline": 3, "local councillor": 1, "advocacy service": 2, "MP's office": 1}
HEARD_ABOUT = {
    "school": 28, "local offer website": 14, "health visitor": 6, "friend or family": 12, "another parent": 9,
    "social media": 8, "GP": 4, "search engine": 7, "leaflet": 3, "council": 4, "support group": 3, "used the service before": 2,
}
# The IASS Network's intervention levels (vault.toml's default list), most work at levels 1 and 2.
LEVEL = {"1": 45, "2": 35, "3": 16, "4": 4}
EVALUATION_SCORE = {"5": 50, "4": 30, "3": 12, "2": 5, "1": 3}
CALLER_SELF = {"parent-carer": 86, "other-family": 5, "young-person": 8, "child": 1}
OUTCOME = {
    "information-given": 22, "advice-given": 32, "resolved": 16, "signposted": 10, "referred-on": 5,
    "tribunal": 3, "no-further-contact": 8, "withdrawn": 2, "other": 2,
}
ENQUIRY_OUTCOME = {"information-given": 60, "signposted": 30, "advice-given": 10}
SEN_STAGE = {"none-identified": 14, "sen-support": 36, "ehc-needs-assessment": 24, "ehc-plan": 26}
# Roughly the mix a SENDIASS sees: autism first, then SEMH and speech, language and communication.
PRIMARY_NEED = {
    "ASD": 28, "SEMH": 17, "SLCN": 15, "MLD": 8, "SPLD": 7, "SLD": 4, "PD": 4, "OTH": 3, "PMLD": 1.5,
    "HI": 2, "VI": 1, "MSI": 0.5, "NSA": 5,
}
# DfE ethnicity codes, roughly an English local authority's mix.
ETHNICITY = {
    "WBRI": 70, "WIRI": 0.5, "WIRT": 0.3, "WOTH": 4, "WROM": 0.5, "MWBC": 2, "MWBA": 1, "MWAS": 1.5, "MOTH": 2,
    "AIND": 2.5, "APKN": 3, "ABAN": 1, "AOTH": 1.5, "BCRB": 1, "BAFR": 2.5, "BOTH": 0.5, "CHNE": 0.5, "OOTH": 1.5,
    "REFU": 2, "NOBT": 5,
}
ISSUES = {
    "ehc-needs-assessment": 22, "ehc-plan": 14, "annual-review": 10, "sen-support": 16, "exclusion": 8,
    "admissions": 7, "attendance": 7, "transport": 5, "transition": 8, "tribunal": 4, "complaint": 5,
    "health": 4, "social-care": 3, "bullying": 4, "other": 3,
}
SUPPORT_LEVEL = {"information": 25, "advice": 45, "casework": 30}
# Age of the child at first contact (years) -> weight; SENDIASS work is mostly school age.
AGE_WEIGHTS = [0.3, 0.7, 1.5, 2.5, 4, 7, 8, 8, 8, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1.5, 1.2, 1, 0.8, 0.6, 0.5]
CONSENT_SCOPES = {"contact-professional": 40, "access-records": 15, "share-information": 20, "mailing-list": 12, "quotes": 3, "photographs": 2, "act-on-behalf": 8}
CONSENT_PARTIES = ["school", "SENCO", "local authority SEN team", "educational psychology service", "health visitor", "social care", "college", "CAMHS"]

FEMALE = ["Olivia", "Amelia", "Emily", "Sophie", "Jessica", "Hannah", "Charlotte", "Laura", "Sarah", "Rachel", "Emma",
          "Claire", "Nicola", "Gemma", "Katie", "Lucy", "Aisha", "Fatima", "Priya", "Zainab", "Joanne", "Michelle",
          "Kirsty", "Helen", "Amy", "Ruth", "Megan", "Chloe", "Grace", "Isla", "Freya", "Ava", "Mia", "Poppy", "Ella"]
MALE = ["Oliver", "Jack", "Harry", "George", "Noah", "Charlie", "Jacob", "Thomas", "James", "William", "Daniel", "Ryan",
        "Mohammed", "Ali", "Arjun", "Liam", "Ethan", "Mason", "Lewis", "Callum", "Adam", "Ben", "Sam", "Joshua",
        "Alfie", "Leo", "Oscar", "Finley", "Kieran", "Jamie", "Mark", "Paul", "Stephen", "David", "Andrew"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel",
            "Khan", "Hussain", "Begum", "Ahmed", "Lewis", "Harris", "Clark", "Cooper", "King", "Lee", "Martin", "Baker",
            "Hughes", "Edwards", "Turner", "Hill", "Moore", "Ward", "Morris", "Kowalski", "Nowak", "Okafor", "Mensah",
            "O'Brien", "Murphy", "Campbell", "Stewart", "Shaw", "Fletcher"]
STREETS = ["Church", "Station", "Victoria", "Park", "Mill", "High", "School", "Queen's", "King's", "Manor", "Grange",
           "Chapel", "Meadow", "Orchard", "Willow", "Beech", "Elm", "Oak", "Ash", "Holly", "Brook", "Bridge", "Castle",
           "Farm", "Green", "Hillside", "Springfield", "Windsor", "York", "Albert"]
STREET_TYPES = {"Road": 30, "Street": 20, "Lane": 12, "Avenue": 10, "Close": 10, "Drive": 8, "Way": 5, "Crescent": 5, "Gardens": 3, "Court": 2}
TOWNS = {
    "North": ("Northbridge", ["NB1", "NB2", "NB3", "NB4"]),
    "South": ("Southam Vale", ["SV1", "SV2", "SV5"]),
    "East": ("Eastwick", ["EW1", "EW2", "EW3"]),
    "West": ("Westerby", ["WY1", "WY4", "WY7"]),
    "Central": ("Middleton", ["M1", "M2", "M3", "M4", "M5"]),
}
PLACES = ["Hill", "Park", "Meadow", "Brook", "Oakfield", "Greenway", "Riverside", "Valley", "Fairfield", "Ashgrove",
          "Woodlands", "Castle", "Beacon", "Highfield", "Moorside", "Kingsway", "Millbrook", "Westfield", "Eastgate", "Northgate"]
SAINTS = ["Mary", "John", "Peter", "Michael", "Anne", "Paul", "Joseph", "Margaret", "Bede", "Chad"]
RELATIONSHIP_PARENT = {"mother": 62, "father": 18, "grandmother": 4, "grandfather": 1, "foster carer": 4, "adoptive parent": 3,
                       "step-parent": 2, "special guardian": 3, "aunt": 2, "kinship carer": 1}
FEMALE_ROLES = {"mother", "grandmother", "aunt"}
MALE_ROLES = {"father", "grandfather"}
LA = ["the local authority", "the SEN team", "the council", "the LA"]

# Case-note prose, built from sentence templates; {c} is the child's first name or "the child".
OPENERS = [
    "{p} called about {c}, who has {need} and is in {year} at {school}.",
    "Initial contact from {p} regarding {c}'s support at {school}.",
    "{p} emailed asking for advice about {c}'s special educational needs.",
    "First contact: {p} is worried that {c}'s needs are not being met at {school}.",
    "{p} rang the helpline after a meeting at {school} about {c}.",
    "Referral received; {p} agreed to contact from the service about {c}.",
]
ENQUIRY_OPENERS = [
    "General enquiry by {channel}: {p} asked how to request an EHC needs assessment.",
    "General enquiry: {p} wanted information about SEN support in schools.",
    "General enquiry about home-to-school transport for children with SEND.",
    "{p} asked for information about the local offer and short breaks.",
    "General enquiry: what an EHC plan is and who can ask for one.",
]
MIDDLES = [
    "Explained the graduated approach and what SEN support should look like in school.",
    "Talked through the EHC needs assessment process and the statutory timescales.",
    "Discussed how to request an EHC needs assessment and what evidence to include.",
    "{p} says {c} has been on a reduced timetable since {month}; explained that this should be short-term and reviewed.",
    "Went through the draft EHC plan section by section; sections B and F need to be more specific.",
    "Discussed the annual review and how to prepare {c}'s views for the meeting.",
    "{c} has had two fixed-term suspensions this term; explained the exclusion guidance and the right to make representations.",
    "{p} reports that {c} is anxious about going to school and attendance has dropped.",
    "Explained the right to request a particular school and how consultation with schools works.",
    "Talked about home-to-school transport eligibility and the appeal route.",
    "Explained the mediation and tribunal routes and the deadlines for appealing.",
    "Advised {p} to keep a diary of incidents and copies of all correspondence with {la}.",
    "Discussed preparing for transition to {next}; suggested visiting early and asking for a transition plan.",
    "Signposted to the parent carer forum and the local offer website.",
    "{p} has not heard from {la} within the six-week deadline; explained what to do next.",
    "Agreed to help {p} draft a letter to the SENCO asking for a meeting to review the support plan.",
    "Discussed the school's SEN information report and the notional SEN budget.",
    "Provided information about the SEN Code of Practice and the relevant sections of the Children and Families Act.",
    "{c} is waiting for an assessment from the community paediatrician; explained that a diagnosis is not needed for support.",
    "Talked through reasonable adjustments and the school's duties under the Equality Act.",
    "Explained how to complain to the school's governing body and then to {la}.",
    "{p} would like the service to attend the next meeting at {school}; agreed to check availability.",
]
GENERAL_MIDDLES = [t for t in MIDDLES if "{c}" not in t and "{school}" not in t]
FOLLOW_UPS = [
    "Follow-up call: {p} has received the decision letter from {la}.",
    "Attended the meeting at {school} with {p}. The SENCO agreed to review the support plan.",
    "{p} emailed an update: the school has agreed to a one-page profile for {c}.",
    "Phone call with {p}. The draft plan arrived and we went through the wording together.",
    "Left a message for {p} as agreed; no reply yet.",
    "{p} called back; the assessment has been agreed and {c} will see the educational psychologist.",
    "Reviewed the paperwork {p} sent in and sent written advice by email.",
    "Case discussed at supervision; agreed next steps with the manager.",
    "{p} says things have settled at {school} and {c} is attending full time again.",
    "Sent {p} the information sheet on annual reviews as requested.",
]
CLOSERS = [
    "Agreed to close the case; {p} knows to get back in touch if needed.",
    "Next step: {p} will contact the SENCO and call us after the meeting.",
    "Will follow up in two weeks.",
    "Sent a summary of the advice by email.",
    "No further action needed from the service at present.",
]
YEAR_GROUPS = {0: "nursery", 1: "nursery", 2: "nursery", 3: "nursery", 4: "reception"}
NEED_TEXT = {
    "ASD": "an autism diagnosis", "SEMH": "social, emotional and mental health needs", "SLCN": "speech and language needs",
    "MLD": "moderate learning difficulties", "SPLD": "dyslexia", "SLD": "severe learning difficulties", "PD": "a physical disability",
    "PMLD": "profound and multiple learning difficulties", "HI": "a hearing impairment", "VI": "a visual impairment",
    "MSI": "multi-sensory impairment", "OTH": "additional needs", "NSA": "needs that have not yet been assessed", None: "additional needs",
}


# --- building one case --------------------------------------------------------


def _age_on(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _age_band(age: int) -> str:
    if age <= 4:
        return "0-4"
    if age <= 10:
        return "5-10"
    if age <= 15:
        return "11-15"
    if age <= 18:
        return "16-18"
    return "19-25"


def _school_phase(rng: random.Random, age: int) -> str:
    if 5 <= age <= 15 and rng.random() < 0.03:
        return "home-education"
    if age <= 3:
        return "early-years"
    if age <= 10:
        return "primary"
    if age <= 15:
        return "secondary"
    if age <= 18:
        return "post-16" if rng.random() < 0.88 else "not-in-education"
    return "post-16" if rng.random() < 0.45 else "not-in-education"


def _school_name(rng: random.Random, phase: str, town: str) -> str | None:
    place = rng.choice(PLACES)
    if phase == "early-years":
        return rng.choice([f"{place} Nursery", f"{place} Pre-School", f"{town} Children's Centre Nursery"])
    if phase == "primary":
        return rng.choice([f"{place} Primary School", f"{place} Infant School", f"{place} Junior School",
                           f"St {rng.choice(SAINTS)}'s C of E Primary School", f"{place} Primary Academy"])
    if phase == "secondary":
        return rng.choice([f"{place} High School", f"{place} Academy", f"{town} School", f"St {rng.choice(SAINTS)}'s Catholic High School",
                           f"{place} Community College"])
    if phase == "post-16":
        return rng.choice([f"{town} College", f"{place} Sixth Form College", f"{place} Academy Sixth Form"])
    return None


def _year_group(age: int) -> str:
    if age in YEAR_GROUPS:
        return YEAR_GROUPS[age]
    if age <= 15:
        return f"Year {age - 4}"
    return "college" if age <= 18 else "further education"


def _next_stage(age: int) -> str:
    if age <= 4:
        return "primary school"
    if age <= 10:
        return "secondary school"
    if age <= 15:
        return "college"
    return "adult services"


def _stamp(day: dt.date, rng: random.Random, lo: int = 9, hi: int = 17) -> str:
    return f"{day.isoformat()}T{rng.randint(lo, hi - 1):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"


def _sentence(rng: random.Random, templates: list[str], ctx: dict) -> str:
    text = rng.choice(templates).format(**ctx)
    return text[0].upper() + text[1:]


def _who(relationship: str) -> str:
    """How a note names the person who made contact."""
    if relationship == "self":
        return "the young person"
    return {"mother": "mum", "father": "dad"}.get(relationship, f"the {relationship}")


def make_case(rng: random.Random, contact: dt.date, today: dt.date, policy: str, localities: list[str], officers: list[str]) -> dict:
    """One intake record (without id, created and the other fields the vault sets)."""
    kind = "general-enquiry" if rng.random() < 0.10 else "case"
    anonymous = kind == "case" and rng.random() < 0.05
    record_personal = not (kind == "case" and not anonymous and rng.random() < 0.05)
    identifying = kind == "case" and not anonymous and record_personal

    # The child the contact is about (kept in profile even when no personal data is).
    age = rng.choices(range(len(AGE_WEIGHTS)), weights=AGE_WEIGHTS)[0]
    dob = contact - dt.timedelta(days=age * 365 + rng.randint(0, 364))
    age = min(_age_on(dob, contact), 25)
    if age < 0:
        dob, age = contact - dt.timedelta(days=30), 0
    locality = rng.choice(localities) if localities else None
    town, outwards = TOWNS.get(locality, (f"{rng.choice(PLACES)}ton", ["XT1", "XT2"]))

    route = pick(rng, ROUTE)
    if route == "professional":
        caller = "parent-carer" if rng.random() < 0.55 else "professional"
    elif route == "other":
        caller = "parent-carer" if rng.random() < 0.8 else "other-family"
    elif age >= 16 and rng.random() < 0.4:
        caller = "young-person"
    else:
        caller = pick(rng, CALLER_SELF)
    if caller == "young-person" and age < 14:
        caller = "parent-carer"
    if caller == "child" and not 10 <= age <= 17:
        caller = "parent-carer"

    contact_section: dict = {
        "date": contact.isoformat(),
        "channel": pick(rng, CHANNEL),
        "route": route,
        "caller": caller,
    }
    if route != "self":
        contact_section["referrer"] = pick(rng, PROFESSIONAL_REFERRERS if route == "professional" else OTHER_REFERRERS)
        contact_section["referral_permission"] = {
            "given_by": "young-person" if age >= 16 and rng.random() < 0.6 else "parent-carer",
            "date": (contact - dt.timedelta(days=rng.randint(0, 14))).isoformat(),
            "method": "verbal" if rng.random() < 0.7 else "written",
        }
    if caller in ("parent-carer", "other-family"):
        if kind == "case" or rng.random() < 0.5:
            contact_section["parental_responsibility"] = True
    elif caller == "young-person" and rng.random() < 0.5:
        contact_section["parental_responsibility"] = False
    if rng.random() < 0.9:
        contact_section["heard_about"] = pick(rng, HEARD_ABOUT)
    contact_section["policy_explained"] = {"version": policy, "date": contact.isoformat(), "copy_given": rng.random() < 0.8}

    fields: dict = {"kind": kind, "anonymous": anonymous, "record_personal_details": record_personal, "contact": contact_section}

    # Who made contact, and about whom.
    surname = rng.choice(SURNAMES)
    if caller == "young-person" or caller == "child":
        relationship = "self"
    elif caller == "professional":
        relationship = contact_section.get("referrer", "professional")
    elif caller == "other-family":
        relationship = rng.choice(["grandmother", "grandfather", "aunt", "uncle", "older sibling", "kinship carer"])
    else:
        relationship = pick(rng, RELATIONSHIP_PARENT)
    child_female = rng.random() < 0.3  # boys are the majority of children with SEN
    child_first = rng.choice(FEMALE if child_female else MALE)
    if relationship == "self":
        first = child_first
    elif relationship in FEMALE_ROLES or (relationship not in MALE_ROLES and rng.random() < 0.75):
        first = rng.choice(FEMALE)
    else:
        first = rng.choice(MALE)
    p_surname = surname if relationship == "self" or caller != "professional" else rng.choice(SURNAMES)
    phase = _school_phase(rng, age)
    school = _school_name(rng, phase, town)

    if identifying:
        person: dict = {"name": f"{first} {p_surname}"}
        if caller != "professional" and rng.random() < 0.85:
            person["address"] = f"{rng.randint(1, 220)} {rng.choice(STREETS)} {pick(rng, STREET_TYPES)}, {town}"
            person["postcode"] = f"{rng.choice(outwards)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        if rng.random() < 0.92:
            person["phone"] = f"07700 900{rng.randint(0, 999):03d}"
        if rng.random() < 0.7:
            sep = rng.choice([".", "", "_"])
            person["email"] = f"{first.lower()}{sep}{p_surname.lower().replace(chr(39), '')}{rng.choice(['', str(rng.randint(1, 99))])}@example.org"
        person["relationship"] = relationship
        fields["person"] = person
        child: dict = {"name": f"{child_first} {surname if rng.random() < 0.85 else rng.choice(SURNAMES)}"}
        if rng.random() < 0.95:
            child["date_of_birth"] = dob.isoformat()
        if school and rng.random() < 0.9:
            child["school"] = school
        fields["child"] = child
        prefs = {
            "call_at_work": rng.random() < 0.25,
            "answerphone_messages": rng.random() < 0.75,
            "messages_with_family": rng.random() < 0.3,
        }
        if "address" in person and rng.random() < 0.6:
            prefs["post_ok"] = rng.random() < 0.85
        if rng.random() < 0.9:
            fields["contact_preferences"] = prefs

    # The non-identifying profile, kept in every record.
    profile: dict = {}
    if kind == "case" or rng.random() < 0.6:
        profile["age_band"] = _age_band(age)
        profile["school_phase"] = phase
    if kind == "case":
        stage = pick(rng, SEN_STAGE)
        profile["sen_stage"] = stage
        if rng.random() < 0.95:
            profile["primary_need"] = pick(rng, PRIMARY_NEED)
        profile["ethnicity"] = pick(rng, ETHNICITY)
    else:
        stage = None
    if locality:
        profile["locality"] = locality
    issues: list[str] = []
    if stage == "ehc-needs-assessment":
        issues.append("ehc-needs-assessment")
    elif stage == "ehc-plan" and rng.random() < 0.6:
        issues.append(rng.choice(["ehc-plan", "annual-review"]))
    elif stage == "sen-support" and rng.random() < 0.5:
        issues.append("sen-support")
    if 15 <= age <= 16 or (age in (4, 10) and rng.random() < 0.5):
        issues.append("transition")
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3]) - len(issues)):
        issue = pick(rng, ISSUES)
        if issue not in issues:
            issues.append(issue)
    profile["issues"] = issues[:3] or [pick(rng, ISSUES)]
    # A general enquiry is information only (the schema holds it to that).
    profile["support_level"] = "information" if kind == "general-enquiry" else pick(rng, SUPPORT_LEVEL)
    # Issue 25's fields draw from a generator of their own: every other field stays as it was for a seed
    # (the figures in docs/ are of these vaults).
    more = random.Random(contact.toordinal() * 7919 + age * 31 + len(issues))
    profile["level"] = "1" if kind == "general-enquiry" else pick(more, LEVEL)
    fields["profile"] = profile

    # Case work: notes, consents, closing.
    ctx = {
        "p": _who(relationship),
        "c": child_first if identifying else "the child",
        "school": school or "the setting",
        "need": NEED_TEXT[profile.get("primary_need")],
        "year": _year_group(age),
        "la": rng.choice(LA),
        "next": _next_stage(age),
        "channel": contact_section["channel"],
        "month": rng.choice(["September", "October", "November", "January", "February", "March", "April", "May", "June"]),
    }
    age_days = (today - contact).days - 1  # days from first contact to yesterday (>= 0)
    level = profile["support_level"]
    n_notes = 1 if kind == "general-enquiry" else {"information": rng.randint(1, 2), "advice": rng.randint(1, 4), "casework": rng.randint(3, 6)}[level]
    n_notes = min(n_notes, 1 + age_days // 3) if age_days < 30 else n_notes
    span = min(age_days, {"information": 7, "advice": 60, "casework": 300}[level])
    days = sorted(rng.randint(0, span) for _ in range(n_notes - 1))
    notes = []
    author = rng.choice(officers)
    previous = None
    for i, off in enumerate([0] + days):
        if i == 0:
            parts = [_sentence(rng, OPENERS if kind == "case" else ENQUIRY_OPENERS, ctx)]
            middles = MIDDLES if kind == "case" else GENERAL_MIDDLES
            parts += [m[0].upper() + m[1:] for m in (t.format(**ctx) for t in rng.sample(middles, rng.randint(2, 3) if kind != "case" else rng.randint(4, 7)))]
        else:
            parts = [_sentence(rng, FOLLOW_UPS, ctx)]
            parts += [m[0].upper() + m[1:] for m in (t.format(**ctx) for t in rng.sample(MIDDLES, rng.randint(1, 4)))]
        if rng.random() < 0.6:
            parts.append(_sentence(rng, CLOSERS, ctx))
        at = dt.datetime.combine(contact + dt.timedelta(days=off), dt.time(rng.randint(9, 16), rng.randint(0, 59), rng.randint(0, 59)))
        if previous is not None and at <= previous:
            at = previous + dt.timedelta(minutes=rng.randint(5, 40), seconds=rng.randint(0, 59))
        previous = at
        notes.append({"at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "by": author if rng.random() < 0.85 else rng.choice(officers), "text": " ".join(parts)})
    fields["notes"] = notes
    last = notes[-1]["at"]

    if identifying and rng.random() < 0.6:
        consents = []
        for _ in range(rng.randint(1, 3)):
            scope = pick(rng, CONSENT_SCOPES)
            if any(c["scope"] == scope for c in consents):
                continue
            ev = {"at": notes[0]["at"], "by": notes[0]["by"], "action": "grant", "scope": scope,
                  "date": notes[0]["at"][:10],
                  "method": "written" if scope == "photographs" or rng.random() >= 0.75 else "verbal",
                  "given_by": "young-person" if age >= 16 and rng.random() < 0.5 else "parent-carer"}
            if scope in ("contact-professional", "share-information", "access-records"):
                ev["party"] = rng.choice(CONSENT_PARTIES)
            consents.append(ev)
        if consents and rng.random() < 0.05:
            w = dict(consents[0], action="withdraw", at=last, date=last[:10])
            w.pop("method", None)
            consents.append(w)
        fields["consents"] = consents

    # Older cases are mostly closed; enquiries close within days.
    p_closed = 0.97 if kind == "general-enquiry" else min(0.96, 0.15 + age_days / 365 * 0.7)
    if rng.random() < p_closed:
        last_day = dt.date.fromisoformat(last[:10])
        delay = rng.randint(0, 3) if kind == "general-enquiry" else rng.randint(0, 21)
        close_day = min(today - dt.timedelta(days=1), last_day + dt.timedelta(days=delay))
        closed_by = rng.choice(officers)
        fields["status"] = "closed"
        fields["closed"] = {
            "date": close_day.isoformat(),
            "outcome": pick(rng, ENQUIRY_OUTCOME if kind == "general-enquiry" else OUTCOME),
            "by": closed_by,
        }
        if more.random() < 0.45:  # about half answer the evaluation questions
            fields["closed"]["evaluation"] = {q: int(pick(more, EVALUATION_SCORE)) for q in ("met-needs", "confident", "recommend")
                                              if more.random() < 0.9}
            if not fields["closed"]["evaluation"]:
                del fields["closed"]["evaluation"]
        if more.random() < 0.6:
            fields["closed"]["time_spent"] = more.randint(20, 120) * int(profile["level"])
        at = max(_stamp(close_day, rng), last)
        fields["history"] = [{"at": at, "by": closed_by, "event": "closed"}]
        last = at
    fields["updated"] = last
    fields["updated_by"] = fields.get("closed", {}).get("by") or notes[-1]["by"]
    return fields


# --- the vault ---------------------------------------------------------------


class Clock:
    """The vault's clock, set by the generator to each case's first contact."""

    def __init__(self, t: dt.datetime):
        self.t = t

    def __call__(self) -> dt.datetime:
        return self.t


def _id_maker(rng: random.Random):
    def new_id() -> str:
        chars = "".join(rng.choice(ids.ALPHABET) for _ in range(8))
        return f"{chars[:4]}-{chars[4:]}"

    return new_id


def default_identity(vault_dir: Path) -> Path:
    return vault_dir.with_name(vault_dir.name + ".key")


def load_identity(path: Path) -> list[crypto.KeyPair]:
    return crypto.load_identity_file(path, lambda: getpass.getpass(f"passphrase for {path}: "))


def create_vault(vault_dir: Path, identity: Path, clock: Clock) -> None:
    """A new vault with one manager; writes the manager's plain identity file unless it exists."""
    if identity.exists():
        pair = load_identity(identity)[0]
    else:
        pair = crypto.generate()
        crypto.write_identity_file(identity, pair, None)
    Vault.create(vault_dir, SERVICE, MANAGER, pair.recipient, policy_version=POLICY_VERSION, localities=LOCALITIES, now=clock)


def generate(
    vault_dir: Path | str,
    n: int,
    seed: int,
    identity: Path | str | None = None,
    today: dt.date | None = None,
    progress=None,
) -> list[str]:
    """Write ``n`` synthetic cases into ``vault_dir`` (created if missing); returns their ids.

    Reproducible: the same ``seed``, ``n`` and ``today`` give the same records and ids.
    ``progress(done, n)`` is called now and then if given.
    """
    vault_dir = Path(vault_dir)
    identity = Path(identity) if identity else default_identity(vault_dir)
    today = today or dt.date.today()
    rng = random.Random(seed)
    start = today - dt.timedelta(days=YEARS * 365)
    clock = Clock(dt.datetime.combine(start - dt.timedelta(days=1), dt.time(9), dt.timezone.utc))
    if not vault_dir.exists():
        create_vault(vault_dir, identity, clock)
    # Each machine's audit log runs forward in time (verify reports a clock that went back). A vault made
    # today (the demo's `init`) gets its years of synthetic history as another machine's: this one's
    # device id is set aside while the history is written, then put back.
    device = vault_dir / "local" / "device"
    mine = device.read_bytes() if device.exists() else None
    if mine is not None:
        device.unlink()
    try:
        return _generate(vault_dir, n, rng, identity, today, start, clock, progress)
    finally:
        if mine is not None:
            fd = os.open(device, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(mine)


def _generate(vault_dir: Path, n: int, rng: random.Random, identity: Path, today: dt.date, start: dt.date,
              clock: "Clock", progress) -> list[str]:
    vault = Vault.open(vault_dir, now=clock)
    vault.unlock(load_identity(identity))
    policy = vault.config["policy"]["version"]
    localities = list(vault.config.get("localities", []))
    officers = [o.name for o in vault.active_officers()]

    # First contacts spread over the last YEARS years, a little busier lately; cases
    # are created in date order so the audit trail runs forward in time.
    contacts = sorted(
        start + dt.timedelta(days=min(int(YEARS * 365 * rng.random() ** 0.85), YEARS * 365 - 1)) for _ in range(n)
    )
    new_id = _id_maker(rng)
    # In the order of their first notes' times, not only their days: two cases of one day otherwise
    # put the log's clock back by some hours.
    cases = sorted((make_case(rng, contact, today, policy, localities, officers) for contact in contacts),
                   key=lambda fields: fields["notes"][0]["at"])
    out = []
    for i, fields in enumerate(cases):
        clock.t = dt.datetime.fromisoformat(fields["notes"][0]["at"].replace("Z", "+00:00"))
        out.append(vault.create_case(fields, new_id=new_id))
        if progress and (i + 1) % 500 == 0:
            progress(i + 1, n)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vault", required=True, type=Path, help="vault directory (created if it does not exist)")
    ap.add_argument("--cases", type=int, default=200, help="how many cases to add (default 200)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--identity", type=Path, help="officer identity file (default: VAULT.key beside the vault)")
    ap.add_argument("--today", type=dt.date.fromisoformat, help="reference date, for byte-identical runs (default: today)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    identity = args.identity or default_identity(args.vault)
    created = not args.vault.exists()

    def progress(done: int, n: int) -> None:
        if not args.quiet:
            rate = done / (time.perf_counter() - t0)
            print(f"  {done}/{n} cases ({rate:.0f}/s)", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    out = generate(args.vault, args.cases, args.seed, identity=identity, today=args.today, progress=progress)
    took = time.perf_counter() - t0
    if created:
        print(f"created vault {args.vault}; identity (plain, for demos only): {identity}")
    print(f"wrote {len(out)} cases in {took:.1f} s ({len(out) / took if took else 0:.0f} cases/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
