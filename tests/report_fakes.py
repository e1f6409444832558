"""Generated report units (what ``units.unit`` makes of a case), for the audit and the report tests."""

from __future__ import annotations

import datetime as dt
import random

from sendvault.records import categories, codes
from sendvault.statistics import units as report_units

_CHOICES = {
    "route": ["self", "professional", "other", None],
    "channel": list(codes.DESCRIPTIONS["contact.channel"]),
    "caller": list(codes.DESCRIPTIONS["contact.caller"]),
    "age_band": list(codes.DESCRIPTIONS["profile.age_band"]),
    "school_phase": list(codes.DESCRIPTIONS["profile.school_phase"]),
    "sen_stage": list(codes.DESCRIPTIONS["profile.sen_stage"]),
    "primary_need": list(codes.NEEDS),
    "ethnicity": list(codes.ETHNICITIES),
    "locality": ["North", "South", "East", "West"],
    "support_level": ["information", "advice", "casework"],
    "outcome": list(categories.defaults("outcome")),
}


def _skewed(rng: random.Random, values: list):
    """A few common values and a long tail of rare ones, as real caseloads have."""
    weights = [1 / (i + 1) ** 1.3 for i in range(len(values))]
    return rng.choices(values, weights)[0]


def units(n: int, seed: int, year: int = 2025) -> list[report_units.Unit]:
    rng = random.Random(seed)
    sar_rng = random.Random(seed + 10_000)  # its own draws: the other fields stay as they were
    people_rng = random.Random(seed + 20_000)
    out = []
    for _ in range(n):
        opened = dt.date(year - 1, 1, 1) + dt.timedelta(days=rng.randrange(0, 800))
        ethnicity = _skewed(rng, _CHOICES["ethnicity"]) if rng.random() > 0.05 else None
        kind = rng.choices(["case", "anonymous", "general-enquiry"], [8, 1, 1])[0]
        u = {
            "opened": opened.isoformat() if rng.random() > 0.1 else opened.isoformat()[:7],
            "closed": None, "outcome": None, "record": kind,
            **{k: _skewed(rng, _CHOICES[k]) for k in ("route", "channel", "caller", "age_band", "school_phase",
                                                     "sen_stage", "primary_need", "locality", "support_level")},
            "ethnicity": ethnicity, "ethnic_group": report_units.ethnic_group(ethnicity),
            # What ``units.unit`` keeps of a free answer: that there is one, never its words (the draw of the
            # words kept, so every other field is drawn as before).
            "heard_about": _skewed(rng, range(5)) is not None and report_units.OTHER_ANSWERS if rng.random() > 0.3 else None,
            "issues": tuple(sorted(set(rng.sample(list(categories.defaults("issues")), rng.randrange(0, 3))))),
            "consent_dates": [opened.isoformat()] * rng.randrange(0, 3),
            "share_dates": [opened.isoformat()] * (rng.random() < 0.2),
            "breaches": [(opened.isoformat(), rng.choice(list(codes.DESCRIPTIONS["breaches.reason"])))] * (rng.random() < 0.05),
        }
        if rng.random() < 0.6:
            closed = opened + dt.timedelta(days=rng.randrange(0, 300))
            u["closed"], u["outcome"] = closed.isoformat(), _skewed(rng, _CHOICES["outcome"])
        # A family comes back now and then: one in six contacts is someone already seen.
        family = people_rng.randrange(max(1, n * 5 // 6))
        u["people"] = (("parents", f"p{family}" if people_rng.random() > 0.1 else None), ("children", f"c{family}"))
        if u["caller"] == "professional":
            u["people"] += (("professionals", f"x{people_rng.randrange(max(1, n // 8))}"),)
        u["sar"] = []
        if sar_rng.random() < 0.04:  # a subject-access request: answered in 10 to 40 days, or still open
            received = opened + dt.timedelta(days=sar_rng.randrange(0, 200))
            done = received + dt.timedelta(days=sar_rng.randrange(10, 41)) if sar_rng.random() < 0.9 else None
            u["sar"] = [(received.isoformat(), done and done.isoformat(), (received + dt.timedelta(days=30)).isoformat())]
        out.append(report_units.Unit(**u))
    return out
