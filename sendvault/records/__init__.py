"""Case records and the service's rules for them: intake and its file format, the
coded lists, who provided what, consent as a history, notes and case work, the
caseload, retention rules and the purge, editing in RAM, and how one case changed on
two machines merges.

May import: ``basics``, ``platform``, ``store``.
"""
