# Generated from vault-schema/destruction.schema.json by `python -m sendvault.schema`; do not edit.
SCHEMA_SHA256 = '859570ed105a4f481cdf7051ab7e935a5b4a71289f5eeaf20750f96379141d41'
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$': re.compile('^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\\Z'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\\Z'),
    '^[^\\x00-\\x1f]{1,80}$': re.compile('^[^\\x00-\\x1f]{1,80}\\Z'),
    '^e[0-9]+:[A-Za-z0-9+/=]+$': re.compile('^e[0-9]+:[A-Za-z0-9+/=]+\\Z'),
    '^[0-9a-f]{64}$': re.compile('^[0-9a-f]{64}\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault destruction record (destroyed/<ID>.json, destroyed/<ID>.pending)', 'description': "Plain JSON, no personal data: that a case was destroyed, when, why, by whom and how. One small file per destruction, in the synchronised part of the vault, so that sync carries the destruction to every copy. The .pending form is written before the case's key is shredded and replaced by the .json form when the destruction is complete.", 'type': 'object', 'additionalProperties': False, 'required': ['format', 'case', 'date', 'by', 'reason', 'rule', 'method', 'epoch', 'seal'], 'properties': {'format': {'const': 'sendvault-destruction/1'}, 'case': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$', 'description': "The destroyed case's id (opaque: it says nothing about the person)."}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', 'description': 'The day of the destruction (in England).'}, 'by': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$', 'description': 'The authorising manager (the officer whose identity ran the purge or erase).'}, 'reason': {'enum': ['retention', 'erasure'], 'description': "retention: due under the vault's rules (R29, R30); erasure: removal at the service user's request (R26)."}, 'rule': {'anyOf': [{'type': 'null'}, {'enum': ['birthday', 'left-education', 'after-closed', 'after-last-contact', 'enquiries']}], 'description': 'The retention rule that made the case due (null for an erasure).'}, 'method': {'const': 'crypto-shredding', 'description': 'The case key overwritten and deleted (cryptographic erase), then the case file deleted.'}, 'pending': {'type': 'string', 'pattern': '^e[0-9]+:[A-Za-z0-9+/=]+$', 'maxLength': 2000, 'description': "Only while the destruction is under way: the statistical record's name, encrypted for the vault key, so a resumed purge writes it exactly once. Removed when the destruction is complete."}, 'epoch': {'type': 'integer', 'minimum': 1, 'description': 'The key epoch whose vault key made the seal.'}, 'seal': {'type': 'string', 'pattern': '^[0-9a-f]{64}$', 'description': 'HMAC-SHA256 of every other field, keyed (through HKDF) by the vault key of that epoch: a record forged outside sendvault destroys nothing.'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'case', 'date', 'by', 'reason', 'rule', 'method', 'epoch', 'seal']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault destruction record (destroyed/<ID>.json, destroyed/<ID>.pending)', 'description': "Plain JSON, no personal data: that a case was destroyed, when, why, by whom and how. One small file per destruction, in the synchronised part of the vault, so that sync carries the destruction to every copy. The .pending form is written before the case's key is shredded and replaced by the .json form when the destruction is complete.", 'type': 'object', 'additionalProperties': False, 'required': ['format', 'case', 'date', 'by', 'reason', 'rule', 'method', 'epoch', 'seal'], 'properties': {'format': {'const': 'sendvault-destruction/1'}, 'case': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$', 'description': "The destroyed case's id (opaque: it says nothing about the person)."}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', 'description': 'The day of the destruction (in England).'}, 'by': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$', 'description': 'The authorising manager (the officer whose identity ran the purge or erase).'}, 'reason': {'enum': ['retention', 'erasure'], 'description': "retention: due under the vault's rules (R29, R30); erasure: removal at the service user's request (R26)."}, 'rule': {'anyOf': [{'type': 'null'}, {'enum': ['birthday', 'left-education', 'after-closed', 'after-last-contact', 'enquiries']}], 'description': 'The retention rule that made the case due (null for an erasure).'}, 'method': {'const': 'crypto-shredding', 'description': 'The case key overwritten and deleted (cryptographic erase), then the case file deleted.'}, 'pending': {'type': 'string', 'pattern': '^e[0-9]+:[A-Za-z0-9+/=]+$', 'maxLength': 2000, 'description': "Only while the destruction is under way: the statistical record's name, encrypted for the vault key, so a resumed purge writes it exactly once. Removed when the destruction is complete."}, 'epoch': {'type': 'integer', 'minimum': 1, 'description': 'The key epoch whose vault key made the seal.'}, 'seal': {'type': 'string', 'pattern': '^[0-9a-f]{64}$', 'description': 'HMAC-SHA256 of every other field, keyed (through HKDF) by the vault key of that epoch: a record forged outside sendvault destroys nothing.'}}}, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'sendvault-destruction/1'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: sendvault-destruction/1", value=data__format, name="" + (name_prefix or "data") + ".format", definition={'const': 'sendvault-destruction/1'}, rule='const')
        if "case" in data_keys:
            data_keys.remove("case")
            data__case = data["case"]
            if not isinstance(data__case, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".case must be string", value=data__case, name="" + (name_prefix or "data") + ".case", definition={'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$', 'description': "The destroyed case's id (opaque: it says nothing about the person)."}, rule='type')
            if isinstance(data__case, str):
                if not REGEX_PATTERNS['^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'].search(data__case):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case must match pattern ^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", value=data__case, name="" + (name_prefix or "data") + ".case", definition={'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$', 'description': "The destroyed case's id (opaque: it says nothing about the person)."}, rule='pattern')
        if "date" in data_keys:
            data_keys.remove("date")
            data__date = data["date"]
            if not isinstance(data__date, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".date must be string", value=data__date, name="" + (name_prefix or "data") + ".date", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', 'description': 'The day of the destruction (in England).'}, rule='type')
            if isinstance(data__date, str):
                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'].search(data__date):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".date must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", value=data__date, name="" + (name_prefix or "data") + ".date", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', 'description': 'The day of the destruction (in England).'}, rule='pattern')
        if "by" in data_keys:
            data_keys.remove("by")
            data__by = data["by"]
            if not isinstance(data__by, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".by must be string", value=data__by, name="" + (name_prefix or "data") + ".by", definition={'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$', 'description': 'The authorising manager (the officer whose identity ran the purge or erase).'}, rule='type')
            if isinstance(data__by, str):
                if not REGEX_PATTERNS['^[^\\x00-\\x1f]{1,80}$'].search(data__by):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".by must match pattern ^[^\\x00-\\x1f]{1,80}$", value=data__by, name="" + (name_prefix or "data") + ".by", definition={'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$', 'description': 'The authorising manager (the officer whose identity ran the purge or erase).'}, rule='pattern')
        if "reason" in data_keys:
            data_keys.remove("reason")
            data__reason = data["reason"]
            if not (isinstance(data__reason, str) and data__reason == 'retention' or isinstance(data__reason, str) and data__reason == 'erasure'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reason must be one of ['retention', 'erasure']", value=data__reason, name="" + (name_prefix or "data") + ".reason", definition={'enum': ['retention', 'erasure'], 'description': "retention: due under the vault's rules (R29, R30); erasure: removal at the service user's request (R26)."}, rule='enum')
        if "rule" in data_keys:
            data_keys.remove("rule")
            data__rule = data["rule"]
            data__rule_any_of_count1 = 0
            if not data__rule_any_of_count1:
                try:
                    if not isinstance(data__rule, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule must be null", value=data__rule, name="" + (name_prefix or "data") + ".rule", definition={'type': 'null'}, rule='type')
                    data__rule_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__rule_any_of_count1:
                try:
                    if not (isinstance(data__rule, str) and data__rule == 'birthday' or isinstance(data__rule, str) and data__rule == 'left-education' or isinstance(data__rule, str) and data__rule == 'after-closed' or isinstance(data__rule, str) and data__rule == 'after-last-contact' or isinstance(data__rule, str) and data__rule == 'enquiries'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule must be one of ['birthday', 'left-education', 'after-closed', 'after-last-contact', 'enquiries']", value=data__rule, name="" + (name_prefix or "data") + ".rule", definition={'enum': ['birthday', 'left-education', 'after-closed', 'after-last-contact', 'enquiries']}, rule='enum')
                    data__rule_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__rule_any_of_count1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rule cannot be validated by any definition", value=data__rule, name="" + (name_prefix or "data") + ".rule", definition={'anyOf': [{'type': 'null'}, {'enum': ['birthday', 'left-education', 'after-closed', 'after-last-contact', 'enquiries']}], 'description': 'The retention rule that made the case due (null for an erasure).'}, rule='anyOf')
        if "method" in data_keys:
            data_keys.remove("method")
            data__method = data["method"]
            if not (isinstance(data__method, str) and data__method == 'crypto-shredding'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must be same as const definition: crypto-shredding", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'const': 'crypto-shredding', 'description': 'The case key overwritten and deleted (cryptographic erase), then the case file deleted.'}, rule='const')
        if "pending" in data_keys:
            data_keys.remove("pending")
            data__pending = data["pending"]
            if not isinstance(data__pending, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".pending must be string", value=data__pending, name="" + (name_prefix or "data") + ".pending", definition={'type': 'string', 'pattern': '^e[0-9]+:[A-Za-z0-9+/=]+$', 'maxLength': 2000, 'description': "Only while the destruction is under way: the statistical record's name, encrypted for the vault key, so a resumed purge writes it exactly once. Removed when the destruction is complete."}, rule='type')
            if isinstance(data__pending, str):
                data__pending_len = len(data__pending)
                if data__pending_len > 2000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pending must be shorter than or equal to 2000 characters", value=data__pending, name="" + (name_prefix or "data") + ".pending", definition={'type': 'string', 'pattern': '^e[0-9]+:[A-Za-z0-9+/=]+$', 'maxLength': 2000, 'description': "Only while the destruction is under way: the statistical record's name, encrypted for the vault key, so a resumed purge writes it exactly once. Removed when the destruction is complete."}, rule='maxLength')
                if not REGEX_PATTERNS['^e[0-9]+:[A-Za-z0-9+/=]+$'].search(data__pending):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".pending must match pattern ^e[0-9]+:[A-Za-z0-9+/=]+$", value=data__pending, name="" + (name_prefix or "data") + ".pending", definition={'type': 'string', 'pattern': '^e[0-9]+:[A-Za-z0-9+/=]+$', 'maxLength': 2000, 'description': "Only while the destruction is under way: the statistical record's name, encrypted for the vault key, so a resumed purge writes it exactly once. Removed when the destruction is complete."}, rule='pattern')
        if "epoch" in data_keys:
            data_keys.remove("epoch")
            data__epoch = data["epoch"]
            if not isinstance(data__epoch, (int)) and not (isinstance(data__epoch, float) and data__epoch.is_integer()) or isinstance(data__epoch, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".epoch must be integer", value=data__epoch, name="" + (name_prefix or "data") + ".epoch", definition={'type': 'integer', 'minimum': 1, 'description': 'The key epoch whose vault key made the seal.'}, rule='type')
            if isinstance(data__epoch, (int, float, Decimal)) and not isinstance(data__epoch, bool):
                if data__epoch < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".epoch must be bigger than or equal to 1", value=data__epoch, name="" + (name_prefix or "data") + ".epoch", definition={'type': 'integer', 'minimum': 1, 'description': 'The key epoch whose vault key made the seal.'}, rule='minimum')
        if "seal" in data_keys:
            data_keys.remove("seal")
            data__seal = data["seal"]
            if not isinstance(data__seal, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".seal must be string", value=data__seal, name="" + (name_prefix or "data") + ".seal", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$', 'description': 'HMAC-SHA256 of every other field, keyed (through HKDF) by the vault key of that epoch: a record forged outside sendvault destroys nothing.'}, rule='type')
            if isinstance(data__seal, str):
                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__seal):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".seal must match pattern ^[0-9a-f]{64}$", value=data__seal, name="" + (name_prefix or "data") + ".seal", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$', 'description': 'HMAC-SHA256 of every other field, keyed (through HKDF) by the vault key of that epoch: a record forged outside sendvault destroys nothing.'}, rule='pattern')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault destruction record (destroyed/<ID>.json, destroyed/<ID>.pending)', 'description': "Plain JSON, no personal data: that a case was destroyed, when, why, by whom and how. One small file per destruction, in the synchronised part of the vault, so that sync carries the destruction to every copy. The .pending form is written before the case's key is shredded and replaced by the .json form when the destruction is complete.", 'type': 'object', 'additionalProperties': False, 'required': ['format', 'case', 'date', 'by', 'reason', 'rule', 'method', 'epoch', 'seal'], 'properties': {'format': {'const': 'sendvault-destruction/1'}, 'case': {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$', 'description': "The destroyed case's id (opaque: it says nothing about the person)."}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', 'description': 'The day of the destruction (in England).'}, 'by': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$', 'description': 'The authorising manager (the officer whose identity ran the purge or erase).'}, 'reason': {'enum': ['retention', 'erasure'], 'description': "retention: due under the vault's rules (R29, R30); erasure: removal at the service user's request (R26)."}, 'rule': {'anyOf': [{'type': 'null'}, {'enum': ['birthday', 'left-education', 'after-closed', 'after-last-contact', 'enquiries']}], 'description': 'The retention rule that made the case due (null for an erasure).'}, 'method': {'const': 'crypto-shredding', 'description': 'The case key overwritten and deleted (cryptographic erase), then the case file deleted.'}, 'pending': {'type': 'string', 'pattern': '^e[0-9]+:[A-Za-z0-9+/=]+$', 'maxLength': 2000, 'description': "Only while the destruction is under way: the statistical record's name, encrypted for the vault key, so a resumed purge writes it exactly once. Removed when the destruction is complete."}, 'epoch': {'type': 'integer', 'minimum': 1, 'description': 'The key epoch whose vault key made the seal.'}, 'seal': {'type': 'string', 'pattern': '^[0-9a-f]{64}$', 'description': 'HMAC-SHA256 of every other field, keyed (through HKDF) by the vault key of that epoch: a record forged outside sendvault destroys nothing.'}}}, rule='additionalProperties')
    return data