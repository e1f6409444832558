"""Validators generated from vault-schema/ by `python -m sendvault.schema`; do not edit."""
