"""The date of a case's latest activity: a column the index keeps, read by the caseload and retention rules.

It lives beside the index because the index computes it while a case is in hand
(a rebuild reads every case once); the caseload's rules read it from there.
"""

from __future__ import annotations

# Where a record notes that something was done on the case: each list, and the
# fields of its items that say when. A feature that records new work on a case
# adds its list here, and the last activity takes it into account.
_ACTIVITY = (
    ("notes", ("at",)),
    ("consents", ("at",)),
    ("disclosures", ("at",)),
    ("breaches", ("at",)),
    ("holds", ("at", "released_at")),
    ("policy_told", ("date",)),
    ("history", ("at",)),
    ("sar_requests", ("at",)),
)
# Handing a case on, or planning the next step, is not work with the family: a
# leaver's cases moved in one go must not look freshly worked.
_NOT_ACTIVITY = {"assigned", "follow-up-set"}


def last_activity(record: dict) -> str:
    """The date (YYYY-MM-DD, UTC) of the latest thing done on the case.

    The intake, the first contact, notes, consents, disclosures, holds, policy
    updates told, closing, reopening, edits, follow-ups done. Not assignments nor
    setting a follow-up.
    """
    if "_last_activity" in record:  # worked out when the index read the record (index.py)
        return record["_last_activity"]
    dates = [record["created"][:10], record["contact"]["date"]]
    for field, keys in _ACTIVITY:
        for item in record.get(field) or ():
            if field == "history" and item.get("event") in _NOT_ACTIVITY:
                continue
            dates += [item[k][:10] for k in keys if k in item]
    if "closed" in record:
        dates.append(record["closed"]["date"])
    return max(dates)
