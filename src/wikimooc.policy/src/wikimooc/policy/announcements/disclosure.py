"""What an announcement shows to whom: the teaching team sees its whole record
(audience, status, how many mails went, failed or were skipped); a learner sees
only what was sent to them."""

from plone import api
from wikimooc.policy.enrollment import valid_wiki_username


def author_name(user_id):
    member = api.user.get(userid=user_id) if user_id else None
    return (valid_wiki_username(member) or member.getUserName()) if member else user_id


def announcement_url(session, announcement):
    return f"{session.absolute_url()}/@announcements/{announcement.id}"


def learner_info(session, announcement):
    return {
        "@id": announcement_url(session, announcement),
        "id": announcement.id,
        "subject": announcement.subject,
        "text": announcement.text,
        "author": author_name(announcement.author),
        "send_at": announcement.send_at,
    }


def team_info(session, announcement, counts):
    return {
        **learner_info(session, announcement),
        "audience": announcement.audience,
        "usernames": list(announcement.usernames),
        "status": announcement.status,
        "created": announcement.created,
        "finished": announcement.finished,
        "recipients": announcement.recipients,
        "deliveries": counts,
    }
