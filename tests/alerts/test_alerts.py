"""Alerts against a real MediaWiki (Debian's package on loopback): learners' pages
nominated with a French-named deletion category, deleted and moved, an edit rolled
back, a learner blocked and one renamed, each found once by the worker; then what
the team sees of them (REST, the Pages view, the daily digest mail, in French) and
dismissing them."""

from html_pages import authenticator
from plone import api
from wikimooc.policy.alerts.cycles import run_due_watches
from wikimooc.policy.alerts.cycles import watch_and_commit
from wikimooc.policy.alerts.digest import send_digests
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.unsubscribe import unsubscribe_url

import pytest
import requests
import transaction


def kinds_and_subjects(session):
    return sorted((alert.kind, alert.username, alert.title, alert.detail)
                  for alert in alerts_of(session).alerts.values())


def test_each_alert_is_raised_once_with_what_it_is_about(french_session, troubled, later):
    report = watch_and_commit(french_session, later())
    trouble = troubled
    assert kinds_and_subjects(french_session) == sorted([
        ("blocked", trouble.bob, "", "vandalisme"),
        ("deleted", trouble.ada, trouble.deleted, ""),
        ("moved", trouble.ada, trouble.moved, trouble.moved_to),
        ("nominated", trouble.ada, trouble.nominated,
         "Category:Page proposée à la suppression"),
        ("renamed", trouble.cyd, "", ""),
        ("reverted", trouble.bob, trouble.shared, ""),
    ])
    assert len(report.raised) == 6
    reverted = next(alert for alert in alerts_of(french_session).alerts.values()
                    if alert.kind == "reverted")
    assert reverted.revid == trouble.reverted_revid
    # The exercise that edit completed stays done, flagged for the teacher.
    exercise_uid = french_session.__parent__["m"]["long"].UID()
    assert reverted.exercises == (exercise_uid,)
    assert tracking_of(french_session).progress[(trouble.bob, exercise_uid)].done
    # A second cycle, and a worker retrying, find everything known.
    assert watch_and_commit(french_session, later()).raised == []
    assert len(alerts_of(french_session).alerts) == 6
    # Requests: users|blocks, reverted edits, the pages (one batch each), the siteinfo
    # the first cycle of the process may need, and a log look per gone or moved page.
    assert report.requests["users"] == report.requests["reverted"] == 1
    assert report.requests["pages"] == 1
    assert report.requests["logevents"] == 2


def test_the_worker_claims_each_session_once_a_quarter(french_session, troubled, later):
    first = run_due_watches(later())
    assert [len(report.raised) for report in first] == [6]
    assert run_due_watches(later()) == []


def test_rest_lists_pages_and_alerts_and_dismisses_with_a_note(
    french_session, troubled, later, teacher
):
    watch_and_commit(french_session, later())
    url = french_session.absolute_url() + "/@alerts"
    client = teacher()
    client.headers["Accept"] = "application/json"
    listed = client.get(url).json()
    assert {item["kind"] for item in listed["items"]} == {
        "blocked", "deleted", "moved", "nominated", "renamed", "reverted"}
    states = {page["title"]: page["state"] for page in listed["pages"]}
    assert states == {troubled.nominated: "nominated", troubled.deleted: "deleted",
                      troubled.moved: "moved", troubled.shared: "live"}
    reverted = next(item for item in listed["items"] if item["kind"] == "reverted")
    assert reverted["exercises"] == [{"uid": french_session.__parent__["m"]["long"].UID(),
                                      "title": "Long ajout"}]

    answer = client.post(url, json={"alert": reverted["key"], "note": "Annulation justifiée"})
    assert answer.status_code == 200
    assert answer.json()["dismissed_by"] == "enseignante"
    assert answer.json()["note"] == "Annulation justifiée"
    again = client.post(url, json={"alert": reverted["key"], "note": "encore"})
    assert again.status_code == 409
    assert again.json()["error"] == {"type": "AlertRefused",
                                     "message": "Cette alerte est déjà ignorée."}
    unknown = client.post(url, json={"alert": "nothing", "note": ""})
    assert (unknown.status_code, unknown.json()["error"]["type"]) == (404, "AlertRefused")
    bad = client.post(url, json={"alert": reverted["key"], "note": ["a"]})
    assert bad.status_code == 400
    transaction.begin()
    stored = alerts_of(french_session).alerts[reverted["key"]]
    assert stored.note == "Annulation justifiée"

    # A member outside the private session's team sees nothing of it.
    outsider = teacher("curieux")
    outsider.headers["Accept"] = "application/json"
    assert outsider.get(url).status_code in (401, 403)
    assert outsider.post(url, json={"alert": reverted["key"], "note": ""}).status_code in (
        401, 403)
    assert requests.get(url, headers={"Accept": "application/json"}).status_code == 401


