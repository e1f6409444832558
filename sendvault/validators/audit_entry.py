# Generated from vault-schema/audit-entry.schema.json by `python -m sendvault.schema`; do not edit.
SCHEMA_SHA256 = '4b9d34fc2382106c25727d6b3720f5d39ffee0a8b9804abb68b3a9fceec78e56'
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z\\Z'),
    '^[0-9a-f]{16}$': re.compile('^[0-9a-f]{16}\\Z'),
    '^[a-z][a-z -]{0,40}$': re.compile('^[a-z][a-z -]{0,40}\\Z'),
    '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$': re.compile('^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\\Z'),
    '^[0-9a-f]{64}$': re.compile('^[0-9a-f]{64}\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault audit entry', 'description': "One line of audit/<device>.log, decrypted: who, when, which command, which case. Never personal data. 'prev' is the SHA-256 of the previous entry's JSON (the hash chain); the first entry's prev is 64 zeros.", 'type': 'object', 'additionalProperties': False, 'required': ['seq', 'at', 'device', 'officer', 'command', 'case', 'prev'], 'properties': {'seq': {'type': 'integer', 'minimum': 1}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'}, 'device': {'type': 'string', 'pattern': '^[0-9a-f]{16}$'}, 'officer': {'type': 'string', 'minLength': 1}, 'command': {'type': 'string', 'pattern': '^[a-z][a-z -]{0,40}$'}, 'case': {'anyOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}]}, 'detail': {'type': 'string', 'maxLength': 200, 'description': 'A non-identifying detail (an officer added, a count), written by sendvault itself, never from a service user.'}, 'prev': {'type': 'string', 'pattern': '^[0-9a-f]{64}$'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['seq', 'at', 'device', 'officer', 'command', 'case', 'prev']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault audit entry', 'description': "One line of audit/<device>.log, decrypted: who, when, which command, which case. Never personal data. 'prev' is the SHA-256 of the previous entry's JSON (the hash chain); the first entry's prev is 64 zeros.", 'type': 'object', 'additionalProperties': False, 'required': ['seq', 'at', 'device', 'officer', 'command', 'case', 'prev'], 'properties': {'seq': {'type': 'integer', 'minimum': 1}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'}, 'device': {'type': 'string', 'pattern': '^[0-9a-f]{16}$'}, 'officer': {'type': 'string', 'minLength': 1}, 'command': {'type': 'string', 'pattern': '^[a-z][a-z -]{0,40}$'}, 'case': {'anyOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}]}, 'detail': {'type': 'string', 'maxLength': 200, 'description': 'A non-identifying detail (an officer added, a count), written by sendvault itself, never from a service user.'}, 'prev': {'type': 'string', 'pattern': '^[0-9a-f]{64}$'}}}, rule='required')
        data_keys = set(data.keys())
        if "seq" in data_keys:
            data_keys.remove("seq")
            data__seq = data["seq"]
            if not isinstance(data__seq, (int)) and not (isinstance(data__seq, float) and data__seq.is_integer()) or isinstance(data__seq, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".seq must be integer", value=data__seq, name="" + (name_prefix or "data") + ".seq", definition={'type': 'integer', 'minimum': 1}, rule='type')
            if isinstance(data__seq, (int, float, Decimal)) and not isinstance(data__seq, bool):
                if data__seq < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".seq must be bigger than or equal to 1", value=data__seq, name="" + (name_prefix or "data") + ".seq", definition={'type': 'integer', 'minimum': 1}, rule='minimum')
        if "at" in data_keys:
            data_keys.remove("at")
            data__at = data["at"]
            if not isinstance(data__at, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".at must be string", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'}, rule='type')
            if isinstance(data__at, str):
                if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'].search(data__at):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".at must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$", value=data__at, name="" + (name_prefix or "data") + ".at", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'}, rule='pattern')
        if "device" in data_keys:
            data_keys.remove("device")
            data__device = data["device"]
            if not isinstance(data__device, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".device must be string", value=data__device, name="" + (name_prefix or "data") + ".device", definition={'type': 'string', 'pattern': '^[0-9a-f]{16}$'}, rule='type')
            if isinstance(data__device, str):
                if not REGEX_PATTERNS['^[0-9a-f]{16}$'].search(data__device):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".device must match pattern ^[0-9a-f]{16}$", value=data__device, name="" + (name_prefix or "data") + ".device", definition={'type': 'string', 'pattern': '^[0-9a-f]{16}$'}, rule='pattern')
        if "officer" in data_keys:
            data_keys.remove("officer")
            data__officer = data["officer"]
            if not isinstance(data__officer, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officer must be string", value=data__officer, name="" + (name_prefix or "data") + ".officer", definition={'type': 'string', 'minLength': 1}, rule='type')
            if isinstance(data__officer, str):
                data__officer_len = len(data__officer)
                if data__officer_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".officer must be longer than or equal to 1 characters", value=data__officer, name="" + (name_prefix or "data") + ".officer", definition={'type': 'string', 'minLength': 1}, rule='minLength')
        if "command" in data_keys:
            data_keys.remove("command")
            data__command = data["command"]
            if not isinstance(data__command, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".command must be string", value=data__command, name="" + (name_prefix or "data") + ".command", definition={'type': 'string', 'pattern': '^[a-z][a-z -]{0,40}$'}, rule='type')
            if isinstance(data__command, str):
                if not REGEX_PATTERNS['^[a-z][a-z -]{0,40}$'].search(data__command):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".command must match pattern ^[a-z][a-z -]{0,40}$", value=data__command, name="" + (name_prefix or "data") + ".command", definition={'type': 'string', 'pattern': '^[a-z][a-z -]{0,40}$'}, rule='pattern')
        if "case" in data_keys:
            data_keys.remove("case")
            data__case = data["case"]
            data__case_any_of_count1 = 0
            if not data__case_any_of_count1:
                try:
                    if not isinstance(data__case, (NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case must be null", value=data__case, name="" + (name_prefix or "data") + ".case", definition={'type': 'null'}, rule='type')
                    data__case_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__case_any_of_count1:
                try:
                    if not isinstance(data__case, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case must be string", value=data__case, name="" + (name_prefix or "data") + ".case", definition={'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, rule='type')
                    if isinstance(data__case, str):
                        if not REGEX_PATTERNS['^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'].search(data__case):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".case must match pattern ^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", value=data__case, name="" + (name_prefix or "data") + ".case", definition={'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}, rule='pattern')
                    data__case_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data__case_any_of_count1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".case cannot be validated by any definition", value=data__case, name="" + (name_prefix or "data") + ".case", definition={'anyOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}]}, rule='anyOf')
        if "detail" in data_keys:
            data_keys.remove("detail")
            data__detail = data["detail"]
            if not isinstance(data__detail, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".detail must be string", value=data__detail, name="" + (name_prefix or "data") + ".detail", definition={'type': 'string', 'maxLength': 200, 'description': 'A non-identifying detail (an officer added, a count), written by sendvault itself, never from a service user.'}, rule='type')
            if isinstance(data__detail, str):
                data__detail_len = len(data__detail)
                if data__detail_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".detail must be shorter than or equal to 200 characters", value=data__detail, name="" + (name_prefix or "data") + ".detail", definition={'type': 'string', 'maxLength': 200, 'description': 'A non-identifying detail (an officer added, a count), written by sendvault itself, never from a service user.'}, rule='maxLength')
        if "prev" in data_keys:
            data_keys.remove("prev")
            data__prev = data["prev"]
            if not isinstance(data__prev, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".prev must be string", value=data__prev, name="" + (name_prefix or "data") + ".prev", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$'}, rule='type')
            if isinstance(data__prev, str):
                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__prev):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".prev must match pattern ^[0-9a-f]{64}$", value=data__prev, name="" + (name_prefix or "data") + ".prev", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$'}, rule='pattern')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault audit entry', 'description': "One line of audit/<device>.log, decrypted: who, when, which command, which case. Never personal data. 'prev' is the SHA-256 of the previous entry's JSON (the hash chain); the first entry's prev is 64 zeros.", 'type': 'object', 'additionalProperties': False, 'required': ['seq', 'at', 'device', 'officer', 'command', 'case', 'prev'], 'properties': {'seq': {'type': 'integer', 'minimum': 1}, 'at': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$'}, 'device': {'type': 'string', 'pattern': '^[0-9a-f]{16}$'}, 'officer': {'type': 'string', 'minLength': 1}, 'command': {'type': 'string', 'pattern': '^[a-z][a-z -]{0,40}$'}, 'case': {'anyOf': [{'type': 'null'}, {'type': 'string', 'pattern': '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'}]}, 'detail': {'type': 'string', 'maxLength': 200, 'description': 'A non-identifying detail (an officer added, a count), written by sendvault itself, never from a service user.'}, 'prev': {'type': 'string', 'pattern': '^[0-9a-f]{64}$'}}}, rule='additionalProperties')
    return data