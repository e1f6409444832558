"""The agent: a process of the officer's own that holds the unlocked identity in
memory for an idle time-out, so a working day asks the passphrase once.

May import: ``basics``, ``platform``, ``store`` (its cryptography).
"""