def test_pages_view_shows_states_and_dismisses_with_csrf(
    french_session, troubled, later, teacher
):
    watch_and_commit(french_session, later())
    client = teacher()
    page = client.get(french_session.absolute_url() + "/@@alerts")
    assert page.status_code == 200
    html = page.text
    assert "Pages et alertes de" in html
    assert "proposée à la suppression" in html and "déplacé" in html and "supprimée" in html
    assert f"« {troubled.moved} » ({troubled.ada}) a été déplacée vers « {troubled.moved_to} »" \
        in html.replace("“", "« ").replace("”", " »")
    key = next(alert.key for alert in alerts_of(french_session).alerts.values()
               if alert.kind == "deleted")
    action = french_session.absolute_url() + "/@@dismiss-alert"
    forged = client.post(action, data={"alert": key, "note": "forgée"})
    assert forged.status_code == 403
    transaction.begin()
    assert alerts_of(french_session).alerts[key].dismissed_by is None
    done = client.post(action, data={"alert": key, "note": "Page de test",
                                     "_authenticator": authenticator(html)})
    assert done.status_code == 200 and "Alerte ignorée" in done.text
    transaction.begin()
    assert alerts_of(french_session).alerts[key].note == "Page de test"
    outsider = teacher("curieux").get(french_session.absolute_url() + "/@@alerts")
    assert troubled.moved not in outsider.text
    assert outsider.status_code in (401, 403) or "require_login" in outsider.url


def test_daily_digest_in_french_once(french_session, troubled, mailbox, later):
    watch_and_commit(french_session, later())
    with api.env.adopt_roles(["Manager"]):
        assert send_digests(later()) == 1
    mails = mailbox()
    assert [mail["To"] for mail in mails] == ["enseignante@example.org"]
    mail = mails[0]
    assert mail["Subject"] == "[Session d'hiver] 6 nouvelles alertes"
    body = mail.get_content()
    assert f"« {troubled.deleted} » ({troubled.ada}) a été supprimée." in body.replace(
        "“", "« ").replace("”", " »")
    assert "toujours fait, à vous de décider" in body
    assert "@@alerts" in body
    with api.env.adopt_roles(["Manager"]):
        assert send_digests(later()) == 0
    assert len(mailbox()) == 1


@pytest.mark.parametrize("token_kind", ["alerts", "questions"])
def test_the_digest_link_stops_it(french_session, troubled, token_kind, later):
    watch_and_commit(french_session, later())
    link = unsubscribe_url(french_session, "enseignante", token_kind, page="alerts-unsubscribe")
    transaction.commit()
    visitor = requests.Session()
    shown = visitor.get(link)
    if token_kind != "alerts":
        assert shown.status_code == 400
        return
    assert shown.status_code == 200
    stopped = visitor.post(link, data={"_authenticator": authenticator(shown.text)})
    assert stopped.status_code == 200
    transaction.begin()
    assert "enseignante" in alerts_of(french_session).digest_stopped
    with api.env.adopt_roles(["Manager"]):
        assert send_digests(later()) == 0
