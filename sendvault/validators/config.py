# Generated from vault-schema/config.schema.json by `python -m sendvault.schema`; do not edit.
SCHEMA_SHA256 = 'e22bb0683ed7ce38ce5127590447d50a795a2c62f06711acc16418d72cdd3f94'
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$': re.compile('^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\\Z'),
    '^[^\\x00-\\x1f]{1,80}$': re.compile('^[^\\x00-\\x1f]{1,80}\\Z'),
    '^age1[02-9ac-hj-np-z]{58}$': re.compile('^age1[02-9ac-hj-np-z]{58}\\Z'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault vault configuration (vault.toml)', 'description': 'Plain TOML, no personal data: the service, its officers (staff names and public keys), the key epochs and policy settings.', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'service', 'created', 'key_epoch', 'epochs', 'officers', 'policy'], 'properties': {'format': {'const': 'sendvault-vault/1'}, 'service': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'created': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'key_epoch': {'type': 'integer', 'minimum': 1, 'description': 'The current vault key: vaultkeys/<key_epoch>.age. Raised each time an officer is removed.'}, 'epochs': {'type': 'array', 'minItems': 1, 'description': "When each key epoch came into force. An audit entry sealed with a key retired before the entry's time is reported by 'audit verify' (a former officer's key cannot write history after they left).", 'items': {'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}}, 'officers': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}}, 'policy': {'type': 'object', 'additionalProperties': False, 'required': ['version'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}}}, 'localities': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 60}, 'uniqueItems': True}}, '$defs': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'service', 'created', 'key_epoch', 'epochs', 'officers', 'policy']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault vault configuration (vault.toml)', 'description': 'Plain TOML, no personal data: the service, its officers (staff names and public keys), the key epochs and policy settings.', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'service', 'created', 'key_epoch', 'epochs', 'officers', 'policy'], 'properties': {'format': {'const': 'sendvault-vault/1'}, 'service': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'created': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'key_epoch': {'type': 'integer', 'minimum': 1, 'description': 'The current vault key: vaultkeys/<key_epoch>.age. Raised each time an officer is removed.'}, 'epochs': {'type': 'array', 'minItems': 1, 'description': "When each key epoch came into force. An audit entry sealed with a key retired before the entry's time is reported by 'audit verify' (a former officer's key cannot write history after they left).", 'items': {'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}}, 'officers': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}}, 'policy': {'type': 'object', 'additionalProperties': False, 'required': ['version'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}}}, 'localities': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 60}, 'uniqueItems': True}}, '$defs': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'sendvault-vault/1'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: sendvault-vault/1", value=data__format, name="" + (name_prefix or "data") + ".format", definition={'const': 'sendvault-vault/1'}, rule='const')
        if "service" in data_keys:
            data_keys.remove("service")
            data__service = data["service"]
            if not isinstance(data__service, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".service must be string", value=data__service, name="" + (name_prefix or "data") + ".service", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='type')
            if isinstance(data__service, str):
                data__service_len = len(data__service)
                if data__service_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".service must be longer than or equal to 1 characters", value=data__service, name="" + (name_prefix or "data") + ".service", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='minLength')
                if data__service_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".service must be shorter than or equal to 200 characters", value=data__service, name="" + (name_prefix or "data") + ".service", definition={'type': 'string', 'minLength': 1, 'maxLength': 200}, rule='maxLength')
        if "created" in data_keys:
            data_keys.remove("created")
            data__created = data["created"]
            validate____defs_date(data__created, custom_formats, (name_prefix or "data") + ".created")
        if "key_epoch" in data_keys:
            data_keys.remove("key_epoch")
            data__keyepoch = data["key_epoch"]
            if not isinstance(data__keyepoch, (int)) and not (isinstance(data__keyepoch, float) and data__keyepoch.is_integer()) or isinstance(data__keyepoch, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".key_epoch must be integer", value=data__keyepoch, name="" + (name_prefix or "data") + ".key_epoch", definition={'type': 'integer', 'minimum': 1, 'description': 'The current vault key: vaultkeys/<key_epoch>.age. Raised each time an officer is removed.'}, rule='type')
            if isinstance(data__keyepoch, (int, float, Decimal)) and not isinstance(data__keyepoch, bool):
                if data__keyepoch < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".key_epoch must be bigger than or equal to 1", value=data__keyepoch, name="" + (name_prefix or "data") + ".key_epoch", definition={'type': 'integer', 'minimum': 1, 'description': 'The current vault key: vaultkeys/<key_epoch>.age. Raised each time an officer is removed.'}, rule='minimum')
        if "epochs" in data_keys:
            data_keys.remove("epochs")
            data__epochs = data["epochs"]
            if not isinstance(data__epochs, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs must be array", value=data__epochs, name="" + (name_prefix or "data") + ".epochs", definition={'type': 'array', 'minItems': 1, 'description': "When each key epoch came into force. An audit entry sealed with a key retired before the entry's time is reported by 'audit verify' (a former officer's key cannot write history after they left).", 'items': {'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}}, rule='type')
            data__epochs_is_list = isinstance(data__epochs, (list, tuple))
            if data__epochs_is_list:
                data__epochs_len = len(data__epochs)
                if data__epochs_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs must contain at least 1 items", value=data__epochs, name="" + (name_prefix or "data") + ".epochs", definition={'type': 'array', 'minItems': 1, 'description': "When each key epoch came into force. An audit entry sealed with a key retired before the entry's time is reported by 'audit verify' (a former officer's key cannot write history after they left).", 'items': {'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}}, rule='minItems')
                for data__epochs_x, data__epochs_item in enumerate(data__epochs):
                    if not isinstance(data__epochs_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}]".format(**locals()) + " must be object", value=data__epochs_item, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}, rule='type')
                    data__epochs_item_is_dict = isinstance(data__epochs_item, dict)
                    if data__epochs_item_is_dict:
                        data__epochs_item__missing_keys = set(['epoch', 'from']) - data__epochs_item.keys()
                        if data__epochs_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}]".format(**locals()) + " must contain " + (str(sorted(data__epochs_item__missing_keys)) + " properties"), value=data__epochs_item, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}, rule='required')
                        data__epochs_item_keys = set(data__epochs_item.keys())
                        if "epoch" in data__epochs_item_keys:
                            data__epochs_item_keys.remove("epoch")
                            data__epochs_item__epoch = data__epochs_item["epoch"]
                            if not isinstance(data__epochs_item__epoch, (int)) and not (isinstance(data__epochs_item__epoch, float) and data__epochs_item__epoch.is_integer()) or isinstance(data__epochs_item__epoch, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}].epoch".format(**locals()) + " must be integer", value=data__epochs_item__epoch, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}].epoch".format(**locals()) + "", definition={'type': 'integer', 'minimum': 1}, rule='type')
                            if isinstance(data__epochs_item__epoch, (int, float, Decimal)) and not isinstance(data__epochs_item__epoch, bool):
                                if data__epochs_item__epoch < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}].epoch".format(**locals()) + " must be bigger than or equal to 1", value=data__epochs_item__epoch, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}].epoch".format(**locals()) + "", definition={'type': 'integer', 'minimum': 1}, rule='minimum')
                        if "from" in data__epochs_item_keys:
                            data__epochs_item_keys.remove("from")
                            data__epochs_item__from = data__epochs_item["from"]
                            if not isinstance(data__epochs_item__from, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}].from".format(**locals()) + " must be string", value=data__epochs_item__from, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}].from".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, rule='type')
                            if isinstance(data__epochs_item__from, str):
                                if not REGEX_PATTERNS['^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'].search(data__epochs_item__from):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}].from".format(**locals()) + " must match pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", value=data__epochs_item__from, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}].from".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}, rule='pattern')
                        if data__epochs_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".epochs[{data__epochs_x}]".format(**locals()) + " must not contain "+str(data__epochs_item_keys)+" properties", value=data__epochs_item, name="" + (name_prefix or "data") + ".epochs[{data__epochs_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}, rule='additionalProperties')
        if "officers" in data_keys:
            data_keys.remove("officers")
            data__officers = data["officers"]
            if not isinstance(data__officers, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers must be array", value=data__officers, name="" + (name_prefix or "data") + ".officers", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}}, rule='type')
            data__officers_is_list = isinstance(data__officers, (list, tuple))
            if data__officers_is_list:
                data__officers_len = len(data__officers)
                if data__officers_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers must contain at least 1 items", value=data__officers, name="" + (name_prefix or "data") + ".officers", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}}, rule='minItems')
                for data__officers_x, data__officers_item in enumerate(data__officers):
                    if not isinstance(data__officers_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}]".format(**locals()) + " must be object", value=data__officers_item, name="" + (name_prefix or "data") + ".officers[{data__officers_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}, rule='type')
                    data__officers_item_is_dict = isinstance(data__officers_item, dict)
                    if data__officers_item_is_dict:
                        data__officers_item__missing_keys = set(['name', 'recipient', 'role', 'added']) - data__officers_item.keys()
                        if data__officers_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}]".format(**locals()) + " must contain " + (str(sorted(data__officers_item__missing_keys)) + " properties"), value=data__officers_item, name="" + (name_prefix or "data") + ".officers[{data__officers_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}, rule='required')
                        data__officers_item_keys = set(data__officers_item.keys())
                        if "name" in data__officers_item_keys:
                            data__officers_item_keys.remove("name")
                            data__officers_item__name = data__officers_item["name"]
                            if not isinstance(data__officers_item__name, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].name".format(**locals()) + " must be string", value=data__officers_item__name, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].name".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, rule='type')
                            if isinstance(data__officers_item__name, str):
                                if not REGEX_PATTERNS['^[^\\x00-\\x1f]{1,80}$'].search(data__officers_item__name):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].name".format(**locals()) + " must match pattern ^[^\\x00-\\x1f]{1,80}$", value=data__officers_item__name, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].name".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, rule='pattern')
                        if "recipient" in data__officers_item_keys:
                            data__officers_item_keys.remove("recipient")
                            data__officers_item__recipient = data__officers_item["recipient"]
                            if not isinstance(data__officers_item__recipient, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].recipient".format(**locals()) + " must be string", value=data__officers_item__recipient, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].recipient".format(**locals()) + "", definition={'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, rule='type')
                            if isinstance(data__officers_item__recipient, str):
                                if not REGEX_PATTERNS['^age1[02-9ac-hj-np-z]{58}$'].search(data__officers_item__recipient):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].recipient".format(**locals()) + " must match pattern ^age1[02-9ac-hj-np-z]{58}$", value=data__officers_item__recipient, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].recipient".format(**locals()) + "", definition={'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, rule='pattern')
                        if "role" in data__officers_item_keys:
                            data__officers_item_keys.remove("role")
                            data__officers_item__role = data__officers_item["role"]
                            if not (isinstance(data__officers_item__role, str) and data__officers_item__role == 'officer' or isinstance(data__officers_item__role, str) and data__officers_item__role == 'manager'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].role".format(**locals()) + " must be one of ['officer', 'manager']", value=data__officers_item__role, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].role".format(**locals()) + "", definition={'enum': ['officer', 'manager']}, rule='enum')
                        if "added" in data__officers_item_keys:
                            data__officers_item_keys.remove("added")
                            data__officers_item__added = data__officers_item["added"]
                            validate____defs_date(data__officers_item__added, custom_formats, (name_prefix or "data") + ".officers[{data__officers_x}].added".format(**locals()))
                        if "added_by" in data__officers_item_keys:
                            data__officers_item_keys.remove("added_by")
                            data__officers_item__addedby = data__officers_item["added_by"]
                            if not isinstance(data__officers_item__addedby, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].added_by".format(**locals()) + " must be string", value=data__officers_item__addedby, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].added_by".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                        if "removed" in data__officers_item_keys:
                            data__officers_item_keys.remove("removed")
                            data__officers_item__removed = data__officers_item["removed"]
                            validate____defs_date(data__officers_item__removed, custom_formats, (name_prefix or "data") + ".officers[{data__officers_x}].removed".format(**locals()))
                        if "removed_by" in data__officers_item_keys:
                            data__officers_item_keys.remove("removed_by")
                            data__officers_item__removedby = data__officers_item["removed_by"]
                            if not isinstance(data__officers_item__removedby, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}].removed_by".format(**locals()) + " must be string", value=data__officers_item__removedby, name="" + (name_prefix or "data") + ".officers[{data__officers_x}].removed_by".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                        if data__officers_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".officers[{data__officers_x}]".format(**locals()) + " must not contain "+str(data__officers_item_keys)+" properties", value=data__officers_item, name="" + (name_prefix or "data") + ".officers[{data__officers_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}, rule='additionalProperties')
        if "policy" in data_keys:
            data_keys.remove("policy")
            data__policy = data["policy"]
            if not isinstance(data__policy, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy must be object", value=data__policy, name="" + (name_prefix or "data") + ".policy", definition={'type': 'object', 'additionalProperties': False, 'required': ['version'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}}}, rule='type')
            data__policy_is_dict = isinstance(data__policy, dict)
            if data__policy_is_dict:
                data__policy__missing_keys = set(['version']) - data__policy.keys()
                if data__policy__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy must contain " + (str(sorted(data__policy__missing_keys)) + " properties"), value=data__policy, name="" + (name_prefix or "data") + ".policy", definition={'type': 'object', 'additionalProperties': False, 'required': ['version'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}}}, rule='required')
                data__policy_keys = set(data__policy.keys())
                if "version" in data__policy_keys:
                    data__policy_keys.remove("version")
                    data__policy__version = data__policy["version"]
                    if not isinstance(data__policy__version, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.version must be string", value=data__policy__version, name="" + (name_prefix or "data") + ".policy.version", definition={'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, rule='type')
                    if isinstance(data__policy__version, str):
                        data__policy__version_len = len(data__policy__version)
                        if data__policy__version_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.version must be longer than or equal to 1 characters", value=data__policy__version, name="" + (name_prefix or "data") + ".policy.version", definition={'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, rule='minLength')
                        if data__policy__version_len > 40:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.version must be shorter than or equal to 40 characters", value=data__policy__version, name="" + (name_prefix or "data") + ".policy.version", definition={'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, rule='maxLength')
                if "history" in data__policy_keys:
                    data__policy_keys.remove("history")
                    data__policy__history = data__policy["history"]
                    if not isinstance(data__policy__history, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.history must be array", value=data__policy__history, name="" + (name_prefix or "data") + ".policy.history", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}, rule='type')
                    data__policy__history_is_list = isinstance(data__policy__history, (list, tuple))
                    if data__policy__history_is_list:
                        data__policy__history_len = len(data__policy__history)
                        for data__policy__history_x, data__policy__history_item in enumerate(data__policy__history):
                            if not isinstance(data__policy__history_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}]".format(**locals()) + " must be object", value=data__policy__history_item, name="" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}, rule='type')
                            data__policy__history_item_is_dict = isinstance(data__policy__history_item, dict)
                            if data__policy__history_item_is_dict:
                                data__policy__history_item__missing_keys = set(['version', 'date']) - data__policy__history_item.keys()
                                if data__policy__history_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}]".format(**locals()) + " must contain " + (str(sorted(data__policy__history_item__missing_keys)) + " properties"), value=data__policy__history_item, name="" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}, rule='required')
                                data__policy__history_item_keys = set(data__policy__history_item.keys())
                                if "version" in data__policy__history_item_keys:
                                    data__policy__history_item_keys.remove("version")
                                    data__policy__history_item__version = data__policy__history_item["version"]
                                    if not isinstance(data__policy__history_item__version, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}].version".format(**locals()) + " must be string", value=data__policy__history_item__version, name="" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}].version".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if "date" in data__policy__history_item_keys:
                                    data__policy__history_item_keys.remove("date")
                                    data__policy__history_item__date = data__policy__history_item["date"]
                                    validate____defs_date(data__policy__history_item__date, custom_formats, (name_prefix or "data") + ".policy.history[{data__policy__history_x}].date".format(**locals()))
                                if "set_by" in data__policy__history_item_keys:
                                    data__policy__history_item_keys.remove("set_by")
                                    data__policy__history_item__setby = data__policy__history_item["set_by"]
                                    if not isinstance(data__policy__history_item__setby, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}].set_by".format(**locals()) + " must be string", value=data__policy__history_item__setby, name="" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}].set_by".format(**locals()) + "", definition={'type': 'string'}, rule='type')
                                if data__policy__history_item_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}]".format(**locals()) + " must not contain "+str(data__policy__history_item_keys)+" properties", value=data__policy__history_item, name="" + (name_prefix or "data") + ".policy.history[{data__policy__history_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}, rule='additionalProperties')
                if data__policy_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".policy must not contain "+str(data__policy_keys)+" properties", value=data__policy, name="" + (name_prefix or "data") + ".policy", definition={'type': 'object', 'additionalProperties': False, 'required': ['version'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}}}, rule='additionalProperties')
        if "localities" in data_keys:
            data_keys.remove("localities")
            data__localities = data["localities"]
            if not isinstance(data__localities, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".localities must be array", value=data__localities, name="" + (name_prefix or "data") + ".localities", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 60}, 'uniqueItems': True}, rule='type')
            data__localities_is_list = isinstance(data__localities, (list, tuple))
            if data__localities_is_list:
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                data__localities_len = len(data__localities)
                if data__localities_len > len(set(fn(data__localities_x) for data__localities_x in data__localities)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".localities must contain unique items", value=data__localities, name="" + (name_prefix or "data") + ".localities", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 60}, 'uniqueItems': True}, rule='uniqueItems')
                for data__localities_x, data__localities_item in enumerate(data__localities):
                    if not isinstance(data__localities_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".localities[{data__localities_x}]".format(**locals()) + " must be string", value=data__localities_item, name="" + (name_prefix or "data") + ".localities[{data__localities_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 60}, rule='type')
                    if isinstance(data__localities_item, str):
                        data__localities_item_len = len(data__localities_item)
                        if data__localities_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".localities[{data__localities_x}]".format(**locals()) + " must be longer than or equal to 1 characters", value=data__localities_item, name="" + (name_prefix or "data") + ".localities[{data__localities_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 60}, rule='minLength')
                        if data__localities_item_len > 60:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".localities[{data__localities_x}]".format(**locals()) + " must be shorter than or equal to 60 characters", value=data__localities_item, name="" + (name_prefix or "data") + ".localities[{data__localities_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'maxLength': 60}, rule='maxLength')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault vault configuration (vault.toml)', 'description': 'Plain TOML, no personal data: the service, its officers (staff names and public keys), the key epochs and policy settings.', 'type': 'object', 'additionalProperties': False, 'required': ['format', 'service', 'created', 'key_epoch', 'epochs', 'officers', 'policy'], 'properties': {'format': {'const': 'sendvault-vault/1'}, 'service': {'type': 'string', 'minLength': 1, 'maxLength': 200}, 'created': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'key_epoch': {'type': 'integer', 'minimum': 1, 'description': 'The current vault key: vaultkeys/<key_epoch>.age. Raised each time an officer is removed.'}, 'epochs': {'type': 'array', 'minItems': 1, 'description': "When each key epoch came into force. An audit entry sealed with a key retired before the entry's time is reported by 'audit verify' (a former officer's key cannot write history after they left).", 'items': {'type': 'object', 'additionalProperties': False, 'required': ['epoch', 'from'], 'properties': {'epoch': {'type': 'integer', 'minimum': 1}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'}}}}, 'officers': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'additionalProperties': False, 'required': ['name', 'recipient', 'role', 'added'], 'properties': {'name': {'type': 'string', 'pattern': '^[^\\x00-\\x1f]{1,80}$'}, 'recipient': {'type': 'string', 'pattern': '^age1[02-9ac-hj-np-z]{58}$'}, 'role': {'enum': ['officer', 'manager']}, 'added': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'added_by': {'type': 'string'}, 'removed': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'removed_by': {'type': 'string'}}}}, 'policy': {'type': 'object', 'additionalProperties': False, 'required': ['version'], 'properties': {'version': {'type': 'string', 'minLength': 1, 'maxLength': 40, 'description': 'The confidentiality policy version current now (R4, R32).'}, 'history': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['version', 'date'], 'properties': {'version': {'type': 'string'}, 'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'set_by': {'type': 'string'}}}}}}, 'localities': {'type': 'array', 'items': {'type': 'string', 'minLength': 1, 'maxLength': 60}, 'uniqueItems': True}}, '$defs': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}}}, rule='additionalProperties')
    return data

def validate____defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, rule='pattern')
    return data