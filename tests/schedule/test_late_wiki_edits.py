"""Wiki-checked exercises and due dates, with the real local MediaWiki: an edit
saved after the exercise's due date is recorded (the wiki is the source of truth)
and flagged late on the learner's progress, agenda and the teacher dashboard; one
saved before it is done on time."""

from datetime import date
from datetime import timedelta
from plone import api
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.reports import dashboard
from wikimooc.policy.tracking.reports import progress
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import utc_now

import pytest
import secrets
import transaction


PASSWORD = "Late-Learner-Pass-64"


@pytest.fixture
def wiki_session(functional_portal, mediawiki):
    portal = functional_portal
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    wiki_name = f"Late {secrets.token_hex(3)}"
    mediawiki.create_user(wiki_name, PASSWORD)
    with api.env.adopt_roles(["Manager"]):
        member = api.user.create(email="late@example.org", username="late", password=PASSWORD)
        member.setMemberProperties({"wiki_username": wiki_name})
        course = api.content.create(container=portal["en"], type="Course", id="dates",
                                    title="Dates", projects=("wikipedia",), organisation="WMUK")
        module = api.content.create(container=course, type="Module", id="m", title="M")
        exercise = api.content.create(
            container=module, type="Exercise", id="draft", title="Your draft", check="wiki",
            wiki_action="create_page", title_pattern="User:{username}/Draft",
        )
        session = api.content.create(
            container=course, type="CourseSession", id="now", title="Now",
            start=date.today() - timedelta(days=20), end=date.today() + timedelta(days=30),
            wiki=mediawiki.host, teachers=["teacher"],
        )
        api.content.transition(session, "open")
        enroll(session, member)
    transaction.commit()
    return {"session": session, "exercise": exercise, "wiki_name": wiki_name}


@pytest.mark.parametrize("due_in_days, late", [(-1, True), (1, False)])
def test_an_edit_after_the_due_date_is_recorded_and_flagged_late(
    wiki_session, mediawiki, due_in_days, late
):
    session, exercise = wiki_session["session"], wiki_session["exercise"]
    set_schedule(session, {"dates": {exercise.UID(): {
        "due": (date.today() + timedelta(days=due_in_days)).isoformat()}}})
    transaction.commit()
    name = wiki_session["wiki_name"]
    mediawiki.edit_as(name, PASSWORD, f"User:{name}/Draft", "My draft, with sources.")
    report = check_and_commit(session, utc_now() + timedelta(seconds=SETTLE_SECONDS + 1))
    assert report.new == 1 and report.completed == 1

    [item] = progress(session, name)["items"]
    assert item["done"] is True and item["revid"]
    assert item["late"] is late
    [work] = [entry for entry in agenda(session, name, clock()) if entry.kind == "exercise"]
    assert work.status == ("done_late" if late else "done")
    [row] = dashboard(session)["learners"]
    assert row["late_work"] == (["Your draft"] if late else [])
    assert row["missing_work"] == []
