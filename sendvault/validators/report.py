# Generated from vault-schema/report.schema.json by `python -m sendvault.schema`; do not edit.
SCHEMA_SHA256 = 'de8bdf2a1ef9403cbb1b6cba174038fcb5144fc4fff2a6924701cbe21af3810a'
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z][a-z_]*$': re.compile('^[a-z][a-z_]*\\Z'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault anonymised report (report --format json)', 'description': 'The annual report as JSON (R27): outside the vault, no personal data. Only published values: a hidden count is null with the symbol [c]; the true counts never leave. The same cells, one a row, are the tidy CSV (report --format csv).', 'type': 'object', 'additionalProperties': False, 'required': ['service', 'from', 'to', 'generated', 'method', 'tables', 'case_duration_days', 'cells'], 'properties': {'service': {'type': 'string', 'maxLength': 200, 'description': "The service's name, from the vault's configuration."}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'to': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'generated': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'type': 'object', 'additionalProperties': False, 'required': ['style', 'threshold', 'notes'], 'description': 'How small counts were protected.', 'properties': {'style': {'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, 'threshold': {'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, 'notes': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}}}, 'tables': {'type': 'array', 'description': 'The tables in order, each with its title and any note.', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}}, 'case_duration_days': {'type': 'object', 'additionalProperties': False, 'required': ['cases', 'hidden'], 'description': 'Days from first contact to closing of the cases closed in the period: quartiles, or hidden when fewer than the threshold closed.', 'properties': {'cases': {'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, 'hidden': {'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, 'lower_quartile': {'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, 'median': {'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, 'upper_quartile': {'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}}, 'if': {'properties': {'hidden': {'const': False}}}, 'then': {'required': ['lower_quartile', 'median', 'upper_quartile']}, 'else': {'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}}, 'cells': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'$ref': '#/$defs/name', 'description': 'The table it belongs to.'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, 'description': 'Every published number, one a cell.'}}, '$defs': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'name': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'cell': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['service', 'from', 'to', 'generated', 'method', 'tables', 'case_duration_days', 'cells']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault anonymised report (report --format json)', 'description': 'The annual report as JSON (R27): outside the vault, no personal data. Only published values: a hidden count is null with the symbol [c]; the true counts never leave. The same cells, one a row, are the tidy CSV (report --format csv).', 'type': 'object', 'additionalProperties': False, 'required': ['service', 'from', 'to', 'generated', 'method', 'tables', 'case_duration_days', 'cells'], 'properties': {'service': {'type': 'string', 'maxLength': 200, 'description': "The service's name, from the vault's configuration."}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'to': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'generated': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'type': 'object', 'additionalProperties': False, 'required': ['style', 'threshold', 'notes'], 'description': 'How small counts were protected.', 'properties': {'style': {'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, 'threshold': {'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, 'notes': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}}}, 'tables': {'type': 'array', 'description': 'The tables in order, each with its title and any note.', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}}, 'case_duration_days': {'type': 'object', 'additionalProperties': False, 'required': ['cases', 'hidden'], 'description': 'Days from first contact to closing of the cases closed in the period: quartiles, or hidden when fewer than the threshold closed.', 'properties': {'cases': {'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, 'hidden': {'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, 'lower_quartile': {'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, 'median': {'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, 'upper_quartile': {'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}}, 'if': {'properties': {'hidden': {'const': False}}}, 'then': {'required': ['lower_quartile', 'median', 'upper_quartile']}, 'else': {'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}}, 'cells': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'$ref': '#/$defs/name', 'description': 'The table it belongs to.'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, 'description': 'Every published number, one a cell.'}}, '$defs': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'name': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'cell': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}}}, rule='required')
        data_keys = set(data.keys())
        if "service" in data_keys:
            data_keys.remove("service")
            data__service = data["service"]
            if not isinstance(data__service, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".service must be string", value=data__service, name="" + (name_prefix or "data") + ".service", definition={'type': 'string', 'maxLength': 200, 'description': "The service's name, from the vault's configuration."}, rule='type')
            if isinstance(data__service, str):
                data__service_len = len(data__service)
                if data__service_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".service must be shorter than or equal to 200 characters", value=data__service, name="" + (name_prefix or "data") + ".service", definition={'type': 'string', 'maxLength': 200, 'description': "The service's name, from the vault's configuration."}, rule='maxLength')
        if "from" in data_keys:
            data_keys.remove("from")
            data__from = data["from"]
            validate____defs_date(data__from, custom_formats, (name_prefix or "data") + ".from")
        if "to" in data_keys:
            data_keys.remove("to")
            data__to = data["to"]
            validate____defs_date(data__to, custom_formats, (name_prefix or "data") + ".to")
        if "generated" in data_keys:
            data_keys.remove("generated")
            data__generated = data["generated"]
            validate____defs_date(data__generated, custom_formats, (name_prefix or "data") + ".generated")
        if "method" in data_keys:
            data_keys.remove("method")
            data__method = data["method"]
            if not isinstance(data__method, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must be object", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'type': 'object', 'additionalProperties': False, 'required': ['style', 'threshold', 'notes'], 'description': 'How small counts were protected.', 'properties': {'style': {'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, 'threshold': {'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, 'notes': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}}}, rule='type')
            data__method_is_dict = isinstance(data__method, dict)
            if data__method_is_dict:
                data__method__missing_keys = set(['style', 'threshold', 'notes']) - data__method.keys()
                if data__method__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must contain " + (str(sorted(data__method__missing_keys)) + " properties"), value=data__method, name="" + (name_prefix or "data") + ".method", definition={'type': 'object', 'additionalProperties': False, 'required': ['style', 'threshold', 'notes'], 'description': 'How small counts were protected.', 'properties': {'style': {'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, 'threshold': {'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, 'notes': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}}}, rule='required')
                data__method_keys = set(data__method.keys())
                if "style" in data__method_keys:
                    data__method_keys.remove("style")
                    data__method__style = data__method["style"]
                    if not (isinstance(data__method__style, str) and data__method__style == 'threshold' or isinstance(data__method__style, str) and data__method__style == 'ons'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.style must be one of ['threshold', 'ons']", value=data__method__style, name="" + (name_prefix or "data") + ".method.style", definition={'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, rule='enum')
                if "threshold" in data__method_keys:
                    data__method_keys.remove("threshold")
                    data__method__threshold = data__method["threshold"]
                    if not isinstance(data__method__threshold, (int)) and not (isinstance(data__method__threshold, float) and data__method__threshold.is_integer()) or isinstance(data__method__threshold, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.threshold must be integer", value=data__method__threshold, name="" + (name_prefix or "data") + ".method.threshold", definition={'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, rule='type')
                    if isinstance(data__method__threshold, (int, float, Decimal)) and not isinstance(data__method__threshold, bool):
                        if data__method__threshold < 2:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.threshold must be bigger than or equal to 2", value=data__method__threshold, name="" + (name_prefix or "data") + ".method.threshold", definition={'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, rule='minimum')
                        if data__method__threshold > 100:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.threshold must be smaller than or equal to 100", value=data__method__threshold, name="" + (name_prefix or "data") + ".method.threshold", definition={'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, rule='maximum')
                if "notes" in data__method_keys:
                    data__method_keys.remove("notes")
                    data__method__notes = data__method["notes"]
                    if not isinstance(data__method__notes, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.notes must be array", value=data__method__notes, name="" + (name_prefix or "data") + ".method.notes", definition={'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}, rule='type')
                    data__method__notes_is_list = isinstance(data__method__notes, (list, tuple))
                    if data__method__notes_is_list:
                        data__method__notes_len = len(data__method__notes)
                        for data__method__notes_x, data__method__notes_item in enumerate(data__method__notes):
                            if not isinstance(data__method__notes_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.notes[{data__method__notes_x}]".format(**locals()) + " must be string", value=data__method__notes_item, name="" + (name_prefix or "data") + ".method.notes[{data__method__notes_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                            if isinstance(data__method__notes_item, str):
                                data__method__notes_item_len = len(data__method__notes_item)
                                if data__method__notes_item_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".method.notes[{data__method__notes_x}]".format(**locals()) + " must be longer than or equal to 1 characters", value=data__method__notes_item, name="" + (name_prefix or "data") + ".method.notes[{data__method__notes_x}]".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                if data__method_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".method must not contain "+str(data__method_keys)+" properties", value=data__method, name="" + (name_prefix or "data") + ".method", definition={'type': 'object', 'additionalProperties': False, 'required': ['style', 'threshold', 'notes'], 'description': 'How small counts were protected.', 'properties': {'style': {'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, 'threshold': {'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, 'notes': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}}}, rule='additionalProperties')
        if "tables" in data_keys:
            data_keys.remove("tables")
            data__tables = data["tables"]
            if not isinstance(data__tables, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables must be array", value=data__tables, name="" + (name_prefix or "data") + ".tables", definition={'type': 'array', 'description': 'The tables in order, each with its title and any note.', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}}, rule='type')
            data__tables_is_list = isinstance(data__tables, (list, tuple))
            if data__tables_is_list:
                data__tables_len = len(data__tables)
                for data__tables_x, data__tables_item in enumerate(data__tables):
                    if not isinstance(data__tables_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables[{data__tables_x}]".format(**locals()) + " must be object", value=data__tables_item, name="" + (name_prefix or "data") + ".tables[{data__tables_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}, rule='type')
                    data__tables_item_is_dict = isinstance(data__tables_item, dict)
                    if data__tables_item_is_dict:
                        data__tables_item__missing_keys = set(['table', 'title', 'note']) - data__tables_item.keys()
                        if data__tables_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables[{data__tables_x}]".format(**locals()) + " must contain " + (str(sorted(data__tables_item__missing_keys)) + " properties"), value=data__tables_item, name="" + (name_prefix or "data") + ".tables[{data__tables_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}, rule='required')
                        data__tables_item_keys = set(data__tables_item.keys())
                        if "table" in data__tables_item_keys:
                            data__tables_item_keys.remove("table")
                            data__tables_item__table = data__tables_item["table"]
                            validate____defs_name(data__tables_item__table, custom_formats, (name_prefix or "data") + ".tables[{data__tables_x}].table".format(**locals()))
                        if "title" in data__tables_item_keys:
                            data__tables_item_keys.remove("title")
                            data__tables_item__title = data__tables_item["title"]
                            if not isinstance(data__tables_item__title, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables[{data__tables_x}].title".format(**locals()) + " must be string", value=data__tables_item__title, name="" + (name_prefix or "data") + ".tables[{data__tables_x}].title".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, rule='type')
                            if isinstance(data__tables_item__title, str):
                                data__tables_item__title_len = len(data__tables_item__title)
                                if data__tables_item__title_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables[{data__tables_x}].title".format(**locals()) + " must be longer than or equal to 1 characters", value=data__tables_item__title, name="" + (name_prefix or "data") + ".tables[{data__tables_x}].title".format(**locals()) + "", definition={'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, rule='minLength')
                        if "note" in data__tables_item_keys:
                            data__tables_item_keys.remove("note")
                            data__tables_item__note = data__tables_item["note"]
                            if not isinstance(data__tables_item__note, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables[{data__tables_x}].note".format(**locals()) + " must be string", value=data__tables_item__note, name="" + (name_prefix or "data") + ".tables[{data__tables_x}].note".format(**locals()) + "", definition={'type': 'string', 'description': 'A note on reading it, or empty.'}, rule='type')
                        if data__tables_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".tables[{data__tables_x}]".format(**locals()) + " must not contain "+str(data__tables_item_keys)+" properties", value=data__tables_item, name="" + (name_prefix or "data") + ".tables[{data__tables_x}]".format(**locals()) + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}, rule='additionalProperties')
        if "case_duration_days" in data_keys:
            data_keys.remove("case_duration_days")
            data__casedurationdays = data["case_duration_days"]
            if not isinstance(data__casedurationdays, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must be object", value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'type': 'object', 'additionalProperties': False, 'required': ['cases', 'hidden'], 'description': 'Days from first contact to closing of the cases closed in the period: quartiles, or hidden when fewer than the threshold closed.', 'properties': {'cases': {'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, 'hidden': {'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, 'lower_quartile': {'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, 'median': {'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, 'upper_quartile': {'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}}, 'if': {'properties': {'hidden': {'const': False}}}, 'then': {'required': ['lower_quartile', 'median', 'upper_quartile']}, 'else': {'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}}, rule='type')
            data__casedurationdays_is_dict = isinstance(data__casedurationdays, dict)
            if data__casedurationdays_is_dict:
                data__casedurationdays__missing_keys = set(['cases', 'hidden']) - data__casedurationdays.keys()
                if data__casedurationdays__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must contain " + (str(sorted(data__casedurationdays__missing_keys)) + " properties"), value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'type': 'object', 'additionalProperties': False, 'required': ['cases', 'hidden'], 'description': 'Days from first contact to closing of the cases closed in the period: quartiles, or hidden when fewer than the threshold closed.', 'properties': {'cases': {'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, 'hidden': {'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, 'lower_quartile': {'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, 'median': {'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, 'upper_quartile': {'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}}, 'if': {'properties': {'hidden': {'const': False}}}, 'then': {'required': ['lower_quartile', 'median', 'upper_quartile']}, 'else': {'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}}, rule='required')
                data__casedurationdays_keys = set(data__casedurationdays.keys())
                if "cases" in data__casedurationdays_keys:
                    data__casedurationdays_keys.remove("cases")
                    data__casedurationdays__cases = data__casedurationdays["cases"]
                    if not isinstance(data__casedurationdays__cases, (int)) and not (isinstance(data__casedurationdays__cases, float) and data__casedurationdays__cases.is_integer()) or isinstance(data__casedurationdays__cases, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.cases must be integer", value=data__casedurationdays__cases, name="" + (name_prefix or "data") + ".case_duration_days.cases", definition={'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, rule='type')
                    if isinstance(data__casedurationdays__cases, (int, float, Decimal)) and not isinstance(data__casedurationdays__cases, bool):
                        if data__casedurationdays__cases < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.cases must be bigger than or equal to 0", value=data__casedurationdays__cases, name="" + (name_prefix or "data") + ".case_duration_days.cases", definition={'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, rule='minimum')
                if "hidden" in data__casedurationdays_keys:
                    data__casedurationdays_keys.remove("hidden")
                    data__casedurationdays__hidden = data__casedurationdays["hidden"]
                    if not isinstance(data__casedurationdays__hidden, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.hidden must be boolean", value=data__casedurationdays__hidden, name="" + (name_prefix or "data") + ".case_duration_days.hidden", definition={'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, rule='type')
                if "lower_quartile" in data__casedurationdays_keys:
                    data__casedurationdays_keys.remove("lower_quartile")
                    data__casedurationdays__lowerquartile = data__casedurationdays["lower_quartile"]
                    if not isinstance(data__casedurationdays__lowerquartile, (int)) and not (isinstance(data__casedurationdays__lowerquartile, float) and data__casedurationdays__lowerquartile.is_integer()) or isinstance(data__casedurationdays__lowerquartile, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.lower_quartile must be integer", value=data__casedurationdays__lowerquartile, name="" + (name_prefix or "data") + ".case_duration_days.lower_quartile", definition={'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, rule='type')
                    if isinstance(data__casedurationdays__lowerquartile, (int, float, Decimal)) and not isinstance(data__casedurationdays__lowerquartile, bool):
                        if data__casedurationdays__lowerquartile < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.lower_quartile must be bigger than or equal to 0", value=data__casedurationdays__lowerquartile, name="" + (name_prefix or "data") + ".case_duration_days.lower_quartile", definition={'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, rule='minimum')
                if "median" in data__casedurationdays_keys:
                    data__casedurationdays_keys.remove("median")
                    data__casedurationdays__median = data__casedurationdays["median"]
                    if not isinstance(data__casedurationdays__median, (int)) and not (isinstance(data__casedurationdays__median, float) and data__casedurationdays__median.is_integer()) or isinstance(data__casedurationdays__median, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.median must be integer", value=data__casedurationdays__median, name="" + (name_prefix or "data") + ".case_duration_days.median", definition={'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, rule='type')
                    if isinstance(data__casedurationdays__median, (int, float, Decimal)) and not isinstance(data__casedurationdays__median, bool):
                        if data__casedurationdays__median < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.median must be bigger than or equal to 0", value=data__casedurationdays__median, name="" + (name_prefix or "data") + ".case_duration_days.median", definition={'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, rule='minimum')
                if "upper_quartile" in data__casedurationdays_keys:
                    data__casedurationdays_keys.remove("upper_quartile")
                    data__casedurationdays__upperquartile = data__casedurationdays["upper_quartile"]
                    if not isinstance(data__casedurationdays__upperquartile, (int)) and not (isinstance(data__casedurationdays__upperquartile, float) and data__casedurationdays__upperquartile.is_integer()) or isinstance(data__casedurationdays__upperquartile, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.upper_quartile must be integer", value=data__casedurationdays__upperquartile, name="" + (name_prefix or "data") + ".case_duration_days.upper_quartile", definition={'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}, rule='type')
                    if isinstance(data__casedurationdays__upperquartile, (int, float, Decimal)) and not isinstance(data__casedurationdays__upperquartile, bool):
                        if data__casedurationdays__upperquartile < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.upper_quartile must be bigger than or equal to 0", value=data__casedurationdays__upperquartile, name="" + (name_prefix or "data") + ".case_duration_days.upper_quartile", definition={'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}, rule='minimum')
                if data__casedurationdays_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must not contain "+str(data__casedurationdays_keys)+" properties", value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'type': 'object', 'additionalProperties': False, 'required': ['cases', 'hidden'], 'description': 'Days from first contact to closing of the cases closed in the period: quartiles, or hidden when fewer than the threshold closed.', 'properties': {'cases': {'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, 'hidden': {'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, 'lower_quartile': {'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, 'median': {'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, 'upper_quartile': {'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}}, 'if': {'properties': {'hidden': {'const': False}}}, 'then': {'required': ['lower_quartile', 'median', 'upper_quartile']}, 'else': {'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}}, rule='additionalProperties')
            try:
                data__casedurationdays_is_dict = isinstance(data__casedurationdays, dict)
                if data__casedurationdays_is_dict:
                    data__casedurationdays_keys = set(data__casedurationdays.keys())
                    if "hidden" in data__casedurationdays_keys:
                        data__casedurationdays_keys.remove("hidden")
                        data__casedurationdays__hidden = data__casedurationdays["hidden"]
                        if not (isinstance(data__casedurationdays__hidden, bool) and data__casedurationdays__hidden is False):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days.hidden must be same as const definition: False", value=data__casedurationdays__hidden, name="" + (name_prefix or "data") + ".case_duration_days.hidden", definition={'const': False}, rule='const')
            except (JsonSchemaValueException, JsonSchemaValuesException):
                try:
                    data__casedurationdays_any_of_count1 = 0
                    if not data__casedurationdays_any_of_count1:
                        try:
                            data__casedurationdays_is_dict = isinstance(data__casedurationdays, dict)
                            if data__casedurationdays_is_dict:
                                data__casedurationdays__missing_keys = set(['lower_quartile']) - data__casedurationdays.keys()
                                if data__casedurationdays__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must contain " + (str(sorted(data__casedurationdays__missing_keys)) + " properties"), value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'required': ['lower_quartile']}, rule='required')
                            data__casedurationdays_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__casedurationdays_any_of_count1:
                        try:
                            data__casedurationdays_is_dict = isinstance(data__casedurationdays, dict)
                            if data__casedurationdays_is_dict:
                                data__casedurationdays__missing_keys = set(['median']) - data__casedurationdays.keys()
                                if data__casedurationdays__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must contain " + (str(sorted(data__casedurationdays__missing_keys)) + " properties"), value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'required': ['median']}, rule='required')
                            data__casedurationdays_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__casedurationdays_any_of_count1:
                        try:
                            data__casedurationdays_is_dict = isinstance(data__casedurationdays, dict)
                            if data__casedurationdays_is_dict:
                                data__casedurationdays__missing_keys = set(['upper_quartile']) - data__casedurationdays.keys()
                                if data__casedurationdays__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must contain " + (str(sorted(data__casedurationdays__missing_keys)) + " properties"), value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'required': ['upper_quartile']}, rule='required')
                            data__casedurationdays_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__casedurationdays_any_of_count1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days cannot be validated by any definition", value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}, rule='anyOf')
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                else:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must NOT match a disallowed definition", value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}, rule='not')
            else:
                data__casedurationdays_is_dict = isinstance(data__casedurationdays, dict)
                if data__casedurationdays_is_dict:
                    data__casedurationdays__missing_keys = set(['lower_quartile', 'median', 'upper_quartile']) - data__casedurationdays.keys()
                    if data__casedurationdays__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".case_duration_days must contain " + (str(sorted(data__casedurationdays__missing_keys)) + " properties"), value=data__casedurationdays, name="" + (name_prefix or "data") + ".case_duration_days", definition={'required': ['lower_quartile', 'median', 'upper_quartile']}, rule='required')
        if "cells" in data_keys:
            data_keys.remove("cells")
            data__cells = data["cells"]
            if not isinstance(data__cells, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".cells must be array", value=data__cells, name="" + (name_prefix or "data") + ".cells", definition={'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'$ref': '#/$defs/name', 'description': 'The table it belongs to.'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, 'description': 'Every published number, one a cell.'}, rule='type')
            data__cells_is_list = isinstance(data__cells, (list, tuple))
            if data__cells_is_list:
                data__cells_len = len(data__cells)
                for data__cells_x, data__cells_item in enumerate(data__cells):
                    validate____defs_cell(data__cells_item, custom_formats, (name_prefix or "data") + ".cells[{data__cells_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'sendvault anonymised report (report --format json)', 'description': 'The annual report as JSON (R27): outside the vault, no personal data. Only published values: a hidden count is null with the symbol [c]; the true counts never leave. The same cells, one a row, are the tidy CSV (report --format csv).', 'type': 'object', 'additionalProperties': False, 'required': ['service', 'from', 'to', 'generated', 'method', 'tables', 'case_duration_days', 'cells'], 'properties': {'service': {'type': 'string', 'maxLength': 200, 'description': "The service's name, from the vault's configuration."}, 'from': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'to': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'generated': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'method': {'type': 'object', 'additionalProperties': False, 'required': ['style', 'threshold', 'notes'], 'description': 'How small counts were protected.', 'properties': {'style': {'enum': ['threshold', 'ons'], 'description': 'threshold: counts from 1 to threshold - 1 hidden; ons: below 10 hidden and the rest rounded to the nearest 5.'}, 'threshold': {'type': 'integer', 'minimum': 2, 'maximum': 100, 'description': 'The smallest count shown.'}, 'notes': {'type': 'array', 'items': {'type': 'string', 'minLength': 1}, 'description': 'The method note and the meaning of [c], in words.'}}}, 'tables': {'type': 'array', 'description': 'The tables in order, each with its title and any note.', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'title', 'note'], 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'title': {'type': 'string', 'minLength': 1, 'description': "The table's title in words."}, 'note': {'type': 'string', 'description': 'A note on reading it, or empty.'}}}}, 'case_duration_days': {'type': 'object', 'additionalProperties': False, 'required': ['cases', 'hidden'], 'description': 'Days from first contact to closing of the cases closed in the period: quartiles, or hidden when fewer than the threshold closed.', 'properties': {'cases': {'type': 'integer', 'minimum': 0, 'description': 'How many cases closed in the period.'}, 'hidden': {'type': 'boolean', 'description': 'True when too few closed to show the quartiles.'}, 'lower_quartile': {'type': 'integer', 'minimum': 0, 'description': 'A quarter of cases closed within this many days.'}, 'median': {'type': 'integer', 'minimum': 0, 'description': 'Half of cases closed within this many days.'}, 'upper_quartile': {'type': 'integer', 'minimum': 0, 'description': 'Three quarters of cases closed within this many days.'}}, 'if': {'properties': {'hidden': {'const': False}}}, 'then': {'required': ['lower_quartile', 'median', 'upper_quartile']}, 'else': {'not': {'anyOf': [{'required': ['lower_quartile']}, {'required': ['median']}, {'required': ['upper_quartile']}]}}}, 'cells': {'type': 'array', 'items': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'$ref': '#/$defs/name', 'description': 'The table it belongs to.'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, 'description': 'Every published number, one a cell.'}}, '$defs': {'date': {'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, 'name': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'cell': {'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}}}, rule='additionalProperties')
    return data

def validate____defs_cell(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "symbol" in data_keys:
                data_keys.remove("symbol")
                data__symbol = data["symbol"]
                if not (isinstance(data__symbol, str) and data__symbol == '[c]'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".symbol must be same as const definition: [c]", value=data__symbol, name="" + (name_prefix or "data") + ".symbol", definition={'const': '[c]'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "count" in data_keys:
                data_keys.remove("count")
                data__count = data["count"]
                if not isinstance(data__count, (int)) and not (isinstance(data__count, float) and data__count.is_integer()) or isinstance(data__count, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".count must be integer", value=data__count, name="" + (name_prefix or "data") + ".count", definition={'type': 'integer'}, rule='type')
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "count" in data_keys:
                data_keys.remove("count")
                data__count = data["count"]
                if not isinstance(data__count, (NoneType)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".count must be null", value=data__count, name="" + (name_prefix or "data") + ".count", definition={'type': 'null'}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "column_variable" in data_keys:
                data_keys.remove("column_variable")
                data__columnvariable = data["column_variable"]
                if not (isinstance(data__columnvariable, str) and data__columnvariable == ''):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".column_variable must be same as const definition: ", value=data__columnvariable, name="" + (name_prefix or "data") + ".column_variable", definition={'const': ''}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "column" in data_keys:
                data_keys.remove("column")
                data__column = data["column"]
                if not (isinstance(data__column, str) and data__column == ''):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".column must be same as const definition: ", value=data__column, name="" + (name_prefix or "data") + ".column", definition={'const': ''}, rule='const')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, rule='required')
        data_keys = set(data.keys())
        if "table" in data_keys:
            data_keys.remove("table")
            data__table = data["table"]
            validate____defs_name(data__table, custom_formats, (name_prefix or "data") + ".table")
        if "row_variable" in data_keys:
            data_keys.remove("row_variable")
            data__rowvariable = data["row_variable"]
            if not isinstance(data__rowvariable, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".row_variable must be string", value=data__rowvariable, name="" + (name_prefix or "data") + ".row_variable", definition={'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, rule='type')
            if isinstance(data__rowvariable, str):
                data__rowvariable_len = len(data__rowvariable)
                if data__rowvariable_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".row_variable must be longer than or equal to 1 characters", value=data__rowvariable, name="" + (name_prefix or "data") + ".row_variable", definition={'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, rule='minLength')
        if "row" in data_keys:
            data_keys.remove("row")
            data__row = data["row"]
            if not isinstance(data__row, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".row must be string", value=data__row, name="" + (name_prefix or "data") + ".row", definition={'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, rule='type')
            if isinstance(data__row, str):
                data__row_len = len(data__row)
                if data__row_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".row must be longer than or equal to 1 characters", value=data__row, name="" + (name_prefix or "data") + ".row", definition={'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, rule='minLength')
        if "column_variable" in data_keys:
            data_keys.remove("column_variable")
            data__columnvariable = data["column_variable"]
            if not isinstance(data__columnvariable, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".column_variable must be string", value=data__columnvariable, name="" + (name_prefix or "data") + ".column_variable", definition={'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, rule='type')
        if "column" in data_keys:
            data_keys.remove("column")
            data__column = data["column"]
            if not isinstance(data__column, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".column must be string", value=data__column, name="" + (name_prefix or "data") + ".column", definition={'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, rule='type')
        if "count" in data_keys:
            data_keys.remove("count")
            data__count = data["count"]
            if not isinstance(data__count, (int, NoneType)) and not (isinstance(data__count, float) and data__count.is_integer()) or isinstance(data__count, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".count must be integer or null", value=data__count, name="" + (name_prefix or "data") + ".count", definition={'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, rule='type')
            if isinstance(data__count, (int, float, Decimal)) and not isinstance(data__count, bool):
                if data__count < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".count must be bigger than or equal to 0", value=data__count, name="" + (name_prefix or "data") + ".count", definition={'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, rule='minimum')
        if "symbol" in data_keys:
            data_keys.remove("symbol")
            data__symbol = data["symbol"]
            if not (isinstance(data__symbol, str) and data__symbol == '' or isinstance(data__symbol, str) and data__symbol == '[c]'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".symbol must be one of ['', '[c]']", value=data__symbol, name="" + (name_prefix or "data") + ".symbol", definition={'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}, rule='enum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'additionalProperties': False, 'required': ['table', 'row_variable', 'row', 'column_variable', 'column', 'count', 'symbol'], 'description': "One published number. Margins and grand totals have 'Total' as their row or column; a one-way table's cells have empty column fields.", 'properties': {'table': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'row_variable': {'type': 'string', 'minLength': 1, 'description': 'What the rows count by (e.g. primary_need).'}, 'row': {'type': 'string', 'minLength': 1, 'description': "The row, in words (e.g. 'ASD: Autistic Spectrum Disorder', 'Total')."}, 'column_variable': {'type': 'string', 'description': 'What the columns count by; empty in a one-way table.'}, 'column': {'type': 'string', 'description': 'The column, in words; empty in a one-way table.'}, 'count': {'type': ['integer', 'null'], 'minimum': 0, 'description': 'The count; null when hidden.'}, 'symbol': {'enum': ['', '[c]'], 'description': '[c]: confidential, the count is hidden; empty when shown.'}}, 'allOf': [{'if': {'properties': {'symbol': {'const': '[c]'}}}, 'then': {'properties': {'count': {'type': 'null'}}}, 'else': {'properties': {'count': {'type': 'integer'}}}}, {'if': {'properties': {'column_variable': {'const': ''}}}, 'then': {'properties': {'column': {'const': ''}}}}]}, rule='additionalProperties')
    return data

def validate____defs_name(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z][a-z_]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z][a-z_]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, rule='pattern')
    return data

def validate____defs_date(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'}, rule='pattern')
    return data