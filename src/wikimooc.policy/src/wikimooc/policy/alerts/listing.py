"""What teachers see of alerts (the dashboard's Pages view, REST, the digest) and
how they dismiss one, with a note."""

from wikimooc.policy import _
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.alerts.storage import LIVE
from wikimooc.policy.content.course import exercises_of
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.storage import contributions_on
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.wikis import page_url
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import Refused


LONGEST_NOTE = 2000


class AlertRefused(Refused):
    """An alert that does not exist, or is dismissed already."""

    error_type = "AlertRefused"


def exercise_titles(session):
    return {exercise.UID(): exercise.Title() for exercise in exercises_of(session.__parent__)}


def alert_item(alert, titles):
    return {
        "key": alert.key,
        "kind": alert.kind,
        "wiki": alert.host,
        "wiki_username": alert.username,
        "title": alert.title,
        "page_url": page_url(alert.host, alert.title) if alert.title else None,
        "revid": alert.revid,
        "diff_url": page_url(alert.host, f"Special:Diff/{alert.revid}") if alert.revid else None,
        "detail": alert.detail,
        "exercises": [{"uid": uid, "title": titles.get(uid, "")} for uid in alert.exercises],
        "raised": alert.raised,
        "dismissed": alert.dismissed_by is not None,
        "dismissed_by": alert.dismissed_by,
        "dismissed_when": alert.dismissed_when,
        "note": alert.note,
    }


def session_alerts(session, dismissed=True):
    """The session's alerts, newest first; without ``dismissed``, the open ones."""
    stored = alerts_of(session, create=False)
    titles = exercise_titles(session)
    alerts = [alert for alert in (stored.alerts.values() if stored else ())
              if dismissed or alert.dismissed_by is None]
    return [alert_item(alert, titles)
            for alert in sorted(alerts, key=lambda alert: (alert.raised, alert.key), reverse=True)]


def learners_pages(session):
    """Every page learners created or edited on the session's wikis, with its state
    (None until the worker first looked), who worked on it and how many edits."""
    stored = alerts_of(session, create=False)
    items = []
    for host in session_wikis(session):
        pages = {}
        for contribution in contributions_on(session, host):
            page = pages.setdefault(contribution.title, {"created_by": [], "edited_by": [],
                                                         "edits": 0})
            page["edits"] += 1
            listed = page["created_by"] if contribution.new else page["edited_by"]
            if contribution.username not in listed:
                listed.append(contribution.username)
        for title, page in sorted(pages.items()):
            state = stored.pages.get((host, title)) if stored else None
            items.append({
                "wiki": host, "title": title, "url": page_url(host, title),
                "state": state.state if state else None,
                "since": state.since if state and state.state != LIVE else None,
                "detail": state.detail if state else "",
                **page,
            })
    return items


def dismiss(session, key, note, user_id):
    """Dismiss the alert ``key`` with the teacher's ``note``; the alert it became."""
    if not isinstance(note, str):
        raise BadRequest(400, _("\"note\" must be text."))
    if len(note) > LONGEST_NOTE:
        raise BadRequest(400, _("Keep the note under ${count} characters.",
                                mapping={"count": LONGEST_NOTE}))
    stored = alerts_of(session, create=False)
    alert = stored.alerts.get(key) if stored is not None and isinstance(key, str) else None
    if alert is None:
        raise AlertRefused(404, _("This session has no such alert."))
    if alert.dismissed_by is not None:
        raise AlertRefused(409, _("This alert is dismissed already."))
    dismissed = alert._replace(dismissed_by=user_id, dismissed_when=wiki_timestamp(utc_now()),
                               note=note.strip())
    stored.alerts[key] = dismissed
    return alert_item(dismissed, exercise_titles(session))
