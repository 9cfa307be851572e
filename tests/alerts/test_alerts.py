"""Alerts against a real MediaWiki (Debian's package on loopback): learners' pages
nominated with a French-named deletion category, deleted and moved, an edit rolled
back, a learner blocked and one renamed (on Special:RenameUser, whose renameuser log
entry names the new account), each found once by the worker; then what
the team sees of them (REST, the Pages view, the daily digest mail, in French) and
dismissing them. Each test sets up its own trouble on the wiki (the edit check must
read learners' edits before pages are deleted), so there are only two."""

from html_pages import authenticator
from plone import api
from wikimooc.policy.alerts.cycles import run_due_watches
from wikimooc.policy.alerts.cycles import watch_and_commit
from wikimooc.policy.alerts.digest import send_digests
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.unsubscribe import unsubscribe_url

import re
import requests
import transaction


def kinds_and_subjects(session):
    return sorted((alert.kind, alert.username, alert.title, alert.detail)
                  for alert in alerts_of(session).alerts.values())


def french_quotes(text):
    return text.replace("“", "« ").replace("”", " »")


def test_the_worker_raises_each_alert_once_and_mails_the_digest(
    french_session, troubled, mailbox, later, mediawiki
):
    report = watch_and_commit(mediawiki.host, [french_session], later())
    trouble = troubled
    assert kinds_and_subjects(french_session) == sorted([
        ("blocked", trouble.bob, "", "vandalisme"),
        ("deleted", trouble.ada, trouble.deleted, ""),
        ("moved", trouble.ada, trouble.moved, trouble.moved_to),
        ("nominated", trouble.ada, trouble.nominated,
         "Category:Page proposée à la suppression"),
        ("nominated", trouble.ada, trouble.templated, "Template:Suppression"),
        ("renamed", trouble.cyd, "", trouble.renamed),
        ("reverted", trouble.bob, trouble.shared, ""),
    ])
    assert report.new == len(report.raised[french_session.UID()]) == 7
    reverted = next(alert for alert in alerts_of(french_session).alerts.values()
                    if alert.kind == "reverted")
    assert reverted.revid == trouble.reverted_revid
    # The exercise that edit completed stays done, flagged for the teacher.
    exercise_uid = french_session.__parent__["m"]["long"].UID()
    assert reverted.exercises == (exercise_uid,)
    assert tracking_of(french_session).progress[(trouble.bob, exercise_uid)].done
    # Requests: one batch each of users|blocks, reverted edits and pages; a log look
    # per gone or moved page and per renamed account.
    assert (report.requests["users"], report.requests["reverted"],
            report.requests["pages"], report.requests["logevents"]) == (1, 1, 1, 3)

    # Another cycle (a retry, or the periodic task) finds everything known; the
    # periodic task then leaves the wiki alone for a quarter of an hour.
    assert [cycle.new for cycle in run_due_watches(later())] == [0]
    assert run_due_watches(later()) == []
    assert len(alerts_of(french_session).alerts) == 7

    with api.env.adopt_roles(["Manager"]):
        assert send_digests(later()) == 1
    mails = mailbox()
    assert [mail["To"] for mail in mails] == ["enseignante@example.org"]
    assert mails[0]["Subject"] == "[Session d'hiver] 7 nouvelles alertes"
    body = french_quotes(mails[0].get_content())
    assert f"« {trouble.deleted} » ({trouble.ada}) a été supprimée." in body
    assert f"Le compte {trouble.bob} est bloqué sur" in body
    assert "Elle a validé « Long ajout » : toujours fait, à vous de décider." in body
    assert french_session.absolute_url() + "/@@alerts" in body
    with api.env.adopt_roles(["Manager"]):
        assert send_digests(later()) == 0
    assert len(mailbox()) == 1

    # The mail's link stops the digest without logging in; another kind's link
    # (a forum mail's) does not.
    forum_link = unsubscribe_url(french_session, "enseignante", "questions",
                                 page="alerts-unsubscribe")
    link = mails[0]["List-Unsubscribe"].strip("<>")
    transaction.commit()
    assert requests.get(forum_link).status_code == 400
    shown = requests.get(link)
    assert shown.status_code == 200 and "Arrêter le résumé" in shown.text
    stopped = requests.post(link, data={"_authenticator": authenticator(shown.text)})
    assert stopped.status_code == 200
    transaction.begin()
    assert "enseignante" in alerts_of(french_session).digest_stopped


