"""Teachers read moments in their language and their browser's time zone: the
dashboard's and the learners page's dates, never ISO timestamps."""

from browser_checks import DESKTOP
from datetime import date
from playwright.sync_api import expect
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import re
import transaction


ISO_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


@pytest.fixture
def french_session(site):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=site["portal"]["fr"], type="Course", id="cours",
                                    title="Cours", projects=("wikipedia",), organisation="WMFr")
        session = api.content.create(
            container=course, type="CourseSession", id="printemps", title="Printemps",
            start=date.today(), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
            teachers=["teacher"],
        )
    add_learners(session, ["Bob"], added_by="teacher")
    tracking = tracking_of(session)
    tracking.record(Contribution(
        revid=7, parentid=0, username="Bob", namespace=0, title="Brouillon",
        timestamp="2026-11-20T09:30:00Z", size=36, sizediff=36, new=True, comment="",
    ))
    tracking.last_checked = "2026-11-20T09:31:00Z"
    transaction.commit()
    return session


def test_a_teacher_in_paris_reads_paris_time_in_french(
    french_session, chromium, functional_portal, log_in, screenshot
):
    context = chromium.new_context(
        viewport=DESKTOP, base_url=functional_portal.absolute_url() + "/", locale="fr-FR",
        timezone_id="Europe/Paris",
    )
    try:
        page = context.new_page()
        log_in(page, "teacher", "secret-pw-123", language="fr")
        page.goto("fr/cours/printemps/@@dashboard")
        checks = page.locator(".wikimooc-check-times")
        expect(checks).to_contain_text("Dernière vérification : 20 novembre 2026 à 10:31")
        expect(page.locator(".wikimooc-recent-edits")).to_contain_text("20 novembre 2026 à 10:30")
        expect(page.locator("#content")).not_to_contain_text(ISO_TIMESTAMP)
        screenshot(page, "teacher-dashboard-paris-time")
        page.goto("fr/cours/printemps/@@learners")
        enrolled = page.locator(".wikimooc-learners time").first
        expect(enrolled).to_contain_text(" 2026 à ")
        expect(page.locator("#content")).not_to_contain_text(ISO_TIMESTAMP)
    finally:
        context.close()
