"""Retention at 90 days on the real MediaWiki (tests/mediawiki_fixtures.py), with
tracking's default grace of 30 days: sessions backdated so that the learners' edits
made now fall inside, or outside, their end + 30 to end + 90 days window; the
worker's run is then called with a moment past that window, reads the wiki once
per session of a program, and the report marks the 90-day figure measured."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.programs.refreshing import refresh_stale_summaries
from wikimooc.policy.programs.retention import LATE_ANNOTATION
from wikimooc.policy.programs.retention import late_retention
from wikimooc.policy.programs.retention import LateRetention
from wikimooc.policy.programs.retention import read_late_retention
from wikimooc.policy.programs.retention import read_late_retentions
from wikimooc.policy.programs.summary import summary_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation

import pytest
import requests
import secrets
import transaction


WIKI_PASSWORD = "Retention-Learner-Pass-42"
COMMONS = "commons.wikimedia.org"


@pytest.fixture
def backdated(functional_portal, mediawiki):
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    names = {key: f"{key.title()} {secrets.token_hex(3)}" for key in ("ada", "bob", "cleo")}
    for name in names.values():
        mediawiki.create_user(name, WIKI_PASSWORD)
    today = date.today()
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=functional_portal["en"], type="Course",
                                    id="retention-course", title="Retention",
                                    projects=("wikipedia",))

        def session(session_id, ended_days_ago, learners):
            end = today - timedelta(days=ended_days_ago)
            made = api.content.create(
                container=course, type="CourseSession", id=session_id, title=session_id,
                start=end - timedelta(days=30), end=end, wiki=mediawiki.host)
            add_learners(made, [names[key] for key in learners], added_by="admin")
            return made

        sessions = {
            # Window from 10 days ago to 50 days ahead: today's edits are in it.
            "inside": session("inside", 40, ("ada", "cleo")),
            # Window from 25 to 85 days ahead: today's edits are before it.
            "before": session("before", 5, ("bob",)),
            # In no program: never read.
            "alone": session("alone", 40, ("ada",)),
        }
        program = api.content.create(
            container=functional_portal["en"], type="Program", id="retention-program",
            title="Retention", sessions=[sessions["inside"].UID()])
        api.content.create(container=functional_portal["en"], type="Program", id="outer",
                           title="Outer", sessions=[sessions["before"].UID()],
                           programs=[program.UID()])
    transaction.commit()
    mediawiki.edit_as(names["ada"], WIKI_PASSWORD, f"User:{names['ada']}/Still", "Editing")
    mediawiki.edit_as(names["bob"], WIKI_PASSWORD, f"User:{names['bob']}/Early", "Too soon")
    return {"names": names, "program": program, "wiki": mediawiki, **sessions}


def test_the_ninety_day_window_is_read_once_it_has_passed(backdated):
    names, inside = backdated["names"], backdated["inside"]
    assert read_late_retentions(utc_now()) == 0  # no window has passed yet
    later = utc_now() + timedelta(days=100)
    assert read_late_retentions(later) == 2
    assert late_retention(inside).retained == {names["ada"]}
    assert late_retention(backdated["before"]).retained == frozenset()
    assert late_retention(backdated["alone"]) is None
    assert read_late_retentions(later) == 0  # read once
    refresh_stale_summaries(later)
    summary = summary_of(inside)
    assert summary.learners["retained_90"] == {names["ada"]}
    assert summary.retention_measured == {"30": True, "90": True}
    report = requests.get(backdated["program"].absolute_url() + "/@report", timeout=60,
                          headers={"Accept": "application/json"},
                          auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD)).json()
    assert report["totals"]["retained_90"] == 1
    assert report["retention_measured"]["90"] is True


def test_learners_found_are_not_asked_again_and_a_stopped_wiki_keeps_nothing(backdated):
    inside = backdated["inside"]
    reports = read_late_retention(inside, utc_now() + timedelta(days=100))
    # Ada and Cleo in one request: Ada's edit answers, Cleo has none, no page more.
    assert reports[backdated["wiki"].host].requests["usercontribs"] == 1
    transaction.abort()
    with backdated["wiki"].stopped():
        assert read_late_retentions(utc_now() + timedelta(days=100)) == 0
    assert late_retention(inside) is None


def usercontribs_requests(wiki, since):
    return sum(1 for line in wiki.logged_requests()[since:] if "list=usercontribs" in line)


def test_each_wiki_the_session_follows_is_read_a_failing_one_again(backdated,
                                                                   second_mediawiki):
    """The inside session also follows a second real wiki (mapped as Commons), where
    Cleo edits. The first run finds that wiki down: the home wiki's reading is kept,
    90-day retention is not measured yet. A reading kept before several wikis (no
    ``by_wiki``) is the home wiki's: the next run asks only the second wiki."""
    names, inside, home = backdated["names"], backdated["inside"], backdated["wiki"]
    api.portal.set_registry_record("wikimooc.wikis", {
        home.host: home.api_url, COMMONS: second_mediawiki.api_url})
    inside.other_wikis = [COMMONS]
    transaction.commit()
    for key in ("ada", "cleo"):
        second_mediawiki.create_user(names[key], WIKI_PASSWORD)
    second_mediawiki.edit_as(names["cleo"], WIKI_PASSWORD, f"User:{names['cleo']}/Late", "Yes")
    later = utc_now() + timedelta(days=100)

    with second_mediawiki.stopped():
        assert read_late_retentions(later) == 2  # inside (its home wiki) and before
    assert late_retention(inside).by_wiki == {home.host: {names["ada"]}}
    refresh_stale_summaries(later)
    assert summary_of(inside).learners["retained_90"] == {names["ada"]}
    assert summary_of(inside).retention_measured["90"] is False

    old = LateRetention.__new__(LateRetention)
    for name, value in {"start": late_retention(inside).start, "end": late_retention(inside).end,
                        "retained": frozenset({names["ada"]}),
                        "read_at": "2026-01-01T00:00:00Z"}.items():
        setattr(old, name, value)
    drop_annotation(inside, LATE_ANNOTATION)
    annotation(inside, LATE_ANNOTATION, lambda: old)
    transaction.commit()
    next_hour = later + timedelta(hours=1)
    before = len(home.logged_requests())
    assert read_late_retentions(next_hour) == 1
    assert usercontribs_requests(home, before) == 0
    assert late_retention(inside).by_wiki == {home.host: {names["ada"]}, COMMONS: {names["cleo"]}}
    refresh_stale_summaries(next_hour)
    summary = summary_of(inside)
    assert summary.learners["retained_90"] == {names["ada"], names["cleo"]}
    assert summary.parts[COMMONS].learners["retained_90"] == {names["cleo"]}
    assert summary.retention_measured["90"] is True
    assert read_late_retentions(next_hour) == 0
