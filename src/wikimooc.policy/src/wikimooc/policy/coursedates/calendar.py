"""Each learner's iCalendar feed: module openings and due dates of every session
they learn in, at a private address calendar programs subscribe to. The address
holds a random token, kept in the site's annotation (token -> user id, user id ->
token); a new token revokes the old one, and the member can stop the feed."""

from BTrees.OOBTree import OOBTree
from datetime import timedelta
from icalendar import Calendar
from icalendar import Event
from persistent import Persistent
from plone import api
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.enrollment import valid_wiki_username
from wikimooc.policy.learner import enrolled_sessions
from wikimooc.workflows.annotations import annotation

import secrets


FEEDS_ANNOTATION = "wikimooc.policy.coursedates.feeds"


class CalendarFeeds(Persistent):
    def __init__(self):
        self.users = OOBTree()  # token -> user id
        self.tokens = OOBTree()  # user id -> token

    def token_of(self, user_id):
        return self.tokens.get(user_id)

    def renew(self, user_id):
        """A new token for ``user_id``; the old one stops working."""
        self.revoke(user_id)
        token = secrets.token_urlsafe(24)
        self.users[token] = user_id
        self.tokens[user_id] = token
        return token

    def revoke(self, user_id):
        old = self.tokens.pop(user_id, None)
        if old is not None:
            self.users.pop(old, None)

    def user_of(self, token):
        return self.users.get(token) if isinstance(token, str) else None


def calendar_feeds(create=True):
    return annotation(api.portal.get(), FEEDS_ANNOTATION, CalendarFeeds, create=create)


def feed_user(token):
    feeds = calendar_feeds(create=False)
    return feeds.user_of(token) if feeds is not None else None


def feed_url(token):
    return f"{api.portal.get().absolute_url()}/calendar.ics?token={token}"


def calendar_event(session, item, language_words):
    """One all-day event: the module's opening, or the item's due day."""
    event = Event()
    day = item.opens if item.kind == "module" else item.due
    event.add("uid", f"{item.uid}-{item.kind}@{session.UID()}")
    event.add("summary", language_words(item))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", clock())
    event.add("url", item.url)
    event.add("description", session.Title())
    return event


def learner_calendar(member, words):
    """The member's feed as iCalendar bytes; ``words(item)`` says each event's title
    in the member's language."""
    calendar = Calendar()
    calendar.add("prodid", "-//WikiMOOC//course dates//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "WikiMOOC")
    username = valid_wiki_username(member)
    now = clock()
    with api.env.adopt_user(user=member):
        sessions = [found.session for found in enrolled_sessions(member, username)] \
            if username else []
        for session in sessions:
            for item in agenda(session, username, now):
                calendar.add_component(calendar_event(session, item, words))
    return calendar.to_ical()