def test_the_team_sees_pages_and_alerts_and_dismisses_them(
    french_session, troubled, later, teacher, mediawiki
):
    watch_and_commit(mediawiki.host, [french_session], later())
    url = french_session.absolute_url() + "/@alerts"
    client = teacher()
    client.headers["Accept"] = "application/json"
    listed = client.get(url).json()
    assert {item["kind"] for item in listed["items"]} == {
        "blocked", "deleted", "moved", "nominated", "renamed", "reverted"}
    states = {page["title"]: page["state"] for page in listed["pages"]}
    assert states == {troubled.nominated: "nominated", troubled.templated: "nominated",
                      troubled.deleted: "deleted", troubled.moved: "moved",
                      troubled.shared: "live"}
    reverted = next(item for item in listed["items"] if item["kind"] == "reverted")
    assert reverted["exercises"] == [{"uid": french_session.__parent__["m"]["long"].UID(),
                                      "title": "Long ajout"}]

    answer = client.post(url, json={"alert": reverted["key"], "note": "Annulation justifiée"})
    assert answer.status_code == 200
    assert (answer.json()["dismissed_by"], answer.json()["note"]) == (
        "enseignante", "Annulation justifiée")
    again = client.post(url, json={"alert": reverted["key"], "note": "encore"})
    assert (again.status_code, again.json()["error"]) == (
        409, {"type": "AlertRefused", "message": "Cette alerte est déjà ignorée."})
    unknown = client.post(url, json={"alert": "nothing", "note": ""})
    assert (unknown.status_code, unknown.json()["error"]["type"]) == (404, "AlertRefused")
    assert client.post(url, json={"alert": reverted["key"], "note": ["a"]}).status_code == 400
    transaction.begin()
    assert alerts_of(french_session).alerts[reverted["key"]].note == "Annulation justifiée"

    # The dashboard counts the open alerts and links to the Pages view.
    board = teacher().get(french_session.absolute_url() + "/@@dashboard").text
    assert re.search(r'wikimooc-open-alerts[^>]*>\s*ouvertes : 6', board)

    # The Pages view, in French; dismissing there needs the form's CSRF token.
    page = teacher().get(french_session.absolute_url() + "/@@alerts")
    assert page.status_code == 200
    html = french_quotes(page.text)
    assert "Pages et alertes de" in html
    assert f"« {troubled.moved} » ({troubled.ada}) a été déplacée vers « {troubled.moved_to} »" \
        in html
    states_shown = re.findall(r'class="wikimooc-page-state">\s*([^<(]+?)\s*[(<]', html)
    assert sorted(states_shown) == ["déplacée", "en ligne", "proposée à la suppression",
                                    "proposée à la suppression", "supprimée"]
    assert "Annulation justifiée" in html
    deleted = next(item["key"] for item in listed["items"] if item["kind"] == "deleted")
    action = french_session.absolute_url() + "/@@dismiss-alert"
    forged = teacher().post(action, data={"alert": deleted, "note": "forgée"})
    assert forged.status_code == 403
    transaction.begin()
    assert alerts_of(french_session).alerts[deleted].dismissed_by is None
    done = teacher().post(action, data={"alert": deleted, "note": "Page de test",
                                        "_authenticator": authenticator(page.text)})
    assert done.status_code == 200 and "Alerte ignorée." in done.text
    transaction.begin()
    assert alerts_of(french_session).alerts[deleted].note == "Page de test"

    # Nobody outside the private session's team sees any of it.
    outsider = teacher("curieux")
    outsider.headers["Accept"] = "application/json"
    assert outsider.get(url).status_code in (401, 403)
    assert outsider.post(url, json={"alert": deleted, "note": ""}).status_code in (401, 403)
    assert requests.get(url, headers={"Accept": "application/json"}).status_code == 401
    shown = teacher("curieux").get(french_session.absolute_url() + "/@@alerts")
    assert troubled.moved not in shown.text
