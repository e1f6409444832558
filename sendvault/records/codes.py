"""The words an officer uses for the case schema: labels of fields, descriptions of codes.

The schema (``vault-schema/case.schema.json``) says which fields and codes exist;
this module only says them in words. Tests check the two agree: every field path
has a label, every enumerated value a description, and nothing here names a field
or code the schema lacks. Need and ethnicity codes are described in the DfE's
school-census wording, so they read as officers see them elsewhere.
"""

from __future__ import annotations

import functools
import re

from ..basics import schema

# --- the schema's shape -----------------------------------------------------------


def _resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = {**defs[node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    if node.get("type") == "array" and "items" in node:
        node = _resolve(node["items"], defs)  # an array's items carry its fields and codes
    coded = [branch for branch in node.get("anyOf", ()) if "enum" in branch]
    if coded:  # codes, or a form beside them (a share's parts: 'profile', or one field 'profile.sen_stage')
        node = {**{k: v for k, v in node.items() if k != "anyOf"}, "enum": coded[0]["enum"]}
    return node


@functools.cache
def _walk() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    case = schema.load("case")
    defs = case["$defs"]
    paths: list[str] = []
    enums: dict[str, tuple[str, ...]] = {}

    def visit(node: dict, prefix: str) -> None:
        for key, sub in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            sub = _resolve(sub, defs)
            paths.append(path)
            if "enum" in sub:
                enums[path] = tuple(sub["enum"])
            visit(sub, path)

    visit(case, "")
    return tuple(paths), enums


def field_paths() -> list[str]:
    """Every property path of the case schema, e.g. 'child.date_of_birth' (array items add no index)."""
    return list(_walk()[0])


def enumerations() -> dict[str, list[str]]:
    """Every enumerated field of the case schema and its allowed values, read as ``intake.choices`` reads them."""
    return {path: list(values) for path, values in _walk()[1].items()}


# --- labels -------------------------------------------------------------------------

# Each label reads as the subject of a sentence: "<label> is in the future".
LABELS = {
    "format": "the record's format tag",
    "id": "the case id",
    "created": "when the case was opened",
    "created_by": "the officer who opened the case",
    "updated": "when the case was last changed",
    "updated_by": "the officer who last changed the case",
    "status": "the case's status",
    "closed": "the closing of the case",
    "closed.date": "the date the case was closed",
    "closed.outcome": "the outcome",
    "closed.by": "the officer who closed the case",
    "closed.evaluation": "the evaluation answers",
    "closed.time_spent": "the time spent on the case (minutes)",
    "kind": "the kind of record",
    "anonymous": "whether the contact is anonymous",
    "record_personal_details": "whether permission to record personal details was given at first contact",
    "contact": "the first contact",
    "contact.date": "the date of first contact",
    "contact.channel": "how they made contact",
    "contact.route": "the route to the service",
    "contact.referrer": "the referrer's role",
    "contact.referral_permission": "the permission for the referral",
    "contact.referral_permission.given_by": "who gave permission for the referral",
    "contact.referral_permission.date": "the date permission for the referral was given",
    "contact.referral_permission.method": "how permission for the referral was given",
    "contact.caller": "who made contact",
    "contact.parental_responsibility": "whether the caller has parental responsibility",
    "contact.heard_about": "how they heard about the service",
    "contact.heard_about_other": "how they heard about the service, in words",
    "contact.policy_explained": "the explanation of the confidentiality policy",
    "contact.policy_explained.version": "the version of the confidentiality policy explained",
    "contact.policy_explained.date": "the date the confidentiality policy was explained",
    "contact.policy_explained.copy_given": "whether a copy of the confidentiality policy was given",
    "person": "the caller's details",
    "person.name": "the caller's name",
    "person.address": "the caller's address",
    "person.postcode": "the caller's postcode",
    "person.phone": "the caller's phone number",
    "person.email": "the caller's email address",
    "person.relationship": "the caller's relationship to the child",
    "person.organisation": "the caller's organisation",
    "person.job": "the caller's job",
    "people": "the other people in the case",
    "people.name": "another person's name",
    "people.postcode": "another person's postcode",
    "people.email": "another person's email address",
    "people.phone": "another person's phone number",
    "people.address": "another person's address",
    "people.organisation": "a professional's organisation",
    "people.number": "another person's number in the case",
    "people.role": "the person's part in the case",
    "people.relationship": "their relationship to the child",
    "people.parental_responsibility": "whether they hold parental responsibility",
    "people.job": "a professional's job",
    "people.contact_preferences": "their contact preferences",
    "people.contact_preferences.call_at_work": "whether they may be called at work (another person)",
    "people.contact_preferences.answerphone_messages": "whether answerphone messages may be left (another person)",
    "people.contact_preferences.messages_with_family": "whether messages may be left with their family or colleagues",
    "people.contact_preferences.post_ok": "whether post may be sent to their address",
    "people.from": "who gave us their details",
    "people.from_person": "which person gave us their details",
    "people.private": "whether whoever gave their details asked that they are not shared",
    "people.added": "when they were added to the case",
    "people.added_by": "the officer who added them",
    "notes.from_person": "which person provided the information in the note",
    "documents.from_person": "which person provided the document",
    "sar_requests.person": "which person asked for a copy of their records",
    "disclosures.documents": "the documents passed on",
    "child": "the child's details",
    "child.name": "the child's name",
    "child.date_of_birth": "the child's date of birth",
    "child.school": "the child's school or setting",
    "child.left_education": "the date the young person left education",
    "contact_preferences": "the contact preferences",
    "contact_preferences.call_at_work": "whether they may be called at work",
    "contact_preferences.answerphone_messages": "whether answerphone messages may be left",
    "contact_preferences.messages_with_family": "whether messages may be left with family or colleagues",
    "contact_preferences.post_ok": "whether post may be sent to the address held",
    "profile": "the profile",
    "profile.age_band": "the age band",
    "profile.school_phase": "the school phase",
    "profile.sen_stage": "the SEN stage",
    "profile.primary_need": "the primary need",
    "profile.ethnicity": "the ethnicity",
    "profile.locality": "the locality",
    "profile.issues": "the issues",
    "profile.support_level": "the support level",
    "profile.level": "the intervention level",
    "notes": "the notes",
    "notes.at": "when the note was written",
    "notes.by": "the officer who wrote the note",
    "notes.text": "the text of the note",
    "provided": "who provided the contact's details",
    "provided.from": "who gave the intake's answers",
    "provided.fields": "the details someone else provided or asked not to be shared",
    "notes.from": "who provided the information in the note",
    "notes.private": "whether its provider asked that it not be shared",
    "documents": "the documents",
    "documents.number": "the document's number",
    "documents.at": "when the document was attached",
    "documents.by": "the officer who attached the document",
    "documents.title": "the document's title",
    "documents.kind": "the kind of document",
    "documents.from": "who provided the document",
    "documents.private": "whether its provider asked that the document not be shared",
    "documents.size": "the document's size in bytes",
    "documents.sha256": "the document's SHA-256",
    "documents.type": "the document's file type",
    "documents.blob": "the name of the document's file",
    "documents.key": "the key of the document's file",
    "documents.email": "the note of the e-mail the document came with",
    "sar_requests": "the subject-access requests",
    "sar_requests.number": "the number of the subject-access request",
    "sar_requests.at": "when the subject-access request was recorded",
    "sar_requests.by": "the officer who recorded the subject-access request",
    "sar_requests.received": "the date the subject-access request was received",
    "sar_requests.for": "who asked for a copy of their records",
    "sar_requests.due": "the date the copy is due",
    "sar_requests.status": "the state of the subject-access request",
    "sar_requests.completed": "the date the copy was made",
    "sar_requests.completed_by": "the officer who made the copy",
    "sar_requests.withheld": "how many items the copy withheld or redacted",
    "sar_requests.answer": "how the subject-access request was answered",
    "consents": "the consent record",
    "consents.at": "when the consent was recorded",
    "consents.by": "the officer who recorded the consent",
    "consents.action": "whether consent was granted, withdrawn or refused",
    "consents.scope": "what the consent covers",
    "consents.party": "the party the consent names",
    "consents.method": "how consent was given",
    "consents.given_by": "who gave consent",
    "consents.date": "the day consent was given or withdrawn",
    "consents.note": "the note on the consent",
    "consents.review": "when the consent is to be checked again",
    "disclosures": "the disclosures",
    "disclosures.at": "when the disclosure was made",
    "disclosures.by": "the officer who made the disclosure",
    "disclosures.to": "who the disclosure was made to",
    "disclosures.basis": "the basis of the disclosure",
    "disclosures.sections": "the parts of the case passed on",
    "disclosures.output": "the form the information left in",
    "disclosures.consent": "the consent relied on",
    "disclosures.consent.at": "when the consent relied on was recorded",
    "disclosures.consent.given_by": "who gave the consent relied on",
    "disclosures.consent.method": "how the consent relied on was given",
    "disclosures.consent.date": "the date of the consent relied on",
    "disclosures.breach": "the number of the breach decision relied on",
    "disclosures.sar": "the number of the subject-access request answered",
    "disclosures.withheld": "how many items someone asked to keep private were left out",
    "breaches": "the breach decisions",
    "breaches.number": "the number of the breach decision",
    "breaches.at": "when the breach decision was recorded",
    "breaches.by": "the manager who recorded the breach decision",
    "breaches.date": "the date of the breach decision",
    "breaches.reason": "the reason for the breach of confidentiality",
    "breaches.account": "the account of the decision",
    "breaches.approved_by": "the manager who made the decision",
    "breaches.told_parent": "whether the parent was told of the disclosure",
    "breaches.why_not_told": "why the parent was not told",
    "breaches.to": "who the information may be passed to",
    "breaches.sections": "the parts of the case it covers",
    "breaches.documents": "the documents of the case it covers",
    "former_details": "what people of the case were recorded as before",
    "former_details.person": "the person's number",
    "former_details.at": "when their details changed",
    "former_details.details": "what they were recorded as",
    "former_details.details.name": "their name then",
    "former_details.details.organisation": "their organisation then",
    "former_details.details.phone": "their phone number then",
    "former_details.details.email": "their e-mail address then",
    "former_details.details.address": "their address then",
    "former_details.details.postcode": "their postcode then",
    "holds": "the legal holds",
    "holds.at": "when the hold was placed",
    "holds.by": "the officer who placed the hold",
    "holds.reason": "the reason for the hold",
    "holds.released_at": "when the hold was released",
    "holds.released_by": "the officer who released the hold",
    "policy_told": "the later policy versions they were told of",
    "policy_told.version": "the policy version they were told of",
    "policy_told.date": "the date they were told of the policy version",
    "policy_told.by": "the officer who told them of the policy version",
    "policy_told.copy_given": "whether a copy of the policy version was given",
    "history": "the case history",
    "history.at": "when the change was made",
    "history.by": "the officer who made the change",
    "history.event": "the change made",
    "history.outcome": "the outcome recorded",
    "history.from": "the officer who held the case before",
    "history.to": "the officer the case was handed to",
    "history.due": "the date the follow-up was due",
    "history.reason": "the reason recorded for the follow-up",
    "history.level": "the new intervention level",
    "history.person": "the person's number in the case",
    "history.from_level": "the intervention level before",
    "history.document": "the number of the document detached",
    "assigned_to": "the officer who holds the case",
    "legacy_ref": "the reference in the system it was imported from",
    "imported": "the import that brought the case in",
    "imported.at": "when the case was imported",
    "imported.by": "the officer who imported the case",
    "follow_up": "the follow-up",
    "follow_up.date": "the follow-up's date",
    "follow_up.reason": "the follow-up's reason",
    "follow_up.at": "when the follow-up was set",
    "follow_up.by": "the officer who set the follow-up",
}

# Labels that take "are" and "have" rather than "is" and "has".
PLURAL = frozenset({"person", "child", "contact_preferences", "profile.issues", "closed.evaluation", "notes", "disclosures", "breaches", "holds",
                    "policy_told", "sar_requests"})

_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")


def label(path: str) -> str:
    """The words an officer uses for the field at ``path`` ('child.date_of_birth' -> "the child's date of birth").

    Indices of list items, as the schema validator reports them ('notes.0.text'),
    become "(entry 1)"; '' and '(top level)' are "the record"; a path the schema
    does not have is given back as it is, if it looks like a field name.
    """
    if path in ("", "(top level)"):
        return "the record"
    parts = path.split(".")
    base = ".".join(p for p in parts if not p.isdigit())
    entries = [int(p) + 1 for p in parts if p.isdigit()]
    if base in LABELS:
        words = LABELS[base]
    elif _FIELD_NAME.fullmatch(base):
        words = base
    else:
        words = "a field"  # a key can be anything typed: it is not repeated
    return words + "".join(f" (entry {n})" for n in entries)


def plural(path: str) -> bool:
    """Whether ``label(path)`` takes a plural verb ("the caller's details are ...")."""
    return ".".join(p for p in path.split(".") if not p.isdigit()) in PLURAL


# --- descriptions of codes ------------------------------------------------------------

# DfE school census, SEN type of need.
NEEDS = {
    "SPLD": "Specific Learning Difficulty",
    "MLD": "Moderate Learning Difficulty",
    "SLD": "Severe Learning Difficulty",
    "PMLD": "Profound & Multiple Learning Difficulty",
    "SEMH": "Social, Emotional and Mental Health",
    "SLCN": "Speech, Language and Communication Needs",
    "HI": "Hearing Impairment",
    "VI": "Vision Impairment",
    "MSI": "Multi-Sensory Impairment",
    "PD": "Physical Disability",
    "ASD": "Autistic Spectrum Disorder",
    "OTH": "Other Difficulty/Disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}

# DfE school census, ethnicity main codes.
ETHNICITIES = {
    "WBRI": "White - British",
    "WIRI": "White - Irish",
    "WIRT": "Traveller of Irish heritage",
    "WOTH": "Any other white background",
    "WROM": "Gypsy / Roma",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Black Caribbean",
    "BAFR": "Black - African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

_METHODS = {"verbal": "Verbally, in person or by phone", "written": "In writing"}
_PROVIDERS = {"parent-carer": "The parent or carer", "young-person": "The young person",
              "professional": "A professional", "officer": "The officer"}
_GIVEN_BY = {"parent-carer": "The parent or carer", "young-person": "The young person"}
# The parts of a case a share passes on (``share --only``; export.SECTIONS), in words.
_SHARED_SECTIONS = {
    "first-contact": "The first contact", "caller": "The caller's details", "child": "The child's details",
    "contact-preferences": "Contact preferences", "profile": "The profile", "status": "The case's status",
    "notes": "The notes", "consents": "The consent record", "disclosures": "Earlier disclosures",
    "history": "The case history",
}

# Keyed by field path: the same code can mean different things in different fields
# ("other" as a channel or a route). The issues and outcomes are the service's own
# lists, described by ``categories`` with the vault's words (issue 25).
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "status": {"open": "Open: work on the case continues", "closed": "Closed, with an outcome recorded"},
    "kind": {
        "case": "A case: advice or casework, with personal details where permitted",
        "general-enquiry": "A general enquiry: general information only, no personal details",
    },
    "contact.channel": {
        "phone": "Telephone",
        "email": "Email",
        "face-to-face": "Face to face",
        "web-form": "Web form",
        "letter": "Letter",
        "social-media": "Social media",
        "other": "Another way",
    },
    "contact.route": {
        "self": "Self-referral by the family or young person",
        "professional": "Referred by a professional",
        "other": "Referred by someone else",
    },
    "contact.referral_permission.given_by": _GIVEN_BY,
    "contact.referral_permission.method": _METHODS,
    "contact.caller": {
        "parent-carer": "Parent or carer",
        "young-person": "Young person",
        "child": "Child",
        "other-family": "Another family member",
        "professional": "A professional",
    },
    "profile.age_band": {
        "0-4": "Aged 0 to 4",
        "5-10": "Aged 5 to 10",
        "11-15": "Aged 11 to 15",
        "16-18": "Aged 16 to 18",
        "19-25": "Aged 19 to 25",
    },
    "profile.school_phase": {
        "early-years": "Early years",
        "primary": "Primary",
        "secondary": "Secondary",
        "post-16": "Post-16: sixth form, college or training",
        "not-in-education": "Not in education",
        "home-education": "Elective home education",
    },
    "profile.sen_stage": {
        "none-identified": "No special educational need identified",
        "sen-support": "SEN support",
        "ehc-needs-assessment": "Education, health and care needs assessment",
        "ehc-plan": "Education, health and care plan",
    },
    "profile.primary_need": NEEDS,
    "profile.ethnicity": ETHNICITIES,
    "profile.support_level": {
        "information": "Information: general information",
        "advice": "Advice: on their own situation",
        "casework": "Casework: ongoing support",
    },
    "consents.action": {"grant": "Consent given", "withdraw": "Consent withdrawn",
                        "refuse": "Refused by the young person"},
    "consents.scope": {
        "store-personal-details": "Keep their personal and contact details",
        "referral": "Be referred to the service",
        "contact-professional": "Contact another professional",
        "access-records": "See records held elsewhere",
        "share-information": "Pass information on to a third party",
        "mailing-list": "Join the mailing list",
        "quotes": "Quote them, named, in promotional material",
        "photographs": "Use photographs",
        "act-on-behalf": "Act on their behalf",
        "see-records": "Let others, parents included, see the young person's records",
    },
    "consents.method": _METHODS,
    "consents.given_by": _GIVEN_BY,
    "disclosures.basis": {"consent": "With consent", "breach": "A breach of confidentiality approved by a manager",
                          "subject-access": "A copy of their own records, on their request (subject access)"},
    "notes.from": _PROVIDERS,
    "people.from": _PROVIDERS,
    "format": {"sendvault-case/1": "A case record of format 1 (before a case's other people)",
               "sendvault-case/2": "A case record of format 2 (a case's people numbered)"},
    "documents.from": _PROVIDERS,
    "documents.kind": {"ehc-plan": "An EHC plan (final)", "draft-ehc-plan": "A draft EHC plan",
                       "la-letter": "A letter from the local authority", "school-report": "A school's report",
                       "professional-report": "A report by another professional (therapist, psychologist, doctor)",
                       "family-letter": "A letter or document from the family", "email": "An e-mail",
                       "other": "Another document"},
    "provided.from": _PROVIDERS,
    "people.role": {"parent-carer": "Parent or carer", "other-family": "Other family",
                    "professional": "Professional"},
    "sar_requests.for": {"parent": "The parent or carer", "young-person": "The young person",
                         "other": "Another person in the case (their own information only)"},
    "sar_requests.status": {"open": "Open: the copy is still to be made", "completed": "Completed: the copy was made"},
    "sar_requests.answer": {"copy": "A copy of the records",
                            "unconfirmed": "The reply that neither confirms nor denies that we hold records"},
    "breaches.reason": {
        "risk-of-harm": "Risk of harm to a child, young person or vulnerable adult",
        "crime": "Preventing or detecting a crime",
        "threat-to-staff-or-users": "Illegal activity threatening staff or service users",
        "legal-obligation": "A legal obligation, such as a court order",
    },
    "disclosures.sections": _SHARED_SECTIONS,
    "breaches.sections": _SHARED_SECTIONS,
    "disclosures.output": {
        # Words a parent reads in their copy: no names of ciphers or tools.
        "pdf-password": "A PDF protected by a password",
        "age": "An encrypted file that only the recipient's own key opens",
        "pdf-plaintext": "An unprotected PDF",
        "markdown-plaintext": "An unprotected text (Markdown) file",
        "html-plaintext": "An unprotected web page (HTML) file",
        "json-plaintext": "An unprotected data (JSON) file",
    },
    "disclosures.consent.given_by": _GIVEN_BY,
    "disclosures.consent.method": _METHODS,
    "history.event": {"closed": "Closed", "reopened": "Reopened", "edited": "Edited", "assigned": "Handed to another officer",
                      "follow-up-set": "Follow-up set", "follow-up-done": "Follow-up done",
                      "personal-details-removed": "Personal details removed (consent withdrawn)",
                      "level-changed": "Intervention level changed",
                      "person-added": "Person added", "person-changed": "Person's details changed",
                      "person-removed": "Person removed", "document-removed": "Document detached"},
}


def descriptions(path: str) -> dict[str, str]:
    """Each allowed value of the enumerated field at ``path`` and its description, in the schema's order."""
    words = DESCRIPTIONS[path]
    return {value: words[value] for value in enumerations()[path]}


def describe(path: str, value: str) -> str:
    """The description of one code of the field at ``path`` ('profile.primary_need', 'ASD' -> 'Autistic Spectrum Disorder')."""
    return DESCRIPTIONS[path][value]
