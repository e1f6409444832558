"""What mutation testing of provided.py found untested (docs/reliability.md, "Mutation testing"):
who gave the intake's answers kept through a withdrawal of permission to keep personal details,
and the edit that marks the fields it changes.

``edit`` needs a terminal, so its tests run sendvault in a subprocess, which mutmut does not trace:
the mutants of ``after_edit`` and ``changed`` were never given those tests. They are collected here
too, so that ``bench/mutation.py --recheck provided`` (which switches a mutant on for subprocesses
as well) runs them against each of those mutants."""

from __future__ import annotations

from conftest import SAMPLE_CASE, Env, make_case, show

PRIVATE_SCHOOL = {"child.school": {"from": "young-person", "private": True}}


def ok(env: Env, *args: str):
    r = env.cli(*args)
    assert r.exit_code == 0, r.stderr
    return r


def test_who_gave_the_answers_outlasts_the_fields_a_withdrawal_removes(env: Env):
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"from": "young-person", "fields": PRIVATE_SCHOOL}})
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert show(env, cid)["provided"] == {"from": "young-person"}
    # With no field entries to begin with.
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"from": "young-person"}})
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert show(env, cid)["provided"] == {"from": "young-person"}
    ok(env, "verify")


def test_edit_field_adds_to_who_provided_what_already_recorded(env: Env):
    cid = make_case(env, {**SAMPLE_CASE, "provided": {"fields": PRIVATE_SCHOOL}})
    r = ok(env, "edit", cid, "--from", "professional", "--field", "profile.primary_need")
    assert "unchanged" not in r.stderr
    assert show(env, cid)["provided"] == {"fields": {**PRIVATE_SCHOOL, "profile.primary_need": {"from": "professional"}}}
    # The same again changes nothing, and says so.
    r = ok(env, "edit", cid, "--from", "professional", "--field", "profile.primary_need")
    assert "unchanged; that was recorded already" in r.stderr


# Last, so that the quick tests above kill what they can first (the recheck stops at the first failure).
from test_sar import out, test_edit_from_marks_the_fields_it_changes  # noqa: E402, F401 (collected here too)
