"""The anonymised annual report: units from case summaries and statistical records,
tables, suppression proved by linear programming, and the report's file formats.

May import: ``basics``, ``store``, ``records``.
"""
