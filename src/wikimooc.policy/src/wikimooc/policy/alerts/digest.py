"""The teachers' daily digest of new alerts, in each reader's language: the alerts
raised since their last digest and not dismissed, with a link to the Pages view.
Mails leave when the transaction commits; the digest's end is recorded in it, so a
later run, or a second worker, sends nothing twice."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from wikimooc.policy import _
from wikimooc.policy.alerts.listing import session_alerts
from wikimooc.policy.alerts.sentences import alert_sentence
from wikimooc.policy.alerts.sentences import exercises_sentence
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.content.site_sessions import every_session
from wikimooc.policy.mail import compose
from wikimooc.policy.mail import reader_language
from wikimooc.policy.mail import send_mail
from wikimooc.policy.readable import number_message
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.unsubscribe import unsubscribe_url
from zope.i18n import translate

import transaction


DIGEST_KIND = "alerts"


def alert_lines(item, language):
    lines = [translate(alert_sentence(item), target_language=language)]
    if flagged := exercises_sentence(item):
        lines.append(translate(flagged, target_language=language))
    if link := item["diff_url"] or item["page_url"]:
        lines.append(link)
    return "- " + "\n  ".join(lines)


def send_digest(session, stored, user_id, now):
    since = stored.digest_sent.get(user_id) or wiki_timestamp(now - timedelta(days=1))
    until = wiki_timestamp(now)
    fresh = [item for item in session_alerts(session, dismissed=False)
             if since < item["raised"] <= until]
    stored.digest_sent[user_id] = until
    member = api.user.get(userid=user_id)
    address = member.getProperty("email", "") if member is not None else ""
    if not fresh or not address:
        return False
    language = reader_language(member, session)
    link = unsubscribe_url(session, user_id, DIGEST_KIND, page="alerts-unsubscribe")
    names = {"session": session.Title(), "count": number_message(len(fresh))}
    body = compose(
        (
            _("New alerts about learners' work in ${session}:", mapping=names),
            "\n".join(alert_lines(item, language) for item in fresh),
            _("See every page and dismiss alerts: ${url}",
              mapping={"url": session.absolute_url() + "/@@alerts"}),
        ),
        _("You get this daily digest as a teacher of this session. Stop it: ${url}"),
        link, language,
    )
    subject = translate(_("[${session}] ${count} new alerts", mapping=names),
                        target_language=language)
    return send_mail(address, subject, body, link, language=language)


def send_digests(now=None):
    """Every teacher's digest, in every session with alerts; each session in its own
    transaction."""
    now = now or datetime.now(UTC)
    sent = 0
    for session in list(every_session()):
        stored = alerts_of(session, create=False)
        if stored is None or not stored.alerts:
            continue
        for user_id in session.teachers or ():
            if user_id not in stored.digest_stopped:
                sent += bool(send_digest(session, stored, user_id, now))
        transaction.commit()
    return sent


def stop_digest(session, user_id):
    alerts_of(session).digest_stopped.insert(user_id)
