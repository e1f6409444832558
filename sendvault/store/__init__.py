"""The vault on disk and its cryptography: files written atomically under the lock,
age encryption and the key hierarchy (vault keys per epoch, one key per case), the
team and its trust, case files, the encrypted index and its search keys, the audit
trail, destruction by crypto-shredding, the whole-vault check, and ``Vault``, the
facade every command works through.

Only ``storage.py`` (with its parts ``atomic``, ``undo``, ``shredding``, ``locking``) touches the
vault's files and only ``crypto.py`` calls age.
May import: ``basics``, ``platform``.
"""
