"""Unsubscribe links that work without logging in, for every mail the site sends
(forum mails, announcements, reminders): the link carries the session, the member
and the kind of mail, signed with a key of the site's own (one that is never
rotated, unlike plone.keyring's, so links in old mails keep working). The page a
link leads to is the one of its kind of mail."""

from plone import api
from plone.app.uuid.utils import uuidToObject
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation

import base64
import hashlib
import hmac
import json
import secrets


# The forum had them first: the key keeps its name, so that old links keep working.
SIGNING_KEY_ANNOTATION = "wikimooc.forum.signing_key"


class Subscription(NamedTuple):
    session: object
    user_id: str
    kind: str


def signing_key(create=True):
    return annotation(
        api.portal.get(), SIGNING_KEY_ANNOTATION, lambda: secrets.token_bytes(32), create
    )


def signature(key, payload):
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def unsubscribe_token(session, user_id, kind):
    payload = base64.urlsafe_b64encode(
        json.dumps([session.UID(), user_id, kind]).encode()
    ).decode()
    return f"{payload}.{signature(signing_key(), payload)}"


def unsubscribe_url(session, user_id, kind, page="forum-unsubscribe"):
    """The link to ``page`` (a view of the session's language root) with the token."""
    root = api.portal.get_navigation_root(session)
    token = unsubscribe_token(session, user_id, kind)
    return f"{root.absolute_url()}/@@{page}?token={token}"


def subscription_of(token):
    """The Subscription a token signs, or None for a forged, damaged or stale one
    (or one that is no text: a token given twice)."""
    if not isinstance(token, str):
        return None
    payload, _, given = token.partition(".")
    key = signing_key(create=False)
    if key is None or not hmac.compare_digest(signature(key, payload).encode(), given.encode()):
        return None
    session_uid, user_id, kind = json.loads(base64.urlsafe_b64decode(payload))
    session = uuidToObject(session_uid, unrestricted=True)
    return Subscription(session, user_id, kind) if session is not None else None
