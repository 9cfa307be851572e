"""End to end on the real MediaWiki (tests/mediawiki_fixtures.py): learners edit the
wiki, the session's edit check reads their contributions, the worker's refresh
makes the summary, and the program's report over REST counts those edits."""

from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.programs.refreshing import refresh_stale_summaries
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import utc_now

import requests
import secrets
import transaction


WIKI_PASSWORD = "Program-Learner-Pass-42"


def test_a_program_counts_real_edits(functional_portal, mediawiki):
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    ada, bob = (f"{prefix} {secrets.token_hex(3)}" for prefix in ("Ada", "Bob"))
    for name in (ada, bob):
        mediawiki.create_user(name, WIKI_PASSWORD)
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=functional_portal["en"], type="Course",
                                    id="wiki-course", title="On the wiki",
                                    projects=("wikipedia",))
        session = api.content.create(
            container=course, type="CourseSession", id="s", title="Real edits",
            start=date.today() - timedelta(days=1), end=date.today() + timedelta(days=30),
            wiki=mediawiki.host)
        add_learners(session, [ada, bob], added_by="admin")
        program = api.content.create(container=functional_portal["en"], type="Program",
                                     id="year", title="Year", sessions=[session.UID()])
    transaction.commit()
    page = f"Program page {secrets.token_hex(3)}"
    mediawiki.edit_as(ada, WIKI_PASSWORD, page, "x" * 120)  # a page created: 120 bytes
    mediawiki.edit_as(ada, WIKI_PASSWORD, page, "x" * 100)  # 20 bytes taken away
    mediawiki.edit_as(bob, WIKI_PASSWORD, f"User:{bob}/Draft", "Hello")  # created: 5 bytes
    now = utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)
    assert check_and_commit(session, now).new == 3
    refresh_stale_summaries(now)
    answer = requests.get(program.absolute_url() + "/@report", timeout=60,
                          headers={"Accept": "application/json"},
                          auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    report = answer.json()
    totals = report["totals"]
    assert (totals["enrolled"], totals["editing"], totals["edits"]) == (2, 2, 3)
    assert (totals["pages_created"], totals["pages_edited"], totals["bytes_added"]) == (2, 2, 125)
    assert report["wikis"][0]["wiki"] == mediawiki.host
    this_week = date.today() - timedelta(days=date.today().weekday())
    assert report["weeks"] == [{"week": this_week.isoformat(), "edits": 3}]
