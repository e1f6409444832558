"""What every layer uses and that knows nothing of a vault: the error family and its exit
codes, case ids, instants and dates, the JSON Schemas, and the fold of text as a reader sees it.

May import: nothing of sendvault (the standard library and the schema validator only).
"""
