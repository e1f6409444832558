# Generated from vault-schema/audit-head.schema.json by `python -m sendvault.schema`; do not edit.
SCHEMA_SHA256 = 'edc387ac2695565e12ad1796c2cf272335a90025d89d5a5d08fb706c303c7896'
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9a-f]{64}$': re.compile('^[0-9a-f]{64}\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault audit head', 'description': 'audit/<device>.head, decrypted: the sequence number and hash of the last entry written, so that a log cut off at the end is detected.', 'type': 'object', 'additionalProperties': False, 'required': ['seq', 'hash'], 'properties': {'seq': {'type': 'integer', 'minimum': 0}, 'hash': {'type': 'string', 'pattern': '^[0-9a-f]{64}$'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['seq', 'hash']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault audit head', 'description': 'audit/<device>.head, decrypted: the sequence number and hash of the last entry written, so that a log cut off at the end is detected.', 'type': 'object', 'additionalProperties': False, 'required': ['seq', 'hash'], 'properties': {'seq': {'type': 'integer', 'minimum': 0}, 'hash': {'type': 'string', 'pattern': '^[0-9a-f]{64}$'}}}, rule='required')
        data_keys = set(data.keys())
        if "seq" in data_keys:
            data_keys.remove("seq")
            data__seq = data["seq"]
            if not isinstance(data__seq, (int)) and not (isinstance(data__seq, float) and data__seq.is_integer()) or isinstance(data__seq, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".seq must be integer", value=data__seq, name="" + (name_prefix or "data") + ".seq", definition={'type': 'integer', 'minimum': 0}, rule='type')
            if isinstance(data__seq, (int, float, Decimal)) and not isinstance(data__seq, bool):
                if data__seq < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".seq must be bigger than or equal to 0", value=data__seq, name="" + (name_prefix or "data") + ".seq", definition={'type': 'integer', 'minimum': 0}, rule='minimum')
        if "hash" in data_keys:
            data_keys.remove("hash")
            data__hash = data["hash"]
            if not isinstance(data__hash, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".hash must be string", value=data__hash, name="" + (name_prefix or "data") + ".hash", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$'}, rule='type')
            if isinstance(data__hash, str):
                if not REGEX_PATTERNS['^[0-9a-f]{64}$'].search(data__hash):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".hash must match pattern ^[0-9a-f]{64}$", value=data__hash, name="" + (name_prefix or "data") + ".hash", definition={'type': 'string', 'pattern': '^[0-9a-f]{64}$'}, rule='pattern')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault audit head', 'description': 'audit/<device>.head, decrypted: the sequence number and hash of the last entry written, so that a log cut off at the end is detected.', 'type': 'object', 'additionalProperties': False, 'required': ['seq', 'hash'], 'properties': {'seq': {'type': 'integer', 'minimum': 0}, 'hash': {'type': 'string', 'pattern': '^[0-9a-f]{64}$'}}}, rule='additionalProperties')
    return data