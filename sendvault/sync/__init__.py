"""Sharing one vault between a team's machines through git: commit, fetch, merge, push,
case keys on a history-less channel, destructions applied on every copy, and the
server's set-up. Every git command is made by one function, with none of the
officer's own git settings but those that reach the server.

Modules: ``exchange`` (sync, clone, attach), ``git`` (every git call: ``git_call``),
``casekeys`` (the key channel), ``merging`` (what git cannot merge), ``server``
(``serve-init``).

May import: ``basics``, ``platform``, ``store``, ``records``.
"""
