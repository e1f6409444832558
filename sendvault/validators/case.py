# Generated from vault-schema/case.schema.json by `python -m sendvault.schema`; do not edit.
SCHEMA_SHA256 = '688f133d5e736f23418c5d8e3fae9ca395ac857c2f0b5c58d96e2a57ccbc39f8'
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[^\\x00-\\x1f\\x7f]*$': re.compile('^[^\\x00-\\x1f\\x7f]*\\Z'),
    '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$': re.compile('^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}\\Z'),
    '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$': re.compile('^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\\Z'),
    '^\\+?\\(?[0-9][0-9 ()-]{5,20}$': re.compile('^\\+?\\(?[0-9][0-9 ()-]{5,20}\\Z'),
    '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$': re.compile('^[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\Z'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\\Z'),
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\\Z'),
    '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$': re.compile('^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault case record', 'description': 'One case: the plaintext TOML inside cases/<ID>.age. Dates are ISO strings (YYYY-MM-DD), instants are UTC ISO strings (YYYY-MM-DDTHH:MM:SSZ). Identifying data lives only in [person], [child] and [contact_preferences], and free text in notes; [profile] is non-identifying and kept in every kind of record.', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'id', 'created', 'created_by', 'updated', 'updated_by', 'status', 'kind', 'anonymous', 'record_personal_details', 'contact', 'profile'], 'properties': {'format': {'const': 'sendvault-case/1', 'description': 'Format tag, so a future version can migrate records.'}, 'id': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, 'created': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'created_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'updated': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'updated_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'status': {'enum': ['open', 'closed']}, 'assigned_to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'follow_up': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'$ref': '#/$defs/date', 'description': 'When it is due.'}, 'reason': {'$ref': '#/$defs/follow_up_reason'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was set.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'Who set it.'}}}, 'closed': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'outcome', 'by'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'kind': {'enum': ['case', 'general-enquiry'], 'description': 'R7: a general enquiry stores no personal details.'}, 'anonymous': {'type': 'boolean', 'description': 'R3: true forbids every identifying field.'}, 'record_personal_details': {'type': 'boolean', 'description': 'R5: false keeps only [profile] and the contact facts.'}, 'contact': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'$ref': '#/$defs/date', 'description': 'First contact.'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'$ref': '#/$defs/short_text', 'description': "The referrer's role, never a name (required unless route = self)."}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'$ref': '#/$defs/date'}, 'method': {'$ref': '#/$defs/method'}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'$ref': '#/$defs/short_text'}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'copy_given': {'type': 'boolean'}}}}}, 'person': {'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'$ref': '#/$defs/short_text'}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'$ref': '#/$defs/short_text'}}}, 'child': {'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'$ref': '#/$defs/short_text'}, 'date_of_birth': {'$ref': '#/$defs/date'}, 'school': {'$ref': '#/$defs/short_text'}, 'left_education': {'$ref': '#/$defs/date', 'description': 'The date the young person left education, where known: a retention rule may count from it.'}}}, 'contact_preferences': {'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, 'profile': {'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'$ref': '#/$defs/short_text', 'description': 'One of the localities the vault configures.'}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, 'provided': {'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'$ref': '#/$defs/provider', 'description': "Who gave the intake's answers (absent: the caller's role)."}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'$ref': '#/$defs/field_source'}}}}, 'notes': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}}, 'consents': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it (from their key).'}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'$ref': '#/$defs/short_text', 'description': 'The organisation or role the consent names (required for contact-professional, access-records and share-information; for see-records, absent means everyone outside the service).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the consent was given or withdrawn.'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'$ref': '#/$defs/method'}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'$ref': '#/$defs/date', 'description': 'When the consent is to be checked again.'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'description': "R10-R17: grants and withdrawals, in order, never rewritten (history is kept). Intake's answers (permission to record personal details, referral permission) are read as the first events."}, 'disclosures': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'$ref': '#/$defs/instant', 'description': 'When the share was made.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who made it (from their key).'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party it was made to (an organisation or a role).'}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'$ref': '#/$defs/shared_sections'}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'$ref': '#/$defs/instant'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'$ref': '#/$defs/method'}, 'date': {'$ref': '#/$defs/date'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'description': 'Every share made from the case (R12, R19): what, to whom, when, by whom, on what basis, in what form. Never rewritten.'}, 'breaches': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The manager who recorded it (from their key).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the decision was made.'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'$ref': '#/$defs/officer', 'description': 'The deciding manager.'}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party the information may be passed to.'}, 'sections': {'$ref': '#/$defs/shared_sections'}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'description': 'R19: manager-approved exceptions to confidentiality, each covering one party and the sections it names. Never rewritten.'}, 'holds': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'$ref': '#/$defs/instant'}, 'released_by': {'$ref': '#/$defs/officer'}}}}, 'policy_told': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'by': {'$ref': '#/$defs/officer'}, 'copy_given': {'type': 'boolean'}}}, 'description': 'R32: later policy versions the service user was told of.'}, 'sar_requests': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'$ref': '#/$defs/instant', 'description': 'When the request was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it.'}, 'received': {'$ref': '#/$defs/date', 'description': 'The day the service received the request.'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'$ref': '#/$defs/date', 'description': "The same date one calendar month after 'received'; the last day of that month when it has no such date (31 January -> 28 or 29 February)."}, 'status': {'enum': ['open', 'completed']}, 'completed': {'$ref': '#/$defs/date', 'description': 'The day the copy was made.'}, 'completed_by': {'$ref': '#/$defs/officer', 'description': 'The officer who made the copy.'}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'description': 'Subject-access requests (R25), oldest first; answered ones are kept.'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'$ref': '#/$defs/outcome'}, 'from': {'$ref': '#/$defs/officer', 'description': 'assigned: who held the case before.'}, 'to': {'$ref': '#/$defs/officer', 'description': 'assigned: who holds it now.'}, 'due': {'$ref': '#/$defs/date', 'description': "follow-up-set, follow-up-done: the follow-up's date."}, 'reason': {'$ref': '#/$defs/follow_up_reason', 'description': "follow-up-set, follow-up-done: the follow-up's reason."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, 'description': "Closing, reopening, edits, assignments and follow-ups: who and when (no content beyond a follow-up's own date and reason)."}}, 'allOf': [{'if': {'anyOf': [{'properties': {'anonymous': {'const': True}}}, {'properties': {'record_personal_details': {'const': False}}}, {'properties': {'kind': {'const': 'general-enquiry'}}}]}, 'then': {'not': {'anyOf': [{'required': ['person']}, {'required': ['child']}, {'required': ['contact_preferences']}]}}}, {'if': {'required': ['kind'], 'properties': {'kind': {'const': 'general-enquiry'}}}, 'then': {'properties': {'profile': {'properties': {'support_level': {'const': 'information'}}}}}}, {'if': {'properties': {'contact': {'properties': {'route': {'enum': ['professional', 'other']}}}}}, 'then': {'properties': {'contact': {'required': ['referrer', 'referral_permission']}}}}, {'if': {'properties': {'kind': {'const': 'case'}, 'contact': {'properties': {'caller': {'enum': ['parent-carer', 'other-family']}}}}}, 'then': {'properties': {'contact': {'required': ['parental_responsibility'], 'properties': {'parental_responsibility': {'const': True}}}}}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'closed'}}}, 'then': {'required': ['closed']}, 'else': {'not': {'required': ['closed']}}}], '$defs': {'case_id': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'instant': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'officer': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'short_text': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'follow_up_reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'follow_up': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'method': {'enum': ['verbal', 'written']}, 'contact': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}}}, 'person': {'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, 'child': {'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date_of_birth': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'school': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'left_education': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'contact_preferences': {'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, 'profile': {'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, 'note': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}, 'provider': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'provided': {'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}}}, 'field_source': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}, 'sar_request': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'received': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'status': {'enum': ['open', 'completed']}, 'completed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'completed_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'consent_event': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'enum': ['verbal', 'written']}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'shared_sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'disclosure': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'breach': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'hold': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'released_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'policy_told': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'copy_given': {'type': 'boolean'}}}, 'history_event': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'from': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}}}, rule='type')
    try:
        data_any_of_count1 = 0
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data_keys = set(data.keys())
                    if "anonymous" in data_keys:
                        data_keys.remove("anonymous")
                        data__anonymous = data["anonymous"]
                        if not (isinstance(data__anonymous, bool) and data__anonymous is True):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".anonymous must be same as const definition: True", value=data__anonymous, name="" + (name_prefix or "data") + ".anonymous", definition={'const': True}, rule='const')
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data_keys = set(data.keys())
                    if "record_personal_details" in data_keys:
                        data_keys.remove("record_personal_details")
                        data__recordpersonaldetails = data["record_personal_details"]
                        if not (isinstance(data__recordpersonaldetails, bool) and data__recordpersonaldetails is False):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".record_personal_details must be same as const definition: False", value=data__recordpersonaldetails, name="" + (name_prefix or "data") + ".record_personal_details", definition={'const': False}, rule='const')
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data_keys = set(data.keys())
                    if "kind" in data_keys:
                        data_keys.remove("kind")
                        data__kind = data["kind"]
                        if not (isinstance(data__kind, str) and data__kind == 'general-enquiry'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be same as const definition: general-enquiry", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'const': 'general-enquiry'}, rule='const')
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'anyOf': [{'properties': {'anonymous': {'const': True}}}, {'properties': {'record_personal_details': {'const': False}}}, {'properties': {'kind': {'const': 'general-enquiry'}}}]}, rule='anyOf')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_any_of_count2 = 0
            if not data_any_of_count2:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['person']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['person']}, rule='required')
                    data_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count2:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['child']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['child']}, rule='required')
                    data_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count2:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['contact_preferences']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['contact_preferences']}, rule='required')
                    data_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count2:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'anyOf': [{'required': ['person']}, {'required': ['child']}, {'required': ['contact_preferences']}]}, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'not': {'anyOf': [{'required': ['person']}, {'required': ['child']}, {'required': ['contact_preferences']}]}}, rule='not')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['kind']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['kind'], 'properties': {'kind': {'const': 'general-enquiry'}}}, rule='required')
            data_keys = set(data.keys())
            if "kind" in data_keys:
                data_keys.remove("kind")
                data__kind = data["kind"]
                if not (isinstance(data__kind, str) and data__kind == 'general-enquiry'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be same as const definition: general-enquiry", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'const': 'general-enquiry'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "profile" in data_keys:
                data_keys.remove("profile")
                data__profile = data["profile"]
                data__profile_is_dict = isinstance(data__profile, dict)
                if data__profile_is_dict:
                    data__profile_keys = set(data__profile.keys())
                    if "support_level" in data__profile_keys:
                        data__profile_keys.remove("support_level")
                        data__profile__supportlevel = data__profile["support_level"]
                        if not (isinstance(data__profile__supportlevel, str) and data__profile__supportlevel == 'information'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".profile.support_level must be same as const definition: information", value=data__profile__supportlevel, name="" + (name_prefix or "data") + ".profile.support_level", definition={'const': 'information'}, rule='const')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "contact" in data_keys:
                data_keys.remove("contact")
                data__contact = data["contact"]
                data__contact_is_dict = isinstance(data__contact, dict)
                if data__contact_is_dict:
                    data__contact_keys = set(data__contact.keys())
                    if "route" in data__contact_keys:
                        data__contact_keys.remove("route")
                        data__contact__route = data__contact["route"]
                        if not (isinstance(data__contact__route, str) and data__contact__route == 'professional' or isinstance(data__contact__route, str) and data__contact__route == 'other'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".contact.route must be one of ['professional', 'other']", value=data__contact__route, name="" + (name_prefix or "data") + ".contact.route", definition={'enum': ['professional', 'other']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "contact" in data_keys:
                data_keys.remove("contact")
                data__contact = data["contact"]
                data__contact_is_dict = isinstance(data__contact, dict)
                if data__contact_is_dict:
                    data__contact__missing_keys = set(['referrer', 'referral_permission']) - data__contact.keys()
                    if data__contact__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".contact must contain " + (str(sorted(data__contact__missing_keys)) + " properties"), value=data__contact, name="" + (name_prefix or "data") + ".contact", definition={'required': ['referrer', 'referral_permission']}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "kind" in data_keys:
                data_keys.remove("kind")
                data__kind = data["kind"]
                if not (isinstance(data__kind, str) and data__kind == 'case'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be same as const definition: case", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'const': 'case'}, rule='const')
            if "contact" in data_keys:
                data_keys.remove("contact")
                data__contact = data["contact"]
                data__contact_is_dict = isinstance(data__contact, dict)
                if data__contact_is_dict:
                    data__contact_keys = set(data__contact.keys())
                    if "caller" in data__contact_keys:
                        data__contact_keys.remove("caller")
                        data__contact__caller = data__contact["caller"]
                        if not (isinstance(data__contact__caller, str) and data__contact__caller == 'parent-carer' or isinstance(data__contact__caller, str) and data__contact__caller == 'other-family'):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".contact.caller must be one of ['parent-carer', 'other-family']", value=data__contact__caller, name="" + (name_prefix or "data") + ".contact.caller", definition={'enum': ['parent-carer', 'other-family']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "contact" in data_keys:
                data_keys.remove("contact")
                data__contact = data["contact"]
                data__contact_is_dict = isinstance(data__contact, dict)
                if data__contact_is_dict:
                    data__contact__missing_keys = set(['parental_responsibility']) - data__contact.keys()
                    if data__contact__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".contact must contain " + (str(sorted(data__contact__missing_keys)) + " properties"), value=data__contact, name="" + (name_prefix or "data") + ".contact", definition={'required': ['parental_responsibility'], 'properties': {'parental_responsibility': {'const': True}}}, rule='required')
                    data__contact_keys = set(data__contact.keys())
                    if "parental_responsibility" in data__contact_keys:
                        data__contact_keys.remove("parental_responsibility")
                        data__contact__parentalresponsibility = data__contact["parental_responsibility"]
                        if not (isinstance(data__contact__parentalresponsibility, bool) and data__contact__parentalresponsibility is True):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".contact.parental_responsibility must be same as const definition: True", value=data__contact__parentalresponsibility, name="" + (name_prefix or "data") + ".contact.parental_responsibility", definition={'const': True}, rule='const')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['status'], 'properties': {'status': {'const': 'closed'}}}, rule='required')
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                if not (isinstance(data__status, str) and data__status == 'closed'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be same as const definition: closed", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'const': 'closed'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['closed']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['closed']}, rule='required')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'not': {'required': ['closed']}}, rule='not')
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['closed']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['closed']}, rule='required')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'id', 'created', 'created_by', 'updated', 'updated_by', 'status', 'kind', 'anonymous', 'record_personal_details', 'contact', 'profile']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault case record', 'description': 'One case: the plaintext TOML inside cases/<ID>.age. Dates are ISO strings (YYYY-MM-DD), instants are UTC ISO strings (YYYY-MM-DDTHH:MM:SSZ). Identifying data lives only in [person], [child] and [contact_preferences], and free text in notes; [profile] is non-identifying and kept in every kind of record.', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'id', 'created', 'created_by', 'updated', 'updated_by', 'status', 'kind', 'anonymous', 'record_personal_details', 'contact', 'profile'], 'properties': {'format': {'const': 'sendvault-case/1', 'description': 'Format tag, so a future version can migrate records.'}, 'id': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, 'created': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'created_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'updated': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'updated_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'status': {'enum': ['open', 'closed']}, 'assigned_to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'follow_up': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'$ref': '#/$defs/date', 'description': 'When it is due.'}, 'reason': {'$ref': '#/$defs/follow_up_reason'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was set.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'Who set it.'}}}, 'closed': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'outcome', 'by'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'kind': {'enum': ['case', 'general-enquiry'], 'description': 'R7: a general enquiry stores no personal details.'}, 'anonymous': {'type': 'boolean', 'description': 'R3: true forbids every identifying field.'}, 'record_personal_details': {'type': 'boolean', 'description': 'R5: false keeps only [profile] and the contact facts.'}, 'contact': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'$ref': '#/$defs/date', 'description': 'First contact.'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'$ref': '#/$defs/short_text', 'description': "The referrer's role, never a name (required unless route = self)."}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'$ref': '#/$defs/date'}, 'method': {'$ref': '#/$defs/method'}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'$ref': '#/$defs/short_text'}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'copy_given': {'type': 'boolean'}}}}}, 'person': {'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'$ref': '#/$defs/short_text'}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'$ref': '#/$defs/short_text'}}}, 'child': {'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'$ref': '#/$defs/short_text'}, 'date_of_birth': {'$ref': '#/$defs/date'}, 'school': {'$ref': '#/$defs/short_text'}, 'left_education': {'$ref': '#/$defs/date', 'description': 'The date the young person left education, where known: a retention rule may count from it.'}}}, 'contact_preferences': {'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, 'profile': {'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'$ref': '#/$defs/short_text', 'description': 'One of the localities the vault configures.'}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, 'provided': {'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'$ref': '#/$defs/provider', 'description': "Who gave the intake's answers (absent: the caller's role)."}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'$ref': '#/$defs/field_source'}}}}, 'notes': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}}, 'consents': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it (from their key).'}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'$ref': '#/$defs/short_text', 'description': 'The organisation or role the consent names (required for contact-professional, access-records and share-information; for see-records, absent means everyone outside the service).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the consent was given or withdrawn.'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'$ref': '#/$defs/method'}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'$ref': '#/$defs/date', 'description': 'When the consent is to be checked again.'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'description': "R10-R17: grants and withdrawals, in order, never rewritten (history is kept). Intake's answers (permission to record personal details, referral permission) are read as the first events."}, 'disclosures': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'$ref': '#/$defs/instant', 'description': 'When the share was made.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who made it (from their key).'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party it was made to (an organisation or a role).'}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'$ref': '#/$defs/shared_sections'}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'$ref': '#/$defs/instant'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'$ref': '#/$defs/method'}, 'date': {'$ref': '#/$defs/date'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'description': 'Every share made from the case (R12, R19): what, to whom, when, by whom, on what basis, in what form. Never rewritten.'}, 'breaches': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The manager who recorded it (from their key).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the decision was made.'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'$ref': '#/$defs/officer', 'description': 'The deciding manager.'}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party the information may be passed to.'}, 'sections': {'$ref': '#/$defs/shared_sections'}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'description': 'R19: manager-approved exceptions to confidentiality, each covering one party and the sections it names. Never rewritten.'}, 'holds': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'$ref': '#/$defs/instant'}, 'released_by': {'$ref': '#/$defs/officer'}}}}, 'policy_told': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'by': {'$ref': '#/$defs/officer'}, 'copy_given': {'type': 'boolean'}}}, 'description': 'R32: later policy versions the service user was told of.'}, 'sar_requests': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'$ref': '#/$defs/instant', 'description': 'When the request was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it.'}, 'received': {'$ref': '#/$defs/date', 'description': 'The day the service received the request.'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'$ref': '#/$defs/date', 'description': "The same date one calendar month after 'received'; the last day of that month when it has no such date (31 January -> 28 or 29 February)."}, 'status': {'enum': ['open', 'completed']}, 'completed': {'$ref': '#/$defs/date', 'description': 'The day the copy was made.'}, 'completed_by': {'$ref': '#/$defs/officer', 'description': 'The officer who made the copy.'}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'description': 'Subject-access requests (R25), oldest first; answered ones are kept.'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'$ref': '#/$defs/outcome'}, 'from': {'$ref': '#/$defs/officer', 'description': 'assigned: who held the case before.'}, 'to': {'$ref': '#/$defs/officer', 'description': 'assigned: who holds it now.'}, 'due': {'$ref': '#/$defs/date', 'description': "follow-up-set, follow-up-done: the follow-up's date."}, 'reason': {'$ref': '#/$defs/follow_up_reason', 'description': "follow-up-set, follow-up-done: the follow-up's reason."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, 'description': "Closing, reopening, edits, assignments and follow-ups: who and when (no content beyond a follow-up's own date and reason)."}}, 'allOf': [{'if': {'anyOf': [{'properties': {'anonymous': {'const': True}}}, {'properties': {'record_personal_details': {'const': False}}}, {'properties': {'kind': {'const': 'general-enquiry'}}}]}, 'then': {'not': {'anyOf': [{'required': ['person']}, {'required': ['child']}, {'required': ['contact_preferences']}]}}}, {'if': {'required': ['kind'], 'properties': {'kind': {'const': 'general-enquiry'}}}, 'then': {'properties': {'profile': {'properties': {'support_level': {'const': 'information'}}}}}}, {'if': {'properties': {'contact': {'properties': {'route': {'enum': ['professional', 'other']}}}}}, 'then': {'properties': {'contact': {'required': ['referrer', 'referral_permission']}}}}, {'if': {'properties': {'kind': {'const': 'case'}, 'contact': {'properties': {'caller': {'enum': ['parent-carer', 'other-family']}}}}}, 'then': {'properties': {'contact': {'required': ['parental_responsibility'], 'properties': {'parental_responsibility': {'const': True}}}}}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'closed'}}}, 'then': {'required': ['closed']}, 'else': {'not': {'required': ['closed']}}}], '$defs': {'case_id': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'instant': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'officer': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'short_text': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'follow_up_reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'follow_up': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'method': {'enum': ['verbal', 'written']}, 'contact': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}}}, 'person': {'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, 'child': {'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date_of_birth': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'school': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'left_education': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'contact_preferences': {'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, 'profile': {'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, 'note': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}, 'provider': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'provided': {'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}}}, 'field_source': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}, 'sar_request': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'received': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'status': {'enum': ['open', 'completed']}, 'completed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'completed_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'consent_event': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'enum': ['verbal', 'written']}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'shared_sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'disclosure': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'breach': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'hold': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'released_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'policy_told': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'copy_given': {'type': 'boolean'}}}, 'history_event': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'from': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}}}, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'sendvault-case/1'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: sendvault-case/1", value=data__format, name="" + (name_prefix or "data") + ".format", definition={'const': 'sendvault-case/1', 'description': 'Format tag, so a future version can migrate records.'}, rule='const')
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate____defs_case_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "created" in data_keys:
            data_keys.remove("created")
            data__created = data["created"]
            validate____defs_instant(data__created, custom_formats, (name_prefix or "data") + ".created")
        if "created_by" in data_keys:
            data_keys.remove("created_by")
            data__createdby = data["created_by"]
            validate____defs_officer(data__createdby, custom_formats, (name_prefix or "data") + ".created_by")
        if "updated" in data_keys:
            data_keys.remove("updated")
            data__updated = data["updated"]
            validate____defs_instant(data__updated, custom_formats, (name_prefix or "data") + ".updated")
        if "updated_by" in data_keys:
            data_keys.remove("updated_by")
            data__updatedby = data["updated_by"]
            validate____defs_officer(data__updatedby, custom_formats, (name_prefix or "data") + ".updated_by")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'open' or isinstance(data__status, str) and data__status == 'closed'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['open', 'closed']", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'enum': ['open', 'closed']}, rule='enum')
        if "assigned_to" in data_keys:
            data_keys.remove("assigned_to")
            data__assignedto = data["assigned_to"]
            validate____defs_officer(data__assignedto, custom_formats, (name_prefix or "data") + ".assigned_to")
        if "follow_up" in data_keys:
            data_keys.remove("follow_up")
            data__followup = data["follow_up"]
            validate____defs_follow_up(data__followup, custom_formats, (name_prefix or "data") + ".follow_up")
        if "closed" in data_keys:
            data_keys.remove("closed")
            data__closed = data["closed"]
            if not isinstance(data__closed, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed must be object", value=data__closed, name="" + (name_prefix or "data") + ".closed", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'outcome', 'by'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='type')
            data__closed_is_dict = isinstance(data__closed, dict)
            if data__closed_is_dict:
                data__closed__missing_keys = set(['date', 'outcome', 'by']) - data__closed.keys()
                if data__closed__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed must contain " + (str(sorted(data__closed__missing_keys)) + " properties"), value=data__closed, name="" + (name_prefix or "data") + ".closed", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'outcome', 'by'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='required')
                data__closed_keys = set(data__closed.keys())
                if "date" in data__closed_keys:
                    data__closed_keys.remove("date")
                    data__closed__date = data__closed["date"]
                    validate____defs_date(data__closed__date, custom_formats, (name_prefix or "data") + ".closed.date")
                if "outcome" in data__closed_keys:
                    data__closed_keys.remove("outcome")
                    data__closed__outcome = data__closed["outcome"]
                    validate____defs_outcome(data__closed__outcome, custom_formats, (name_prefix or "data") + ".closed.outcome")
                if "by" in data__closed_keys:
                    data__closed_keys.remove("by")
                    data__closed__by = data__closed["by"]
                    validate____defs_officer(data__closed__by, custom_formats, (name_prefix or "data") + ".closed.by")
                if data__closed_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".closed must not contain "+str(data__closed_keys)+" properties", value=data__closed, name="" + (name_prefix or "data") + ".closed", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'outcome', 'by'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='additionalProperties')
        if "kind" in data_keys:
            data_keys.remove("kind")
            data__kind = data["kind"]
            if not (isinstance(data__kind, str) and data__kind == 'case' or isinstance(data__kind, str) and data__kind == 'general-enquiry'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".kind must be one of ['case', 'general-enquiry']", value=data__kind, name="" + (name_prefix or "data") + ".kind", definition={'enum': ['case', 'general-enquiry'], 'description': 'R7: a general enquiry stores no personal details.'}, rule='enum')
        if "anonymous" in data_keys:
            data_keys.remove("anonymous")
            data__anonymous = data["anonymous"]
            if not isinstance(data__anonymous, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".anonymous must be boolean", value=data__anonymous, name="" + (name_prefix or "data") + ".anonymous", definition={'type': 'boolean', 'description': 'R3: true forbids every identifying field.'}, rule='type')
        if "record_personal_details" in data_keys:
            data_keys.remove("record_personal_details")
            data__recordpersonaldetails = data["record_personal_details"]
            if not isinstance(data__recordpersonaldetails, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".record_personal_details must be boolean", value=data__recordpersonaldetails, name="" + (name_prefix or "data") + ".record_personal_details", definition={'type': 'boolean', 'description': 'R5: false keeps only [profile] and the contact facts.'}, rule='type')
        if "contact" in data_keys:
            data_keys.remove("contact")
            data__contact = data["contact"]
            validate____defs_contact(data__contact, custom_formats, (name_prefix or "data") + ".contact")
        if "person" in data_keys:
            data_keys.remove("person")
            data__person = data["person"]
            validate____defs_person(data__person, custom_formats, (name_prefix or "data") + ".person")
        if "child" in data_keys:
            data_keys.remove("child")
            data__child = data["child"]
            validate____defs_child(data__child, custom_formats, (name_prefix or "data") + ".child")
        if "contact_preferences" in data_keys:
            data_keys.remove("contact_preferences")
            data__contactpreferences = data["contact_preferences"]
            validate____defs_contact_preferences(data__contactpreferences, custom_formats, (name_prefix or "data") + ".contact_preferences")
        if "profile" in data_keys:
            data_keys.remove("profile")
            data__profile = data["profile"]
            validate____defs_profile(data__profile, custom_formats, (name_prefix or "data") + ".profile")
        if "provided" in data_keys:
            data_keys.remove("provided")
            data__provided = data["provided"]
            validate____defs_provided(data__provided, custom_formats, (name_prefix or "data") + ".provided")
        if "notes" in data_keys:
            data_keys.remove("notes")
            data__notes = data["notes"]
            if not isinstance(data__notes, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".notes must be array", value=data__notes, name="" + (name_prefix or "data") + ".notes", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}}, rule='type')
            data__notes_is_list = isinstance(data__notes, (list, tuple))
            if data__notes_is_list:
                data__notes_len = len(data__notes)
                for data__notes_x, data__notes_item in enumerate(data__notes):
                    validate____defs_note(data__notes_item, custom_formats, (name_prefix or "data") + ".notes[{data__notes_x}]".format(**locals()))
        if "consents" in data_keys:
            data_keys.remove("consents")
            data__consents = data["consents"]
            if not isinstance(data__consents, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".consents must be array", value=data__consents, name="" + (name_prefix or "data") + ".consents", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it (from their key).'}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'$ref': '#/$defs/short_text', 'description': 'The organisation or role the consent names (required for contact-professional, access-records and share-information; for see-records, absent means everyone outside the service).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the consent was given or withdrawn.'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'$ref': '#/$defs/method'}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'$ref': '#/$defs/date', 'description': 'When the consent is to be checked again.'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'description': "R10-R17: grants and withdrawals, in order, never rewritten (history is kept). Intake's answers (permission to record personal details, referral permission) are read as the first events."}, rule='type')
            data__consents_is_list = isinstance(data__consents, (list, tuple))
            if data__consents_is_list:
                data__consents_len = len(data__consents)
                for data__consents_x, data__consents_item in enumerate(data__consents):
                    validate____defs_consent_event(data__consents_item, custom_formats, (name_prefix or "data") + ".consents[{data__consents_x}]".format(**locals()))
        if "disclosures" in data_keys:
            data_keys.remove("disclosures")
            data__disclosures = data["disclosures"]
            if not isinstance(data__disclosures, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".disclosures must be array", value=data__disclosures, name="" + (name_prefix or "data") + ".disclosures", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'$ref': '#/$defs/instant', 'description': 'When the share was made.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who made it (from their key).'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party it was made to (an organisation or a role).'}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'$ref': '#/$defs/shared_sections'}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'$ref': '#/$defs/instant'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'$ref': '#/$defs/method'}, 'date': {'$ref': '#/$defs/date'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'description': 'Every share made from the case (R12, R19): what, to whom, when, by whom, on what basis, in what form. Never rewritten.'}, rule='type')
            data__disclosures_is_list = isinstance(data__disclosures, (list, tuple))
            if data__disclosures_is_list:
                data__disclosures_len = len(data__disclosures)
                for data__disclosures_x, data__disclosures_item in enumerate(data__disclosures):
                    validate____defs_disclosure(data__disclosures_item, custom_formats, (name_prefix or "data") + ".disclosures[{data__disclosures_x}]".format(**locals()))
        if "breaches" in data_keys:
            data_keys.remove("breaches")
            data__breaches = data["breaches"]
            if not isinstance(data__breaches, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breaches must be array", value=data__breaches, name="" + (name_prefix or "data") + ".breaches", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The manager who recorded it (from their key).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the decision was made.'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'$ref': '#/$defs/officer', 'description': 'The deciding manager.'}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party the information may be passed to.'}, 'sections': {'$ref': '#/$defs/shared_sections'}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'description': 'R19: manager-approved exceptions to confidentiality, each covering one party and the sections it names. Never rewritten.'}, rule='type')
            data__breaches_is_list = isinstance(data__breaches, (list, tuple))
            if data__breaches_is_list:
                data__breaches_len = len(data__breaches)
                for data__breaches_x, data__breaches_item in enumerate(data__breaches):
                    validate____defs_breach(data__breaches_item, custom_formats, (name_prefix or "data") + ".breaches[{data__breaches_x}]".format(**locals()))
        if "holds" in data_keys:
            data_keys.remove("holds")
            data__holds = data["holds"]
            if not isinstance(data__holds, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".holds must be array", value=data__holds, name="" + (name_prefix or "data") + ".holds", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'$ref': '#/$defs/instant'}, 'released_by': {'$ref': '#/$defs/officer'}}}}, rule='type')
            data__holds_is_list = isinstance(data__holds, (list, tuple))
            if data__holds_is_list:
                data__holds_len = len(data__holds)
                for data__holds_x, data__holds_item in enumerate(data__holds):
                    validate____defs_hold(data__holds_item, custom_formats, (name_prefix or "data") + ".holds[{data__holds_x}]".format(**locals()))
        if "policy_told" in data_keys:
            data_keys.remove("policy_told")
            data__policytold = data["policy_told"]
            if not isinstance(data__policytold, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy_told must be array", value=data__policytold, name="" + (name_prefix or "data") + ".policy_told", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'by': {'$ref': '#/$defs/officer'}, 'copy_given': {'type': 'boolean'}}}, 'description': 'R32: later policy versions the service user was told of.'}, rule='type')
            data__policytold_is_list = isinstance(data__policytold, (list, tuple))
            if data__policytold_is_list:
                data__policytold_len = len(data__policytold)
                for data__policytold_x, data__policytold_item in enumerate(data__policytold):
                    validate____defs_policy_told(data__policytold_item, custom_formats, (name_prefix or "data") + ".policy_told[{data__policytold_x}]".format(**locals()))
        if "sar_requests" in data_keys:
            data_keys.remove("sar_requests")
            data__sarrequests = data["sar_requests"]
            if not isinstance(data__sarrequests, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sar_requests must be array", value=data__sarrequests, name="" + (name_prefix or "data") + ".sar_requests", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'$ref': '#/$defs/instant', 'description': 'When the request was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it.'}, 'received': {'$ref': '#/$defs/date', 'description': 'The day the service received the request.'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'$ref': '#/$defs/date', 'description': "The same date one calendar month after 'received'; the last day of that month when it has no such date (31 January -> 28 or 29 February)."}, 'status': {'enum': ['open', 'completed']}, 'completed': {'$ref': '#/$defs/date', 'description': 'The day the copy was made.'}, 'completed_by': {'$ref': '#/$defs/officer', 'description': 'The officer who made the copy.'}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'description': 'Subject-access requests (R25), oldest first; answered ones are kept.'}, rule='type')
            data__sarrequests_is_list = isinstance(data__sarrequests, (list, tuple))
            if data__sarrequests_is_list:
                data__sarrequests_len = len(data__sarrequests)
                for data__sarrequests_x, data__sarrequests_item in enumerate(data__sarrequests):
                    validate____defs_sar_request(data__sarrequests_item, custom_formats, (name_prefix or "data") + ".sar_requests[{data__sarrequests_x}]".format(**locals()))
        if "history" in data_keys:
            data_keys.remove("history")
            data__history = data["history"]
            if not isinstance(data__history, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".history must be array", value=data__history, name="" + (name_prefix or "data") + ".history", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'$ref': '#/$defs/outcome'}, 'from': {'$ref': '#/$defs/officer', 'description': 'assigned: who held the case before.'}, 'to': {'$ref': '#/$defs/officer', 'description': 'assigned: who holds it now.'}, 'due': {'$ref': '#/$defs/date', 'description': "follow-up-set, follow-up-done: the follow-up's date."}, 'reason': {'$ref': '#/$defs/follow_up_reason', 'description': "follow-up-set, follow-up-done: the follow-up's reason."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, 'description': "Closing, reopening, edits, assignments and follow-ups: who and when (no content beyond a follow-up's own date and reason)."}, rule='type')
            data__history_is_list = isinstance(data__history, (list, tuple))
            if data__history_is_list:
                data__history_len = len(data__history)
                for data__history_x, data__history_item in enumerate(data__history):
                    validate____defs_history_event(data__history_item, custom_formats, (name_prefix or "data") + ".history[{data__history_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault case record', 'description': 'One case: the plaintext TOML inside cases/<ID>.age. Dates are ISO strings (YYYY-MM-DD), instants are UTC ISO strings (YYYY-MM-DDTHH:MM:SSZ). Identifying data lives only in [person], [child] and [contact_preferences], and free text in notes; [profile] is non-identifying and kept in every kind of record.', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'id', 'created', 'created_by', 'updated', 'updated_by', 'status', 'kind', 'anonymous', 'record_personal_details', 'contact', 'profile'], 'properties': {'format': {'const': 'sendvault-case/1', 'description': 'Format tag, so a future version can migrate records.'}, 'id': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, 'created': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'created_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'updated': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'updated_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'status': {'enum': ['open', 'closed']}, 'assigned_to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'follow_up': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'$ref': '#/$defs/date', 'description': 'When it is due.'}, 'reason': {'$ref': '#/$defs/follow_up_reason'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was set.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'Who set it.'}}}, 'closed': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'outcome', 'by'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'kind': {'enum': ['case', 'general-enquiry'], 'description': 'R7: a general enquiry stores no personal details.'}, 'anonymous': {'type': 'boolean', 'description': 'R3: true forbids every identifying field.'}, 'record_personal_details': {'type': 'boolean', 'description': 'R5: false keeps only [profile] and the contact facts.'}, 'contact': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'$ref': '#/$defs/date', 'description': 'First contact.'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'$ref': '#/$defs/short_text', 'description': "The referrer's role, never a name (required unless route = self)."}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'$ref': '#/$defs/date'}, 'method': {'$ref': '#/$defs/method'}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'$ref': '#/$defs/short_text'}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'copy_given': {'type': 'boolean'}}}}}, 'person': {'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'$ref': '#/$defs/short_text'}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'$ref': '#/$defs/short_text'}}}, 'child': {'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'$ref': '#/$defs/short_text'}, 'date_of_birth': {'$ref': '#/$defs/date'}, 'school': {'$ref': '#/$defs/short_text'}, 'left_education': {'$ref': '#/$defs/date', 'description': 'The date the young person left education, where known: a retention rule may count from it.'}}}, 'contact_preferences': {'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, 'profile': {'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'$ref': '#/$defs/short_text', 'description': 'One of the localities the vault configures.'}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, 'provided': {'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'$ref': '#/$defs/provider', 'description': "Who gave the intake's answers (absent: the caller's role)."}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'$ref': '#/$defs/field_source'}}}}, 'notes': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}}, 'consents': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it (from their key).'}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'$ref': '#/$defs/short_text', 'description': 'The organisation or role the consent names (required for contact-professional, access-records and share-information; for see-records, absent means everyone outside the service).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the consent was given or withdrawn.'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'$ref': '#/$defs/method'}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'$ref': '#/$defs/date', 'description': 'When the consent is to be checked again.'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'description': "R10-R17: grants and withdrawals, in order, never rewritten (history is kept). Intake's answers (permission to record personal details, referral permission) are read as the first events."}, 'disclosures': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'$ref': '#/$defs/instant', 'description': 'When the share was made.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who made it (from their key).'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party it was made to (an organisation or a role).'}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'$ref': '#/$defs/shared_sections'}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'$ref': '#/$defs/instant'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'$ref': '#/$defs/method'}, 'date': {'$ref': '#/$defs/date'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'description': 'Every share made from the case (R12, R19): what, to whom, when, by whom, on what basis, in what form. Never rewritten.'}, 'breaches': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'$ref': '#/$defs/instant', 'description': 'When it was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The manager who recorded it (from their key).'}, 'date': {'$ref': '#/$defs/date', 'description': 'The day the decision was made.'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'$ref': '#/$defs/officer', 'description': 'The deciding manager.'}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'$ref': '#/$defs/short_text', 'description': 'The party the information may be passed to.'}, 'sections': {'$ref': '#/$defs/shared_sections'}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'description': 'R19: manager-approved exceptions to confidentiality, each covering one party and the sections it names. Never rewritten.'}, 'holds': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'$ref': '#/$defs/instant'}, 'released_by': {'$ref': '#/$defs/officer'}}}}, 'policy_told': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'$ref': '#/$defs/short_text'}, 'date': {'$ref': '#/$defs/date'}, 'by': {'$ref': '#/$defs/officer'}, 'copy_given': {'type': 'boolean'}}}, 'description': 'R32: later policy versions the service user was told of.'}, 'sar_requests': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'$ref': '#/$defs/instant', 'description': 'When the request was recorded.'}, 'by': {'$ref': '#/$defs/officer', 'description': 'The officer who recorded it.'}, 'received': {'$ref': '#/$defs/date', 'description': 'The day the service received the request.'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'$ref': '#/$defs/date', 'description': "The same date one calendar month after 'received'; the last day of that month when it has no such date (31 January -> 28 or 29 February)."}, 'status': {'enum': ['open', 'completed']}, 'completed': {'$ref': '#/$defs/date', 'description': 'The day the copy was made.'}, 'completed_by': {'$ref': '#/$defs/officer', 'description': 'The officer who made the copy.'}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'description': 'Subject-access requests (R25), oldest first; answered ones are kept.'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'$ref': '#/$defs/instant'}, 'by': {'$ref': '#/$defs/officer'}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'$ref': '#/$defs/outcome'}, 'from': {'$ref': '#/$defs/officer', 'description': 'assigned: who held the case before.'}, 'to': {'$ref': '#/$defs/officer', 'description': 'assigned: who holds it now.'}, 'due': {'$ref': '#/$defs/date', 'description': "follow-up-set, follow-up-done: the follow-up's date."}, 'reason': {'$ref': '#/$defs/follow_up_reason', 'description': "follow-up-set, follow-up-done: the follow-up's reason."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, 'description': "Closing, reopening, edits, assignments and follow-ups: who and when (no content beyond a follow-up's own date and reason)."}}, 'allOf': [{'if': {'anyOf': [{'properties': {'anonymous': {'const': True}}}, {'properties': {'record_personal_details': {'const': False}}}, {'properties': {'kind': {'const': 'general-enquiry'}}}]}, 'then': {'not': {'anyOf': [{'required': ['person']}, {'required': ['child']}, {'required': ['contact_preferences']}]}}}, {'if': {'required': ['kind'], 'properties': {'kind': {'const': 'general-enquiry'}}}, 'then': {'properties': {'profile': {'properties': {'support_level': {'const': 'information'}}}}}}, {'if': {'properties': {'contact': {'properties': {'route': {'enum': ['professional', 'other']}}}}}, 'then': {'properties': {'contact': {'required': ['referrer', 'referral_permission']}}}}, {'if': {'properties': {'kind': {'const': 'case'}, 'contact': {'properties': {'caller': {'enum': ['parent-carer', 'other-family']}}}}}, 'then': {'properties': {'contact': {'required': ['parental_responsibility'], 'properties': {'parental_responsibility': {'const': True}}}}}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'closed'}}}, 'then': {'required': ['closed']}, 'else': {'not': {'required': ['closed']}}}], '$defs': {'case_id': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'instant': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'officer': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'short_text': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'follow_up_reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'follow_up': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'method': {'enum': ['verbal', 'written']}, 'contact': {'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}}}, 'person': {'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, 'child': {'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date_of_birth': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'school': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'left_education': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'contact_preferences': {'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, 'profile': {'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, 'note': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}, 'provider': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'provided': {'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}}}, 'field_source': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}, 'sar_request': {'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'received': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'status': {'enum': ['open', 'completed']}, 'completed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'completed_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, 'consent_event': {'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'enum': ['verbal', 'written']}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, 'shared_sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'disclosure': {'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, 'breach': {'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, 'hold': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'released_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, 'policy_told': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'copy_given': {'type': 'boolean'}}}, 'history_event': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'from': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}}}, rule='additionalProperties')
    return data

def validate____defs_history_event(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'from': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "event" in data_keys:
                data_keys.remove("event")
                data__event = data["event"]
                if not (isinstance(data__event, str) and data__event == 'assigned'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".event must be same as const definition: assigned", value=data__event, name="" + (name_prefix or "data") + ".event", definition={'const': 'assigned'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['from', 'to']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['from', 'to']}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "event" in data_keys:
                data_keys.remove("event")
                data__event = data["event"]
                if not (isinstance(data__event, str) and data__event == 'follow-up-set' or isinstance(data__event, str) and data__event == 'follow-up-done'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".event must be one of ['follow-up-set', 'follow-up-done']", value=data__event, name="" + (name_prefix or "data") + ".event", definition={'enum': ['follow-up-set', 'follow-up-done']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['due', 'reason']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['due', 'reason']}, rule='required')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['at', 'by', 'event']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'from': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, rule='required')
        data_keys = set(data.keys())
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "event" in data_keys:
            data_keys.remove("event")
            data__event = data["event"]
            if not (isinstance(data__event, str) and data__event == 'closed' or isinstance(data__event, str) and data__event == 'reopened' or isinstance(data__event, str) and data__event == 'edited' or isinstance(data__event, str) and data__event == 'assigned' or isinstance(data__event, str) and data__event == 'follow-up-set' or isinstance(data__event, str) and data__event == 'follow-up-done' or isinstance(data__event, str) and data__event == 'personal-details-removed'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".event must be one of ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']", value=data__event, name="" + (name_prefix or "data") + ".event", definition={'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, rule='enum')
        if "outcome" in data_keys:
            data_keys.remove("outcome")
            data__outcome = data["outcome"]
            validate____defs_outcome(data__outcome, custom_formats, (name_prefix or "data") + ".outcome")
        if "from" in data_keys:
            data_keys.remove("from")
            data__from = data["from"]
            validate____defs_officer(data__from, custom_formats, (name_prefix or "data") + ".from")
        if "to" in data_keys:
            data_keys.remove("to")
            data__to = data["to"]
            validate____defs_officer(data__to, custom_formats, (name_prefix or "data") + ".to")
        if "due" in data_keys:
            data_keys.remove("due")
            data__due = data["due"]
            validate____defs_date(data__due, custom_formats, (name_prefix or "data") + ".due")
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            validate____defs_follow_up_reason(data__reason, custom_formats, (name_prefix or "data") + ".reason")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'event'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'event': {'enum': ['closed', 'reopened', 'edited', 'assigned', 'follow-up-set', 'follow-up-done', 'personal-details-removed']}, 'outcome': {'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, 'from': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}}, 'allOf': [{'if': {'properties': {'event': {'const': 'assigned'}}}, 'then': {'required': ['from', 'to']}}, {'if': {'properties': {'event': {'enum': ['follow-up-set', 'follow-up-done']}}}, 'then': {'required': ['due', 'reason']}}]}, rule='additionalProperties')
    return data

def validate____defs_follow_up_reason(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, rule='minLength')
        if data_len > 120:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 120 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, rule='maxLength')
        if not REGEX_PATTERNS['^[^\\x00-\\x1f\\x7f]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\\x00-\\x1f\\x7f]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, rule='pattern')
    return data

def validate____defs_sar_request(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'received': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'status': {'enum': ['open', 'completed']}, 'completed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'completed_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, rule='required')
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                if not (isinstance(data__status, str) and data__status == 'completed'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be same as const definition: completed", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'const': 'completed'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['completed', 'completed_by']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['completed', 'completed_by']}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['status']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['status'], 'properties': {'status': {'const': 'open'}}}, rule='required')
            data_keys = set(data.keys())
            if "status" in data_keys:
                data_keys.remove("status")
                data__status = data["status"]
                if not (isinstance(data__status, str) and data__status == 'open'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be same as const definition: open", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'const': 'open'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_any_of_count3 = 0
            if not data_any_of_count3:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['completed']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['completed']}, rule='required')
                    data_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count3:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['completed_by']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['completed_by']}, rule='required')
                    data_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count3:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}, rule='not')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['number', 'at', 'by', 'received', 'for', 'due', 'status']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'received': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'status': {'enum': ['open', 'completed']}, 'completed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'completed_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, rule='required')
        data_keys = set(data.keys())
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            if not isinstance(data__number, (int)) and not (isinstance(data__number, float) and data__number.is_integer()) or isinstance(data__number, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".number must be integer", value=data__number, name="" + (name_prefix or "data") + ".number", definition={'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, rule='type')
            if isinstance(data__number, (int, float, Decimal)) and not isinstance(data__number, bool):
                if data__number < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".number must be bigger than or equal to 1", value=data__number, name="" + (name_prefix or "data") + ".number", definition={'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, rule='minimum')
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "received" in data_keys:
            data_keys.remove("received")
            data__received = data["received"]
            validate____defs_date(data__received, custom_formats, (name_prefix or "data") + ".received")
        if "for" in data_keys:
            data_keys.remove("for")
            data__for = data["for"]
            if not (isinstance(data__for, str) and data__for == 'parent' or isinstance(data__for, str) and data__for == 'young-person'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".for must be one of ['parent', 'young-person']", value=data__for, name="" + (name_prefix or "data") + ".for", definition={'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, rule='enum')
        if "due" in data_keys:
            data_keys.remove("due")
            data__due = data["due"]
            validate____defs_date(data__due, custom_formats, (name_prefix or "data") + ".due")
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            if not (isinstance(data__status, str) and data__status == 'open' or isinstance(data__status, str) and data__status == 'completed'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must be one of ['open', 'completed']", value=data__status, name="" + (name_prefix or "data") + ".status", definition={'enum': ['open', 'completed']}, rule='enum')
        if "completed" in data_keys:
            data_keys.remove("completed")
            data__completed = data["completed"]
            validate____defs_date(data__completed, custom_formats, (name_prefix or "data") + ".completed")
        if "completed_by" in data_keys:
            data_keys.remove("completed_by")
            data__completedby = data["completed_by"]
            validate____defs_officer(data__completedby, custom_formats, (name_prefix or "data") + ".completed_by")
        if "withheld" in data_keys:
            data_keys.remove("withheld")
            data__withheld = data["withheld"]
            if not isinstance(data__withheld, (int)) and not (isinstance(data__withheld, float) and data__withheld.is_integer()) or isinstance(data__withheld, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".withheld must be integer", value=data__withheld, name="" + (name_prefix or "data") + ".withheld", definition={'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}, rule='type')
            if isinstance(data__withheld, (int, float, Decimal)) and not isinstance(data__withheld, bool):
                if data__withheld < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".withheld must be bigger than or equal to 0", value=data__withheld, name="" + (name_prefix or "data") + ".withheld", definition={'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}, rule='minimum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'One subject-access request (R25): whose, when received, when the copy is due (one calendar month), and when it was made.', 'required': ['number', 'at', 'by', 'received', 'for', 'due', 'status'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': "The request's number in this case."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'received': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'for': {'enum': ['parent', 'young-person'], 'description': "Whose request: the parent or carer's, or the young person's."}, 'due': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'status': {'enum': ['open', 'completed']}, 'completed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'completed_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'withheld': {'type': 'integer', 'minimum': 0, 'description': 'How many items the copy withheld or redacted (its cover page lists them by kind).'}}, 'allOf': [{'if': {'required': ['status'], 'properties': {'status': {'const': 'completed'}}}, 'then': {'required': ['completed', 'completed_by']}}, {'if': {'required': ['status'], 'properties': {'status': {'const': 'open'}}}, 'then': {'not': {'anyOf': [{'required': ['completed']}, {'required': ['completed_by']}]}}}]}, rule='additionalProperties')
    return data

def validate____defs_policy_told(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'copy_given': {'type': 'boolean'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['version', 'date', 'by']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'copy_given': {'type': 'boolean'}}}, rule='required')
        data_keys = set(data.keys())
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            validate____defs_short_text(data__version, custom_formats, (name_prefix or "data") + ".version")
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate____defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "copy_given" in data_keys:
            data_keys.remove("copy_given")
            data__copygiven = data["copy_given"]
            if not isinstance(data__copygiven, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".copy_given must be boolean", value=data__copygiven, name="" + (name_prefix or "data") + ".copy_given", definition={'type': 'boolean'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'by'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'copy_given': {'type': 'boolean'}}}, rule='additionalProperties')
    return data

def validate____defs_short_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='minLength')
        if data_len > 200:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 200 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='maxLength')
    return data

def validate____defs_hold(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'released_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['at', 'by', 'reason']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'released_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='required')
        data_keys = set(data.keys())
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not isinstance(data__reason, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be string", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'type': 'string', 'minLength': 1, 'maxLength': 2000}, rule='type')
            if isinstance(data__reason, str):
                data__reason_len = len(data__reason)
                if data__reason_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be longer than or equal to 1 characters", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'type': 'string', 'minLength': 1, 'maxLength': 2000}, rule='minLength')
                if data__reason_len > 2000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be shorter than or equal to 2000 characters", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'type': 'string', 'minLength': 1, 'maxLength': 2000}, rule='maxLength')
        if "released_at" in data_keys:
            data_keys.remove("released_at")
            data__releasedat = data["released_at"]
            validate____defs_instant(data__releasedat, custom_formats, (name_prefix or "data") + ".released_at")
        if "released_by" in data_keys:
            data_keys.remove("released_by")
            data__releasedby = data["released_by"]
            validate____defs_officer(data__releasedby, custom_formats, (name_prefix or "data") + ".released_by")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'reason'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 2000}, 'released_at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'released_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='additionalProperties')
    return data

def validate____defs_breach(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['told_parent']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, rule='required')
            data_keys = set(data.keys())
            if "told_parent" in data_keys:
                data_keys.remove("told_parent")
                data__toldparent = data["told_parent"]
                if not (isinstance(data__toldparent, bool) and data__toldparent is False):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".told_parent must be same as const definition: False", value=data__toldparent, name="" + (name_prefix or "data") + ".told_parent", definition={'const': False}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['why_not_told']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['why_not_told']}, rule='required')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, rule='required')
        data_keys = set(data.keys())
        if "number" in data_keys:
            data_keys.remove("number")
            data__number = data["number"]
            if not isinstance(data__number, (int)) and not (isinstance(data__number, float) and data__number.is_integer()) or isinstance(data__number, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".number must be integer", value=data__number, name="" + (name_prefix or "data") + ".number", definition={'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, rule='type')
            if isinstance(data__number, (int, float, Decimal)) and not isinstance(data__number, bool):
                if data__number < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".number must be bigger than or equal to 1", value=data__number, name="" + (name_prefix or "data") + ".number", definition={'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, rule='minimum')
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate____defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not (isinstance(data__reason, str) and data__reason == 'risk-of-harm' or isinstance(data__reason, str) and data__reason == 'crime' or isinstance(data__reason, str) and data__reason == 'threat-to-staff-or-users' or isinstance(data__reason, str) and data__reason == 'legal-obligation'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be one of ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, rule='enum')
        if "account" in data_keys:
            data_keys.remove("account")
            data__account = data["account"]
            if not isinstance(data__account, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".account must be string", value=data__account, name="" + (name_prefix or "data") + ".account", definition={'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, rule='type')
            if isinstance(data__account, str):
                data__account_len = len(data__account)
                if data__account_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account must be longer than or equal to 1 characters", value=data__account, name="" + (name_prefix or "data") + ".account", definition={'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, rule='minLength')
                if data__account_len > 5000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".account must be shorter than or equal to 5000 characters", value=data__account, name="" + (name_prefix or "data") + ".account", definition={'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, rule='maxLength')
        if "approved_by" in data_keys:
            data_keys.remove("approved_by")
            data__approvedby = data["approved_by"]
            validate____defs_officer(data__approvedby, custom_formats, (name_prefix or "data") + ".approved_by")
        if "told_parent" in data_keys:
            data_keys.remove("told_parent")
            data__toldparent = data["told_parent"]
            if not isinstance(data__toldparent, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".told_parent must be boolean", value=data__toldparent, name="" + (name_prefix or "data") + ".told_parent", definition={'type': 'boolean'}, rule='type')
        if "why_not_told" in data_keys:
            data_keys.remove("why_not_told")
            data__whynottold = data["why_not_told"]
            if not isinstance(data__whynottold, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".why_not_told must be string", value=data__whynottold, name="" + (name_prefix or "data") + ".why_not_told", definition={'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, rule='type')
            if isinstance(data__whynottold, str):
                data__whynottold_len = len(data__whynottold)
                if data__whynottold_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".why_not_told must be longer than or equal to 1 characters", value=data__whynottold, name="" + (name_prefix or "data") + ".why_not_told", definition={'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, rule='minLength')
                if data__whynottold_len > 2000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".why_not_told must be shorter than or equal to 2000 characters", value=data__whynottold, name="" + (name_prefix or "data") + ".why_not_told", definition={'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, rule='maxLength')
        if "to" in data_keys:
            data_keys.remove("to")
            data__to = data["to"]
            validate____defs_short_text(data__to, custom_formats, (name_prefix or "data") + ".to")
        if "sections" in data_keys:
            data_keys.remove("sections")
            data__sections = data["sections"]
            validate____defs_shared_sections(data__sections, custom_formats, (name_prefix or "data") + ".sections")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "R19: a manager's decision that information may be passed on without consent, to one party, of the sections named.", 'required': ['number', 'at', 'by', 'date', 'reason', 'account', 'approved_by', 'told_parent', 'to', 'sections'], 'properties': {'number': {'type': 'integer', 'minimum': 1, 'description': 'Its number in the case (1, 2, ...): a share made under it cites it.'}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'enum': ['risk-of-harm', 'crime', 'threat-to-staff-or-users', 'legal-obligation']}, 'account': {'type': 'string', 'minLength': 1, 'maxLength': 5000, 'description': 'What happened and why the exception applies.'}, 'approved_by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'told_parent': {'type': 'boolean'}, 'why_not_told': {'type': 'string', 'minLength': 1, 'maxLength': 2000, 'description': 'Required when the parent was not told.'}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}}, 'allOf': [{'if': {'required': ['told_parent'], 'properties': {'told_parent': {'const': False}}}, 'then': {'required': ['why_not_told']}}]}, rule='additionalProperties')
    return data

def validate____defs_shared_sections(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, rule='minItems')
        def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
        if data_len > len(set(fn(data_x) for data_x in data)):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain unique items", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, rule='uniqueItems')
        for data_x, data_item in enumerate(data):
            if not (isinstance(data_item, str) and data_item == 'first-contact' or isinstance(data_item, str) and data_item == 'caller' or isinstance(data_item, str) and data_item == 'child' or isinstance(data_item, str) and data_item == 'contact-preferences' or isinstance(data_item, str) and data_item == 'profile' or isinstance(data_item, str) and data_item == 'status' or isinstance(data_item, str) and data_item == 'notes' or isinstance(data_item, str) and data_item == 'consents' or isinstance(data_item, str) and data_item == 'disclosures' or isinstance(data_item, str) and data_item == 'history'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be one of ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']", value=data_item, name="" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + "", definition={'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, rule='enum')
    return data

def validate____defs_disclosure(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['basis']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, rule='required')
            data_keys = set(data.keys())
            if "basis" in data_keys:
                data_keys.remove("basis")
                data__basis = data["basis"]
                if not (isinstance(data__basis, str) and data__basis == 'consent'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".basis must be same as const definition: consent", value=data__basis, name="" + (name_prefix or "data") + ".basis", definition={'const': 'consent'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['breach']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['breach']}, rule='required')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'required': ['consent'], 'not': {'required': ['breach']}}, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['consent']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['consent'], 'not': {'required': ['breach']}}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['basis']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, rule='required')
            data_keys = set(data.keys())
            if "basis" in data_keys:
                data_keys.remove("basis")
                data__basis = data["basis"]
                if not (isinstance(data__basis, str) and data__basis == 'breach'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".basis must be same as const definition: breach", value=data__basis, name="" + (name_prefix or "data") + ".basis", definition={'const': 'breach'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['consent']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['consent']}, rule='required')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'required': ['breach'], 'not': {'required': ['consent']}}, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['breach']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['breach'], 'not': {'required': ['consent']}}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['basis']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, rule='required')
            data_keys = set(data.keys())
            if "basis" in data_keys:
                data_keys.remove("basis")
                data__basis = data["basis"]
                if not (isinstance(data__basis, str) and data__basis == 'subject-access'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".basis must be same as const definition: subject-access", value=data__basis, name="" + (name_prefix or "data") + ".basis", definition={'const': 'subject-access'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['sar']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['sar']}, rule='required')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'not': {'required': ['sar']}}, rule='not')
    else:
        try:
            data_any_of_count4 = 0
            if not data_any_of_count4:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['consent']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['consent']}, rule='required')
                    data_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count4:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['breach']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['breach']}, rule='required')
                    data_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count4:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
        else:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition", value=data, name="" + (name_prefix or "data") + "", definition={'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['sar']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, rule='required')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['at', 'by', 'to', 'basis', 'sections', 'output']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, rule='required')
        data_keys = set(data.keys())
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "to" in data_keys:
            data_keys.remove("to")
            data__to = data["to"]
            validate____defs_short_text(data__to, custom_formats, (name_prefix or "data") + ".to")
        if "basis" in data_keys:
            data_keys.remove("basis")
            data__basis = data["basis"]
            if not (isinstance(data__basis, str) and data__basis == 'consent' or isinstance(data__basis, str) and data__basis == 'breach' or isinstance(data__basis, str) and data__basis == 'subject-access'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".basis must be one of ['consent', 'breach', 'subject-access']", value=data__basis, name="" + (name_prefix or "data") + ".basis", definition={'enum': ['consent', 'breach', 'subject-access']}, rule='enum')
        if "sections" in data_keys:
            data_keys.remove("sections")
            data__sections = data["sections"]
            validate____defs_shared_sections(data__sections, custom_formats, (name_prefix or "data") + ".sections")
        if "output" in data_keys:
            data_keys.remove("output")
            data__output = data["output"]
            if not (isinstance(data__output, str) and data__output == 'pdf-password' or isinstance(data__output, str) and data__output == 'age' or isinstance(data__output, str) and data__output == 'pdf-plaintext' or isinstance(data__output, str) and data__output == 'markdown-plaintext' or isinstance(data__output, str) and data__output == 'html-plaintext' or isinstance(data__output, str) and data__output == 'json-plaintext'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".output must be one of ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext']", value=data__output, name="" + (name_prefix or "data") + ".output", definition={'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, rule='enum')
        if "consent" in data_keys:
            data_keys.remove("consent")
            data__consent = data["consent"]
            if not isinstance(data__consent, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".consent must be object", value=data__consent, name="" + (name_prefix or "data") + ".consent", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='type')
            data__consent_is_dict = isinstance(data__consent, dict)
            if data__consent_is_dict:
                data__consent__missing_keys = set(['at', 'given_by', 'date']) - data__consent.keys()
                if data__consent__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".consent must contain " + (str(sorted(data__consent__missing_keys)) + " properties"), value=data__consent, name="" + (name_prefix or "data") + ".consent", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='required')
                data__consent_keys = set(data__consent.keys())
                if "at" in data__consent_keys:
                    data__consent_keys.remove("at")
                    data__consent__at = data__consent["at"]
                    validate____defs_instant(data__consent__at, custom_formats, (name_prefix or "data") + ".consent.at")
                if "given_by" in data__consent_keys:
                    data__consent_keys.remove("given_by")
                    data__consent__givenby = data__consent["given_by"]
                    if not (isinstance(data__consent__givenby, str) and data__consent__givenby == 'parent-carer' or isinstance(data__consent__givenby, str) and data__consent__givenby == 'young-person'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".consent.given_by must be one of ['parent-carer', 'young-person']", value=data__consent__givenby, name="" + (name_prefix or "data") + ".consent.given_by", definition={'enum': ['parent-carer', 'young-person']}, rule='enum')
                if "method" in data__consent_keys:
                    data__consent_keys.remove("method")
                    data__consent__method = data__consent["method"]
                    validate____defs_method(data__consent__method, custom_formats, (name_prefix or "data") + ".consent.method")
                if "date" in data__consent_keys:
                    data__consent_keys.remove("date")
                    data__consent__date = data__consent["date"]
                    validate____defs_date(data__consent__date, custom_formats, (name_prefix or "data") + ".consent.date")
                if data__consent_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".consent must not contain "+str(data__consent_keys)+" properties", value=data__consent, name="" + (name_prefix or "data") + ".consent", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='additionalProperties')
        if "breach" in data_keys:
            data_keys.remove("breach")
            data__breach = data["breach"]
            if not isinstance(data__breach, (int)) and not (isinstance(data__breach, float) and data__breach.is_integer()) or isinstance(data__breach, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".breach must be integer", value=data__breach, name="" + (name_prefix or "data") + ".breach", definition={'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, rule='type')
            if isinstance(data__breach, (int, float, Decimal)) and not isinstance(data__breach, bool):
                if data__breach < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".breach must be bigger than or equal to 1", value=data__breach, name="" + (name_prefix or "data") + ".breach", definition={'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, rule='minimum')
        if "sar" in data_keys:
            data_keys.remove("sar")
            data__sar = data["sar"]
            if not isinstance(data__sar, (int)) and not (isinstance(data__sar, float) and data__sar.is_integer()) or isinstance(data__sar, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sar must be integer", value=data__sar, name="" + (name_prefix or "data") + ".sar", definition={'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, rule='type')
            if isinstance(data__sar, (int, float, Decimal)) and not isinstance(data__sar, bool):
                if data__sar < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sar must be bigger than or equal to 1", value=data__sar, name="" + (name_prefix or "data") + ".sar", definition={'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, rule='minimum')
        if "withheld" in data_keys:
            data_keys.remove("withheld")
            data__withheld = data["withheld"]
            if not isinstance(data__withheld, (int)) and not (isinstance(data__withheld, float) and data__withheld.is_integer()) or isinstance(data__withheld, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".withheld must be integer", value=data__withheld, name="" + (name_prefix or "data") + ".withheld", definition={'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}, rule='type')
            if isinstance(data__withheld, (int, float, Decimal)) and not isinstance(data__withheld, bool):
                if data__withheld < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".withheld must be bigger than or equal to 1", value=data__withheld, name="" + (name_prefix or "data") + ".withheld", definition={'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}, rule='minimum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'One share: what was passed on, to whom, when, by whom, in what form, and the consent or breach decision it relied on.', 'required': ['at', 'by', 'to', 'basis', 'sections', 'output'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'to': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'basis': {'enum': ['consent', 'breach', 'subject-access']}, 'sections': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['first-contact', 'caller', 'child', 'contact-preferences', 'profile', 'status', 'notes', 'consents', 'disclosures', 'history']}, 'description': "Parts of the case, by the names 'sendvault share --only' takes."}, 'output': {'enum': ['pdf-password', 'age', 'pdf-plaintext', 'markdown-plaintext', 'html-plaintext', 'json-plaintext'], 'description': 'The form the information left in.'}, 'consent': {'type': 'object', 'additionalProperties': False, 'required': ['at', 'given_by', 'date'], 'description': "basis = consent: the share-information grant relied on (its 'at' finds it in consents).", 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'given_by': {'enum': ['parent-carer', 'young-person']}, 'method': {'enum': ['verbal', 'written']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, 'breach': {'type': 'integer', 'minimum': 1, 'description': 'basis = breach: the number of the breach decision relied on.'}, 'sar': {'type': 'integer', 'minimum': 1, 'description': 'basis = subject-access: the number of the request answered (in sar_requests).'}, 'withheld': {'type': 'integer', 'minimum': 1, 'description': 'How many notes and details the young person asked to keep private were left out of the share, for want of their own consent.'}}, 'allOf': [{'if': {'required': ['basis'], 'properties': {'basis': {'const': 'consent'}}}, 'then': {'required': ['consent'], 'not': {'required': ['breach']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'breach'}}}, 'then': {'required': ['breach'], 'not': {'required': ['consent']}}}, {'if': {'required': ['basis'], 'properties': {'basis': {'const': 'subject-access'}}}, 'then': {'required': ['sar'], 'not': {'anyOf': [{'required': ['consent']}, {'required': ['breach']}]}}, 'else': {'not': {'required': ['sar']}}}]}, rule='additionalProperties')
    return data

def validate____defs_method(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'verbal' or isinstance(data, str) and data == 'written'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['verbal', 'written']", value=data, name="" + (name_prefix or "data") + "", definition={'enum': ['verbal', 'written']}, rule='enum')
    return data

def validate____defs_consent_event(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'enum': ['verbal', 'written']}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "scope" in data_keys:
                data_keys.remove("scope")
                data__scope = data["scope"]
                if not (isinstance(data__scope, str) and data__scope == 'contact-professional' or isinstance(data__scope, str) and data__scope == 'access-records' or isinstance(data__scope, str) and data__scope == 'share-information'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be one of ['contact-professional', 'access-records', 'share-information']", value=data__scope, name="" + (name_prefix or "data") + ".scope", definition={'enum': ['contact-professional', 'access-records', 'share-information']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['party']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['party']}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "action" in data_keys:
                data_keys.remove("action")
                data__action = data["action"]
                if not (isinstance(data__action, str) and data__action == 'grant' or isinstance(data__action, str) and data__action == 'refuse'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be one of ['grant', 'refuse']", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'enum': ['grant', 'refuse']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['method']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['method']}, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['action']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, rule='required')
            data_keys = set(data.keys())
            if "action" in data_keys:
                data_keys.remove("action")
                data__action = data["action"]
                if not (isinstance(data__action, str) and data__action == 'refuse'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be same as const definition: refuse", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'const': 'refuse'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "scope" in data_keys:
                data_keys.remove("scope")
                data__scope = data["scope"]
                if not (isinstance(data__scope, str) and data__scope == 'see-records'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be same as const definition: see-records", value=data__scope, name="" + (name_prefix or "data") + ".scope", definition={'const': 'see-records'}, rule='const')
            if "given_by" in data_keys:
                data_keys.remove("given_by")
                data__givenby = data["given_by"]
                if not (isinstance(data__givenby, str) and data__givenby == 'young-person'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".given_by must be same as const definition: young-person", value=data__givenby, name="" + (name_prefix or "data") + ".given_by", definition={'const': 'young-person'}, rule='const')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['action', 'scope']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, rule='required')
            data_keys = set(data.keys())
            if "action" in data_keys:
                data_keys.remove("action")
                data__action = data["action"]
                if not (isinstance(data__action, str) and data__action == 'grant'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be same as const definition: grant", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'const': 'grant'}, rule='const')
            if "scope" in data_keys:
                data_keys.remove("scope")
                data__scope = data["scope"]
                if not (isinstance(data__scope, str) and data__scope == 'see-records'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be same as const definition: see-records", value=data__scope, name="" + (name_prefix or "data") + ".scope", definition={'const': 'see-records'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must not be there", value=data, name="" + (name_prefix or "data") + "", definition=False, rule=None)
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['action', 'scope']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, rule='required')
            data_keys = set(data.keys())
            if "action" in data_keys:
                data_keys.remove("action")
                data__action = data["action"]
                if not (isinstance(data__action, str) and data__action == 'grant'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be same as const definition: grant", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'const': 'grant'}, rule='const')
            if "scope" in data_keys:
                data_keys.remove("scope")
                data__scope = data["scope"]
                if not (isinstance(data__scope, str) and data__scope == 'photographs'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be same as const definition: photographs", value=data__scope, name="" + (name_prefix or "data") + ".scope", definition={'const': 'photographs'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "method" in data_keys:
                data_keys.remove("method")
                data__method = data["method"]
                if not (isinstance(data__method, str) and data__method == 'written'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must be same as const definition: written", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'const': 'written'}, rule='const')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['at', 'by', 'action', 'scope', 'date', 'given_by']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'enum': ['verbal', 'written']}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, rule='required')
        data_keys = set(data.keys())
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "action" in data_keys:
            data_keys.remove("action")
            data__action = data["action"]
            if not (isinstance(data__action, str) and data__action == 'grant' or isinstance(data__action, str) and data__action == 'withdraw' or isinstance(data__action, str) and data__action == 'refuse'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".action must be one of ['grant', 'withdraw', 'refuse']", value=data__action, name="" + (name_prefix or "data") + ".action", definition={'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, rule='enum')
        if "scope" in data_keys:
            data_keys.remove("scope")
            data__scope = data["scope"]
            if not (isinstance(data__scope, str) and data__scope == 'store-personal-details' or isinstance(data__scope, str) and data__scope == 'referral' or isinstance(data__scope, str) and data__scope == 'contact-professional' or isinstance(data__scope, str) and data__scope == 'access-records' or isinstance(data__scope, str) and data__scope == 'share-information' or isinstance(data__scope, str) and data__scope == 'mailing-list' or isinstance(data__scope, str) and data__scope == 'quotes' or isinstance(data__scope, str) and data__scope == 'photographs' or isinstance(data__scope, str) and data__scope == 'act-on-behalf' or isinstance(data__scope, str) and data__scope == 'see-records'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scope must be one of ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']", value=data__scope, name="" + (name_prefix or "data") + ".scope", definition={'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, rule='enum')
        if "party" in data_keys:
            data_keys.remove("party")
            data__party = data["party"]
            validate____defs_short_text(data__party, custom_formats, (name_prefix or "data") + ".party")
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate____defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "given_by" in data_keys:
            data_keys.remove("given_by")
            data__givenby = data["given_by"]
            if not (isinstance(data__givenby, str) and data__givenby == 'parent-carer' or isinstance(data__givenby, str) and data__givenby == 'young-person'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".given_by must be one of ['parent-carer', 'young-person']", value=data__givenby, name="" + (name_prefix or "data") + ".given_by", definition={'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, rule='enum')
        if "method" in data_keys:
            data_keys.remove("method")
            data__method = data["method"]
            validate____defs_method(data__method, custom_formats, (name_prefix or "data") + ".method")
        if "note" in data_keys:
            data_keys.remove("note")
            data__note = data["note"]
            if not isinstance(data__note, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be string", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, rule='type')
            if isinstance(data__note, str):
                data__note_len = len(data__note)
                if data__note_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be longer than or equal to 1 characters", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, rule='minLength')
                if data__note_len > 500:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must be shorter than or equal to 500 characters", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, rule='maxLength')
                if not REGEX_PATTERNS['^[^\\x00-\\x1f\\x7f]*$'].search(data__note):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".note must match pattern ^[^\\x00-\\x1f\\x7f]*$", value=data__note, name="" + (name_prefix or "data") + ".note", definition={'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, rule='pattern')
        if "review" in data_keys:
            data_keys.remove("review")
            data__review = data["review"]
            validate____defs_date(data__review, custom_formats, (name_prefix or "data") + ".review")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "One grant, withdrawal or refusal. A consent's current state is derived from these events in order; none is ever rewritten. A young person's refusal (see-records) is lifted by a later withdrawal.", 'required': ['at', 'by', 'action', 'scope', 'date', 'given_by'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'action': {'enum': ['grant', 'withdraw', 'refuse'], 'description': "refuse: the young person's refusal that others, parents included, see their records (scope see-records only)."}, 'scope': {'enum': ['store-personal-details', 'referral', 'contact-professional', 'access-records', 'share-information', 'mailing-list', 'quotes', 'photographs', 'act-on-behalf', 'see-records']}, 'party': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'given_by': {'enum': ['parent-carer', 'young-person'], 'description': 'Whose consent it is.'}, 'method': {'enum': ['verbal', 'written']}, 'note': {'type': 'string', 'minLength': 1, 'maxLength': 500, 'pattern': '^[^\\x00-\\x1f\\x7f]*$'}, 'review': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}, 'allOf': [{'if': {'properties': {'scope': {'enum': ['contact-professional', 'access-records', 'share-information']}}}, 'then': {'required': ['party']}}, {'if': {'properties': {'action': {'enum': ['grant', 'refuse']}}}, 'then': {'required': ['method']}}, {'if': {'required': ['action'], 'properties': {'action': {'const': 'refuse'}}}, 'then': {'properties': {'scope': {'const': 'see-records'}, 'given_by': {'const': 'young-person'}}}}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'see-records'}}}, 'then': False}, {'if': {'required': ['action', 'scope'], 'properties': {'action': {'const': 'grant'}, 'scope': {'const': 'photographs'}}}, 'then': {'properties': {'method': {'const': 'written'}}}}]}, rule='additionalProperties')
    return data

def validate____defs_note(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['at', 'by', 'text']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}, rule='required')
        data_keys = set(data.keys())
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if "text" in data_keys:
            data_keys.remove("text")
            data__text = data["text"]
            if not isinstance(data__text, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".text must be string", value=data__text, name="" + (name_prefix or "data") + ".text", definition={'type': 'string', 'minLength': 1, 'maxLength': 20000}, rule='type')
            if isinstance(data__text, str):
                data__text_len = len(data__text)
                if data__text_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".text must be longer than or equal to 1 characters", value=data__text, name="" + (name_prefix or "data") + ".text", definition={'type': 'string', 'minLength': 1, 'maxLength': 20000}, rule='minLength')
                if data__text_len > 20000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".text must be shorter than or equal to 20000 characters", value=data__text, name="" + (name_prefix or "data") + ".text", definition={'type': 'string', 'minLength': 1, 'maxLength': 20000}, rule='maxLength')
        if "from" in data_keys:
            data_keys.remove("from")
            data__from = data["from"]
            if not (isinstance(data__from, str) and data__from == 'parent-carer' or isinstance(data__from, str) and data__from == 'young-person' or isinstance(data__from, str) and data__from == 'professional' or isinstance(data__from, str) and data__from == 'officer'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".from must be one of ['parent-carer', 'young-person', 'professional', 'officer']", value=data__from, name="" + (name_prefix or "data") + ".from", definition={'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, rule='enum')
        if "private" in data_keys:
            data_keys.remove("private")
            data__private = data["private"]
            if not isinstance(data__private, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".private must be boolean", value=data__private, name="" + (name_prefix or "data") + ".private", definition={'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['at', 'by', 'text'], 'properties': {'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}, 'text': {'type': 'string', 'minLength': 1, 'maxLength': 20000}, 'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer'], 'description': 'Who provided what the note records (absent: the officer).'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else (R25). Never on an officer's own note."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}}, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['private']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['private'], 'properties': {'private': {'const': True}}}, rule='required')
            data_keys = set(data.keys())
            if "private" in data_keys:
                data_keys.remove("private")
                data__private = data["private"]
                if not (isinstance(data__private, bool) and data__private is True):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".private must be same as const definition: True", value=data__private, name="" + (name_prefix or "data") + ".private", definition={'const': True}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['from']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['from'], 'properties': {'from': {'not': {'const': 'officer'}}}}, rule='required')
            data_keys = set(data.keys())
            if "from" in data_keys:
                data_keys.remove("from")
                data__from = data["from"]
                try:
                    if not (isinstance(data__from, str) and data__from == 'officer'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".from must be same as const definition: officer", value=data__from, name="" + (name_prefix or "data") + ".from", definition={'const': 'officer'}, rule='const')
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                else:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".from must NOT match a disallowed definition", value=data__from, name="" + (name_prefix or "data") + ".from", definition={'not': {'const': 'officer'}}, rule='not')
    return data

def validate____defs_provided(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "from" in data_keys:
            data_keys.remove("from")
            data__from = data["from"]
            validate____defs_provider(data__from, custom_formats, (name_prefix or "data") + ".from")
        if "fields" in data_keys:
            data_keys.remove("fields")
            data__fields = data["fields"]
            if not isinstance(data__fields, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".fields must be object", value=data__fields, name="" + (name_prefix or "data") + ".fields", definition={'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}, rule='type')
            data__fields_is_dict = isinstance(data__fields, dict)
            if data__fields_is_dict:
                data__fields_keys = set(data__fields.keys())
                for data__fields_key in data__fields_keys:
                    if data__fields_key not in []:
                        data__fields_value = data__fields.get(data__fields_key)
                        validate____defs_field_source(data__fields_value, custom_formats, (name_prefix or "data") + ".fields.{data__fields_key}".format(**locals()))
                data__fields_len = len(data__fields)
                if data__fields_len != 0:
                    data__fields_property_names = True
                    for data__fields_key in data__fields:
                        try:
                            if isinstance(data__fields_key, str):
                                if not REGEX_PATTERNS['^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'].search(data__fields_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".fields must match pattern ^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$", value=data__fields_key, name="" + (name_prefix or "data") + ".fields", definition={'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__fields_property_names = False
                    if not data__fields_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".fields must be named by propertyName definition", value=data__fields, name="" + (name_prefix or "data") + ".fields", definition={'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}, rule='propertyNames')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "Who provided the facts of the contact (R25): intake and 'edit' record it. A field's source is its own entry in 'fields', else its section's, else 'from', else the caller's role (contact.caller: a parent-carer or other family member gives parent-carer, a young person or child young-person, a professional professional). No entry: not private.", 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'fields': {'type': 'object', 'description': "A field ('child.school') or a whole section ('child') that someone else provided, or that its provider asked not to be shared.", 'propertyNames': {'pattern': '^(contact|person|child|contact_preferences|profile)(\\.[a-z_]+){0,2}$'}, 'additionalProperties': {'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'$ref': '#/$defs/provider'}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}}}}, rule='additionalProperties')
    return data

def validate____defs_field_source(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['from']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}, rule='required')
        data_keys = set(data.keys())
        if "from" in data_keys:
            data_keys.remove("from")
            data__from = data["from"]
            validate____defs_provider(data__from, custom_formats, (name_prefix or "data") + ".from")
        if "private" in data_keys:
            data_keys.remove("private")
            data__private = data["private"]
            if not isinstance(data__private, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".private must be boolean", value=data__private, name="" + (name_prefix or "data") + ".private", definition={'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['from'], 'properties': {'from': {'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, 'private': {'type': 'boolean', 'description': "Its provider asked that it not be shared: withheld from a subject-access copy for anyone else. Never on an officer's own answer."}}, 'if': {'required': ['private'], 'properties': {'private': {'const': True}}}, 'then': {'properties': {'from': {'not': {'const': 'officer'}}}}}, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['private']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['private'], 'properties': {'private': {'const': True}}}, rule='required')
            data_keys = set(data.keys())
            if "private" in data_keys:
                data_keys.remove("private")
                data__private = data["private"]
                if not (isinstance(data__private, bool) and data__private is True):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".private must be same as const definition: True", value=data__private, name="" + (name_prefix or "data") + ".private", definition={'const': True}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "from" in data_keys:
                data_keys.remove("from")
                data__from = data["from"]
                try:
                    if not (isinstance(data__from, str) and data__from == 'officer'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".from must be same as const definition: officer", value=data__from, name="" + (name_prefix or "data") + ".from", definition={'const': 'officer'}, rule='const')
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                else:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".from must NOT match a disallowed definition", value=data__from, name="" + (name_prefix or "data") + ".from", definition={'not': {'const': 'officer'}}, rule='not')
    return data

def validate____defs_provider(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'parent-carer' or isinstance(data, str) and data == 'young-person' or isinstance(data, str) and data == 'professional' or isinstance(data, str) and data == 'officer'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['parent-carer', 'young-person', 'professional', 'officer']", value=data, name="" + (name_prefix or "data") + "", definition={'enum': ['parent-carer', 'young-person', 'professional', 'officer']}, rule='enum')
    return data

def validate____defs_profile(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "age_band" in data_keys:
            data_keys.remove("age_band")
            data__ageband = data["age_band"]
            if not (isinstance(data__ageband, str) and data__ageband == '0-4' or isinstance(data__ageband, str) and data__ageband == '5-10' or isinstance(data__ageband, str) and data__ageband == '11-15' or isinstance(data__ageband, str) and data__ageband == '16-18' or isinstance(data__ageband, str) and data__ageband == '19-25'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".age_band must be one of ['0-4', '5-10', '11-15', '16-18', '19-25']", value=data__ageband, name="" + (name_prefix or "data") + ".age_band", definition={'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, rule='enum')
        if "school_phase" in data_keys:
            data_keys.remove("school_phase")
            data__schoolphase = data["school_phase"]
            if not (isinstance(data__schoolphase, str) and data__schoolphase == 'early-years' or isinstance(data__schoolphase, str) and data__schoolphase == 'primary' or isinstance(data__schoolphase, str) and data__schoolphase == 'secondary' or isinstance(data__schoolphase, str) and data__schoolphase == 'post-16' or isinstance(data__schoolphase, str) and data__schoolphase == 'not-in-education' or isinstance(data__schoolphase, str) and data__schoolphase == 'home-education'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".school_phase must be one of ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']", value=data__schoolphase, name="" + (name_prefix or "data") + ".school_phase", definition={'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, rule='enum')
        if "sen_stage" in data_keys:
            data_keys.remove("sen_stage")
            data__senstage = data["sen_stage"]
            if not (isinstance(data__senstage, str) and data__senstage == 'none-identified' or isinstance(data__senstage, str) and data__senstage == 'sen-support' or isinstance(data__senstage, str) and data__senstage == 'ehc-needs-assessment' or isinstance(data__senstage, str) and data__senstage == 'ehc-plan'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sen_stage must be one of ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']", value=data__senstage, name="" + (name_prefix or "data") + ".sen_stage", definition={'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, rule='enum')
        if "primary_need" in data_keys:
            data_keys.remove("primary_need")
            data__primaryneed = data["primary_need"]
            if not (isinstance(data__primaryneed, str) and data__primaryneed == 'SPLD' or isinstance(data__primaryneed, str) and data__primaryneed == 'MLD' or isinstance(data__primaryneed, str) and data__primaryneed == 'SLD' or isinstance(data__primaryneed, str) and data__primaryneed == 'PMLD' or isinstance(data__primaryneed, str) and data__primaryneed == 'SEMH' or isinstance(data__primaryneed, str) and data__primaryneed == 'SLCN' or isinstance(data__primaryneed, str) and data__primaryneed == 'HI' or isinstance(data__primaryneed, str) and data__primaryneed == 'VI' or isinstance(data__primaryneed, str) and data__primaryneed == 'MSI' or isinstance(data__primaryneed, str) and data__primaryneed == 'PD' or isinstance(data__primaryneed, str) and data__primaryneed == 'ASD' or isinstance(data__primaryneed, str) and data__primaryneed == 'OTH' or isinstance(data__primaryneed, str) and data__primaryneed == 'NSA'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".primary_need must be one of ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']", value=data__primaryneed, name="" + (name_prefix or "data") + ".primary_need", definition={'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, rule='enum')
        if "ethnicity" in data_keys:
            data_keys.remove("ethnicity")
            data__ethnicity = data["ethnicity"]
            if not (isinstance(data__ethnicity, str) and data__ethnicity == 'WBRI' or isinstance(data__ethnicity, str) and data__ethnicity == 'WIRI' or isinstance(data__ethnicity, str) and data__ethnicity == 'WIRT' or isinstance(data__ethnicity, str) and data__ethnicity == 'WOTH' or isinstance(data__ethnicity, str) and data__ethnicity == 'WROM' or isinstance(data__ethnicity, str) and data__ethnicity == 'MWBC' or isinstance(data__ethnicity, str) and data__ethnicity == 'MWBA' or isinstance(data__ethnicity, str) and data__ethnicity == 'MWAS' or isinstance(data__ethnicity, str) and data__ethnicity == 'MOTH' or isinstance(data__ethnicity, str) and data__ethnicity == 'AIND' or isinstance(data__ethnicity, str) and data__ethnicity == 'APKN' or isinstance(data__ethnicity, str) and data__ethnicity == 'ABAN' or isinstance(data__ethnicity, str) and data__ethnicity == 'AOTH' or isinstance(data__ethnicity, str) and data__ethnicity == 'BCRB' or isinstance(data__ethnicity, str) and data__ethnicity == 'BAFR' or isinstance(data__ethnicity, str) and data__ethnicity == 'BOTH' or isinstance(data__ethnicity, str) and data__ethnicity == 'CHNE' or isinstance(data__ethnicity, str) and data__ethnicity == 'OOTH' or isinstance(data__ethnicity, str) and data__ethnicity == 'REFU' or isinstance(data__ethnicity, str) and data__ethnicity == 'NOBT'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".ethnicity must be one of ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']", value=data__ethnicity, name="" + (name_prefix or "data") + ".ethnicity", definition={'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, rule='enum')
        if "locality" in data_keys:
            data_keys.remove("locality")
            data__locality = data["locality"]
            validate____defs_short_text(data__locality, custom_formats, (name_prefix or "data") + ".locality")
        if "issues" in data_keys:
            data_keys.remove("issues")
            data__issues = data["issues"]
            if not isinstance(data__issues, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".issues must be array", value=data__issues, name="" + (name_prefix or "data") + ".issues", definition={'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, rule='type')
            data__issues_is_list = isinstance(data__issues, (list, tuple))
            if data__issues_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__issues_len = len(data__issues)
                if data__issues_len > len(set(fn(data__issues_x) for data__issues_x in data__issues)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".issues must contain unique items", value=data__issues, name="" + (name_prefix or "data") + ".issues", definition={'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, rule='uniqueItems')
                for data__issues_x, data__issues_item in enumerate(data__issues):
                    if not (isinstance(data__issues_item, str) and data__issues_item == 'ehc-needs-assessment' or isinstance(data__issues_item, str) and data__issues_item == 'ehc-plan' or isinstance(data__issues_item, str) and data__issues_item == 'annual-review' or isinstance(data__issues_item, str) and data__issues_item == 'sen-support' or isinstance(data__issues_item, str) and data__issues_item == 'exclusion' or isinstance(data__issues_item, str) and data__issues_item == 'admissions' or isinstance(data__issues_item, str) and data__issues_item == 'attendance' or isinstance(data__issues_item, str) and data__issues_item == 'transport' or isinstance(data__issues_item, str) and data__issues_item == 'transition' or isinstance(data__issues_item, str) and data__issues_item == 'tribunal' or isinstance(data__issues_item, str) and data__issues_item == 'complaint' or isinstance(data__issues_item, str) and data__issues_item == 'health' or isinstance(data__issues_item, str) and data__issues_item == 'social-care' or isinstance(data__issues_item, str) and data__issues_item == 'bullying' or isinstance(data__issues_item, str) and data__issues_item == 'other'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".issues[{data__issues_x}]".format(**locals()) + " must be one of ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']", value=data__issues_item, name="" + (name_prefix or "data") + ".issues[{data__issues_x}]".format(**locals()) + "", definition={'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}, rule='enum')
        if "support_level" in data_keys:
            data_keys.remove("support_level")
            data__supportlevel = data["support_level"]
            if not (isinstance(data__supportlevel, str) and data__supportlevel == 'information' or isinstance(data__supportlevel, str) and data__supportlevel == 'advice' or isinstance(data__supportlevel, str) and data__supportlevel == 'casework'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".support_level must be one of ['information', 'advice', 'casework']", value=data__supportlevel, name="" + (name_prefix or "data") + ".support_level", definition={'enum': ['information', 'advice', 'casework']}, rule='enum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': "Non-identifying fields for statistics (R27). Codes follow the DfE's school census where one exists.", 'properties': {'age_band': {'enum': ['0-4', '5-10', '11-15', '16-18', '19-25']}, 'school_phase': {'enum': ['early-years', 'primary', 'secondary', 'post-16', 'not-in-education', 'home-education']}, 'sen_stage': {'enum': ['none-identified', 'sen-support', 'ehc-needs-assessment', 'ehc-plan']}, 'primary_need': {'enum': ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA']}, 'ethnicity': {'enum': ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT']}, 'locality': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'issues': {'type': 'array', 'uniqueItems': True, 'items': {'enum': ['ehc-needs-assessment', 'ehc-plan', 'annual-review', 'sen-support', 'exclusion', 'admissions', 'attendance', 'transport', 'transition', 'tribunal', 'complaint', 'health', 'social-care', 'bullying', 'other']}}, 'support_level': {'enum': ['information', 'advice', 'casework']}}}, rule='additionalProperties')
    return data

def validate____defs_contact_preferences(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "call_at_work" in data_keys:
            data_keys.remove("call_at_work")
            data__callatwork = data["call_at_work"]
            if not isinstance(data__callatwork, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".call_at_work must be boolean", value=data__callatwork, name="" + (name_prefix or "data") + ".call_at_work", definition={'type': 'boolean'}, rule='type')
        if "answerphone_messages" in data_keys:
            data_keys.remove("answerphone_messages")
            data__answerphonemessages = data["answerphone_messages"]
            if not isinstance(data__answerphonemessages, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".answerphone_messages must be boolean", value=data__answerphonemessages, name="" + (name_prefix or "data") + ".answerphone_messages", definition={'type': 'boolean'}, rule='type')
        if "messages_with_family" in data_keys:
            data_keys.remove("messages_with_family")
            data__messageswithfamily = data["messages_with_family"]
            if not isinstance(data__messageswithfamily, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".messages_with_family must be boolean", value=data__messageswithfamily, name="" + (name_prefix or "data") + ".messages_with_family", definition={'type': 'boolean'}, rule='type')
        if "post_ok" in data_keys:
            data_keys.remove("post_ok")
            data__postok = data["post_ok"]
            if not isinstance(data__postok, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".post_ok must be boolean", value=data__postok, name="" + (name_prefix or "data") + ".post_ok", definition={'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'R13.', 'properties': {'call_at_work': {'type': 'boolean'}, 'answerphone_messages': {'type': 'boolean'}, 'messages_with_family': {'type': 'boolean'}, 'post_ok': {'type': 'boolean', 'description': 'Post may be sent to the address held (confirmed correct).'}}}, rule='additionalProperties')
    return data

def validate____defs_child(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date_of_birth': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'school': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'left_education': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate____defs_short_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "date_of_birth" in data_keys:
            data_keys.remove("date_of_birth")
            data__dateofbirth = data["date_of_birth"]
            validate____defs_date(data__dateofbirth, custom_formats, (name_prefix or "data") + ".date_of_birth")
        if "school" in data_keys:
            data_keys.remove("school")
            data__school = data["school"]
            validate____defs_short_text(data__school, custom_formats, (name_prefix or "data") + ".school")
        if "left_education" in data_keys:
            data_keys.remove("left_education")
            data__lefteducation = data["left_education"]
            validate____defs_date(data__lefteducation, custom_formats, (name_prefix or "data") + ".left_education")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'The child or young person the enquiry is about. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date_of_birth': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'school': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'left_education': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='additionalProperties')
    return data

def validate____defs_person(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            validate____defs_short_text(data__name, custom_formats, (name_prefix or "data") + ".name")
        if "address" in data_keys:
            data_keys.remove("address")
            data__address = data["address"]
            if not isinstance(data__address, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".address must be string", value=data__address, name="" + (name_prefix or "data") + ".address", definition={'type': 'string', 'minLength': 1, 'maxLength': 400}, rule='type')
            if isinstance(data__address, str):
                data__address_len = len(data__address)
                if data__address_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".address must be longer than or equal to 1 characters", value=data__address, name="" + (name_prefix or "data") + ".address", definition={'type': 'string', 'minLength': 1, 'maxLength': 400}, rule='minLength')
                if data__address_len > 400:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".address must be shorter than or equal to 400 characters", value=data__address, name="" + (name_prefix or "data") + ".address", definition={'type': 'string', 'minLength': 1, 'maxLength': 400}, rule='maxLength')
        if "postcode" in data_keys:
            data_keys.remove("postcode")
            data__postcode = data["postcode"]
            if not isinstance(data__postcode, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".postcode must be string", value=data__postcode, name="" + (name_prefix or "data") + ".postcode", definition={'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, rule='type')
            if isinstance(data__postcode, str):
                if not REGEX_PATTERNS['^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'].search(data__postcode):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".postcode must match pattern ^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$", value=data__postcode, name="" + (name_prefix or "data") + ".postcode", definition={'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, rule='pattern')
        if "phone" in data_keys:
            data_keys.remove("phone")
            data__phone = data["phone"]
            if not isinstance(data__phone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".phone must be string", value=data__phone, name="" + (name_prefix or "data") + ".phone", definition={'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, rule='type')
            if isinstance(data__phone, str):
                if not REGEX_PATTERNS['^\\+?\\(?[0-9][0-9 ()-]{5,20}$'].search(data__phone):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".phone must match pattern ^\\+?\\(?[0-9][0-9 ()-]{5,20}$", value=data__phone, name="" + (name_prefix or "data") + ".phone", definition={'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, rule='pattern')
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            if not isinstance(data__email, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must be string", value=data__email, name="" + (name_prefix or "data") + ".email", definition={'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, rule='type')
            if isinstance(data__email, str):
                data__email_len = len(data__email)
                if data__email_len > 254:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must be shorter than or equal to 254 characters", value=data__email, name="" + (name_prefix or "data") + ".email", definition={'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, rule='maxLength')
                if not REGEX_PATTERNS['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'].search(data__email):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must match pattern ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", value=data__email, name="" + (name_prefix or "data") + ".email", definition={'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, rule='pattern')
        if "relationship" in data_keys:
            data_keys.remove("relationship")
            data__relationship = data["relationship"]
            validate____defs_short_text(data__relationship, custom_formats, (name_prefix or "data") + ".relationship")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'description': 'Who made contact. Personal data.', 'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'address': {'type': 'string', 'minLength': 1, 'maxLength': 400}, 'postcode': {'type': 'string', 'pattern': '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$'}, 'phone': {'type': 'string', 'pattern': '^\\+?\\(?[0-9][0-9 ()-]{5,20}$'}, 'email': {'type': 'string', 'pattern': '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'maxLength': 254}, 'relationship': {'type': 'string', 'minLength': 1, 'maxLength': 200}}}, rule='additionalProperties')
    return data

def validate____defs_contact(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['date', 'channel', 'route', 'caller', 'policy_explained']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}}}, rule='required')
        data_keys = set(data.keys())
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate____defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "channel" in data_keys:
            data_keys.remove("channel")
            data__channel = data["channel"]
            if not (isinstance(data__channel, str) and data__channel == 'phone' or isinstance(data__channel, str) and data__channel == 'email' or isinstance(data__channel, str) and data__channel == 'face-to-face' or isinstance(data__channel, str) and data__channel == 'web-form' or isinstance(data__channel, str) and data__channel == 'letter' or isinstance(data__channel, str) and data__channel == 'social-media' or isinstance(data__channel, str) and data__channel == 'other'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".channel must be one of ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']", value=data__channel, name="" + (name_prefix or "data") + ".channel", definition={'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, rule='enum')
        if "route" in data_keys:
            data_keys.remove("route")
            data__route = data["route"]
            if not (isinstance(data__route, str) and data__route == 'self' or isinstance(data__route, str) and data__route == 'professional' or isinstance(data__route, str) and data__route == 'other'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".route must be one of ['self', 'professional', 'other']", value=data__route, name="" + (name_prefix or "data") + ".route", definition={'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, rule='enum')
        if "referrer" in data_keys:
            data_keys.remove("referrer")
            data__referrer = data["referrer"]
            validate____defs_short_text(data__referrer, custom_formats, (name_prefix or "data") + ".referrer")
        if "referral_permission" in data_keys:
            data_keys.remove("referral_permission")
            data__referralpermission = data["referral_permission"]
            if not isinstance(data__referralpermission, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".referral_permission must be object", value=data__referralpermission, name="" + (name_prefix or "data") + ".referral_permission", definition={'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, rule='type')
            data__referralpermission_is_dict = isinstance(data__referralpermission, dict)
            if data__referralpermission_is_dict:
                data__referralpermission__missing_keys = set(['given_by', 'date', 'method']) - data__referralpermission.keys()
                if data__referralpermission__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".referral_permission must contain " + (str(sorted(data__referralpermission__missing_keys)) + " properties"), value=data__referralpermission, name="" + (name_prefix or "data") + ".referral_permission", definition={'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, rule='required')
                data__referralpermission_keys = set(data__referralpermission.keys())
                if "given_by" in data__referralpermission_keys:
                    data__referralpermission_keys.remove("given_by")
                    data__referralpermission__givenby = data__referralpermission["given_by"]
                    if not (isinstance(data__referralpermission__givenby, str) and data__referralpermission__givenby == 'parent-carer' or isinstance(data__referralpermission__givenby, str) and data__referralpermission__givenby == 'young-person'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".referral_permission.given_by must be one of ['parent-carer', 'young-person']", value=data__referralpermission__givenby, name="" + (name_prefix or "data") + ".referral_permission.given_by", definition={'enum': ['parent-carer', 'young-person']}, rule='enum')
                if "date" in data__referralpermission_keys:
                    data__referralpermission_keys.remove("date")
                    data__referralpermission__date = data__referralpermission["date"]
                    validate____defs_date(data__referralpermission__date, custom_formats, (name_prefix or "data") + ".referral_permission.date")
                if "method" in data__referralpermission_keys:
                    data__referralpermission_keys.remove("method")
                    data__referralpermission__method = data__referralpermission["method"]
                    validate____defs_method(data__referralpermission__method, custom_formats, (name_prefix or "data") + ".referral_permission.method")
                if data__referralpermission_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".referral_permission must not contain "+str(data__referralpermission_keys)+" properties", value=data__referralpermission, name="" + (name_prefix or "data") + ".referral_permission", definition={'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, rule='additionalProperties')
        if "caller" in data_keys:
            data_keys.remove("caller")
            data__caller = data["caller"]
            if not (isinstance(data__caller, str) and data__caller == 'parent-carer' or isinstance(data__caller, str) and data__caller == 'young-person' or isinstance(data__caller, str) and data__caller == 'child' or isinstance(data__caller, str) and data__caller == 'other-family' or isinstance(data__caller, str) and data__caller == 'professional'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".caller must be one of ['parent-carer', 'young-person', 'child', 'other-family', 'professional']", value=data__caller, name="" + (name_prefix or "data") + ".caller", definition={'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, rule='enum')
        if "parental_responsibility" in data_keys:
            data_keys.remove("parental_responsibility")
            data__parentalresponsibility = data["parental_responsibility"]
            if not isinstance(data__parentalresponsibility, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".parental_responsibility must be boolean", value=data__parentalresponsibility, name="" + (name_prefix or "data") + ".parental_responsibility", definition={'type': 'boolean', 'description': 'R8.'}, rule='type')
        if "heard_about" in data_keys:
            data_keys.remove("heard_about")
            data__heardabout = data["heard_about"]
            validate____defs_short_text(data__heardabout, custom_formats, (name_prefix or "data") + ".heard_about")
        if "policy_explained" in data_keys:
            data_keys.remove("policy_explained")
            data__policyexplained = data["policy_explained"]
            if not isinstance(data__policyexplained, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy_explained must be object", value=data__policyexplained, name="" + (name_prefix or "data") + ".policy_explained", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}, rule='type')
            data__policyexplained_is_dict = isinstance(data__policyexplained, dict)
            if data__policyexplained_is_dict:
                data__policyexplained__missing_keys = set(['version', 'date', 'copy_given']) - data__policyexplained.keys()
                if data__policyexplained__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy_explained must contain " + (str(sorted(data__policyexplained__missing_keys)) + " properties"), value=data__policyexplained, name="" + (name_prefix or "data") + ".policy_explained", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}, rule='required')
                data__policyexplained_keys = set(data__policyexplained.keys())
                if "version" in data__policyexplained_keys:
                    data__policyexplained_keys.remove("version")
                    data__policyexplained__version = data__policyexplained["version"]
                    validate____defs_short_text(data__policyexplained__version, custom_formats, (name_prefix or "data") + ".policy_explained.version")
                if "date" in data__policyexplained_keys:
                    data__policyexplained_keys.remove("date")
                    data__policyexplained__date = data__policyexplained["date"]
                    validate____defs_date(data__policyexplained__date, custom_formats, (name_prefix or "data") + ".policy_explained.date")
                if "copy_given" in data__policyexplained_keys:
                    data__policyexplained_keys.remove("copy_given")
                    data__policyexplained__copygiven = data__policyexplained["copy_given"]
                    if not isinstance(data__policyexplained__copygiven, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy_explained.copy_given must be boolean", value=data__policyexplained__copygiven, name="" + (name_prefix or "data") + ".policy_explained.copy_given", definition={'type': 'boolean'}, rule='type')
                if data__policyexplained_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy_explained must not contain "+str(data__policyexplained_keys)+" properties", value=data__policyexplained, name="" + (name_prefix or "data") + ".policy_explained", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'channel', 'route', 'caller', 'policy_explained'], 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'channel': {'enum': ['phone', 'email', 'face-to-face', 'web-form', 'letter', 'social-media', 'other']}, 'route': {'enum': ['self', 'professional', 'other'], 'description': 'R1.'}, 'referrer': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'referral_permission': {'type': 'object', 'additionalProperties': False, 'required': ['given_by', 'date', 'method'], 'description': 'R2: who gave permission for the referral, when and how.', 'properties': {'given_by': {'enum': ['parent-carer', 'young-person']}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'enum': ['verbal', 'written']}}}, 'caller': {'enum': ['parent-carer', 'young-person', 'child', 'other-family', 'professional']}, 'parental_responsibility': {'type': 'boolean', 'description': 'R8.'}, 'heard_about': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'policy_explained': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date', 'copy_given'], 'description': 'R4: the confidentiality policy was explained at first contact.', 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'copy_given': {'type': 'boolean'}}}}}, rule='additionalProperties')
    return data

def validate____defs_outcome(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'information-given' or isinstance(data, str) and data == 'advice-given' or isinstance(data, str) and data == 'resolved' or isinstance(data, str) and data == 'signposted' or isinstance(data, str) and data == 'referred-on' or isinstance(data, str) and data == 'tribunal' or isinstance(data, str) and data == 'no-further-contact' or isinstance(data, str) and data == 'withdrawn' or isinstance(data, str) and data == 'other'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']", value=data, name="" + (name_prefix or "data") + "", definition={'enum': ['information-given', 'advice-given', 'resolved', 'signposted', 'referred-on', 'tribunal', 'no-further-contact', 'withdrawn', 'other']}, rule='enum')
    return data

def validate____defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, rule='pattern')
    return data

def validate____defs_follow_up(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['date', 'reason', 'at', 'by']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='required')
        data_keys = set(data.keys())
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            validate____defs_date(data__date, custom_formats, (name_prefix or "data") + ".date")
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            validate____defs_follow_up_reason(data__reason, custom_formats, (name_prefix or "data") + ".reason")
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            validate____defs_instant(data__at, custom_formats, (name_prefix or "data") + ".at")
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            validate____defs_officer(data__by, custom_formats, (name_prefix or "data") + ".by")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['date', 'reason', 'at', 'by'], 'description': "The case's next follow-up: set by 'sendvault follow-up ID DATE REASON' (a new one replaces it), removed by 'sendvault follow-up ID --done'; both are kept in history.", 'properties': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'reason': {'type': 'string', 'minLength': 1, 'maxLength': 120, 'pattern': '^[^\\x00-\\x1f\\x7f]*$', 'description': "What is to be done, in a few words on one line (e.g. 'chase LA for draft plan'): no names or other personal details, though it is encrypted with the rest of the record."}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, 'by': {'type': 'string', 'minLength': 1, 'maxLength': 80}}}, rule='additionalProperties')
    return data

def validate____defs_officer(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 80}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 80}, rule='minLength')
        if data_len > 80:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 80 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 80}, rule='maxLength')
    return data

def validate____defs_instant(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, rule='pattern')
    return data

def validate____defs_case_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, rule='pattern')
    return data