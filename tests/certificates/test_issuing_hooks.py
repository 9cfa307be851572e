"""Certificates are looked for where completion may change: at the end of an edit
check (against the real MediaWiki) and after the certificate settings change (by
the worker)."""

from datetime import date
from datetime import timedelta
from plone import api
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.taskqueue.queue import huey
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import utc_now

import secrets
import transaction


SESSION = "/en/intro/public-session"
WIKI_PASSWORD = "Certified-Learner-Pass-42"


def test_an_edit_check_that_completes_the_session_issues_the_certificate(
    certified, mediawiki, functional_portal
):
    name = f"Certified {secrets.token_hex(3)}"
    mediawiki.create_user(name, WIKI_PASSWORD)
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    with api.env.adopt_roles(["Manager"]):
        session = api.content.create(
            container=certified["course"], type="CourseSession", id="on-the-wiki",
            title="On the wiki", start=date.today() - timedelta(days=1),
            end=date.today() + timedelta(days=30), wiki=mediawiki.host, teachers=["teacher"],
            certificate_exercises=[certified["draft"].UID()],
        )
        api.content.transition(session, "open")
        add_learners(session, [name], added_by="teacher")
    transaction.commit()
    mediawiki.edit_as(name, WIKI_PASSWORD, f"User:{name}/Draft", "My draft " + "x" * 100)
    mediawiki.edit_as(name, WIKI_PASSWORD, "Sandbox bridge", "A bridge.")

    report = check_and_commit(session, utc_now() + timedelta(seconds=SETTLE_SECONDS + 1))

    assert report.learners_completing == {name}
    transaction.begin()
    certificate = certificate_of(session, name)
    assert certificate is not None and certificate.wiki == mediawiki.host
    assert certificate.pages == (f"User:{name}/Draft", "Sandbox bridge")
    assert certificate.name == name and certificate.user_id is None  # never logged in


def test_new_settings_are_applied_by_the_worker(certified, decide, client):
    transaction.begin()
    certified["session"].certificate_exercises = []
    transaction.commit()
    decide("Ada", certified["draft"])
    assert certificate_of(certified["session"], "Ada") is None
    huey.flush()

    changed = client("teacher").patch(
        SESSION, json={"certificate_exercises": [certified["draft"].UID()]}
    )

    assert changed.status_code == 204, changed.text
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())  # as the worker, in a connection of its own
    (issued,) = client("teacher").get(SESSION + "/@certificates").json()["items"]
    assert issued["learner"]["wiki_username"] == "Ada"
    assert issued["exercises"] == ["Start your draft"]


def test_other_changes_to_the_session_queue_nothing(certified, client):
    huey.flush()
    assert client("teacher").patch(SESSION, json={"title": "Spring"}).status_code == 204
    assert huey.pending_count() == 0


def test_a_revoked_certificate_is_not_issued_again(issued, certified, decide, client):
    response = client("teacher").post(
        SESSION + "/@revoke-certificate", json={"code": issued, "reason": "Copied work"}
    )
    assert response.status_code == 200, response.text
    decide("Ada", certified["draft"])
    certificate = certificate_of(certified["session"], "Ada")
    assert certificate.code == issued and certificate.revocation.reason == "Copied work"
