"""Register on WikiMOOC, get the Wikimedia account too: the home wiki says what
account creation needs (a captcha?), creates the account through the Action API,
and the platform member is created linked to it.

A failure leaves nothing half made: the member is only created once the wiki said
PASS. The learner gets a message in their language saying what to do next; the
wiki's raw answer goes to the operator's log. Passwords are passed to the wiki and
forgotten: never stored, never logged.
"""

from collections import deque
from dataclasses import dataclass
from plone import api
from urllib.parse import urljoin
from wikimooc.policy import _
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.identity.accounts import create_registered_member
from wikimooc.policy.identity.settings import wikimooc_settings
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.usernames import normalise_username
from wikimooc.policy.wikis import connect
from wikimooc.workflows.refusals import Refused
from ZODB.POSException import ConflictError

import logging
import mwclient.errors
import os
import re
import requests
import secrets
import threading
import time
import transaction


logger = logging.getLogger(__name__)

CREATOR_USERNAME_VARIABLE = "WIKIMOOC_WIKI_USERNAME"
CREATOR_PASSWORD_VARIABLE = "WIKIMOOC_WIKI_PASSWORD"


@dataclass(frozen=True)
class Captcha:
    """The wiki's captcha for account creation: a question, or an image to read."""

    id: str
    question: str | None = None
    image_url: str | None = None


class RegistrationFailed(Refused):
    """``reason`` names the failure (taken, invalid_username, similar_username,
    weak_password, wrong_captcha, throttled, unreachable, too_many_attempts,
    no_creator, failed); ``message`` says what to do next."""

    error_type = "RegistrationFailed"

    def __init__(self, reason, status, message):
        super().__init__(status, message)
        self.reason = reason


# A failure's HTTP status, where it is not 400 (something the learner is to change).
FAILURE_STATUSES = {
    "taken": 409,
    "throttled": 429,
    "too_many_attempts": 429,
    "unreachable": 503,
    "no_creator": 503,
    "failed": 502,
}


def failure(reason, username=""):
    messages = {
        "taken": _(
            "The username ${name} is already taken on the wiki. If it is yours, log in"
            " with Wikimedia; otherwise choose another name.",
            mapping={"name": username},
        ),
        "invalid_username": _(
            "The wiki does not accept ${name} as a username. Choose another one.",
            mapping={"name": username},
        ),
        "similar_username": _(
            "The wiki refused ${name}: it is too similar to an existing username."
            " Choose a more distinctive name.",
            mapping={"name": username},
        ),
        "weak_password": _(
            "The wiki refused this password: it is too common, too short or too close"
            " to your username. Choose a longer, less guessable one."
        ),
        "wrong_captcha": _("The answer to the question was wrong. Here is a new question."),
        "throttled": _(
            "Too many accounts were created from this network today, so the wiki refuses"
            " new ones for a while (this happens at edit-a-thons). Tell your organiser:"
            " a teacher can create your account from the session page. Or try again tomorrow."
        ),
        "unreachable": _(
            "The wiki cannot be reached right now, so no account was created. Please try"
            " again in a few minutes."
        ),
        "too_many_attempts": _(
            "Too many registration attempts came from your address. Please wait an hour"
            " and try again."
        ),
        "no_creator": _(
            "The platform has no working wiki account to create accounts with. Ask the"
            " site administrator to set WIKIMOOC_WIKI_USERNAME and WIKIMOOC_WIKI_PASSWORD."
        ),
        "failed": _(
            "The wiki did not create the account. Please try again; if it keeps failing,"
            " tell the course team."
        ),
    }
    return RegistrationFailed(reason, FAILURE_STATUSES.get(reason, 400), messages[reason])


# MediaWiki's createaccount FAIL message codes → our reasons (prefixes for families).
FAILURE_REASONS = {
    "userexists": "taken",
    "invaliduser": "invalid_username",
    "noname": "invalid_username",
    "titleblacklist-forbidden": "invalid_username",
    "antispoof": "similar_username",
    "password": "weak_password",
    "captcha": "wrong_captcha",
    "acct_creation_throttle_hit": "throttled",
}


def reason_for(messagecode):
    for prefix, reason in FAILURE_REASONS.items():
        if messagecode.startswith(prefix):
            return reason
    return "failed"


class AttemptsPerAddress:
    """Our own limit on registration attempts per client address, in this process:
    the wiki's throttle counts accounts, ours also counts failed tries."""

    window_seconds = 3600

    def __init__(self):
        self.attempts = {}
        self.lock = threading.Lock()

    def allow(self, address, limit):
        now = time.monotonic()
        with self.lock:
            recent = self.attempts.setdefault(address, deque())
            while recent and now - recent[0] > self.window_seconds:
                recent.popleft()
            if len(recent) >= limit:
                return False
            recent.append(now)
            return True


attempts_per_address = AttemptsPerAddress()


def wiki_call(call, *args, **kwargs):
    """An Action API call; a network failure or an HTTP error is "unreachable"."""
    try:
        return call(*args, **kwargs)
    except (requests.exceptions.RequestException, mwclient.errors.MaximumRetriesExceeded) as error:
        logger.warning("The wiki could not be reached: %s", type(error).__name__)
        raise failure("unreachable") from error
    except mwclient.errors.APIError as error:
        logger.warning("The wiki refused a request: %s %s", error.code, error.info)
        raise failure("unreachable" if error.code == "readonly" else "failed") from error


def account_creation_captcha(site):
    """The captcha the wiki wants for account creation now, or None."""
    answer = wiki_call(
        site.get, "query", meta="authmanagerinfo", amirequestsfor="create",
        amimergerequestfields=1,
    )
    fields = answer["query"]["authmanagerinfo"].get("fields", {})
    if "captchaId" not in fields:
        return None
    info = fields.get("captchaInfo", {})
    captcha_id = str(fields["captchaId"].get("value", ""))
    if info.get("type") == "img":
        wiki_url = f"{site.scheme}://{site.host}{site.path}"
        return Captcha(captcha_id, image_url=urljoin(wiki_url, str(info.get("value"))))
    return Captcha(captcha_id, question=str(info.get("value", "")))


def create_wiki_account(site, username, password, retype, email="", captcha_id="", captcha_word=""):
    """Create the account on the wiki; return its name as the wiki spells it."""
    tokens = wiki_call(site.get, "query", meta="tokens", type="createaccount")
    fields = {
        "createtoken": tokens["query"]["tokens"]["createaccounttoken"],
        "createreturnurl": api.portal.get().absolute_url(),
        "username": username,
        "password": password,
        "retype": retype,
        "email": email,
    }
    if captcha_id:
        fields.update(captchaId=captcha_id, captchaWord=captcha_word)
    answer = wiki_call(site.post, "createaccount", **fields)["createaccount"]
    if answer.get("status") == "PASS":
        return answer.get("username", username)
    code = answer.get("messagecode", "")
    logger.info("The wiki refused to create an account: %s %s", code, answer.get("message", ""))
    raise failure(reason_for(code), username)


def wiki_account(site, username):
    """What the wiki says about an account, shaped like the OAuth profile: ``sub`` is
    the central id (CentralAuth's on Wikimedia wikis, else the local one)."""
    answer = wiki_call(
        site.get, "query", list="users", ususers=username,
        usprop="centralids|editcount|registration|groups|blockinfo",
    )
    [user] = answer["query"]["users"]
    central_ids = user.get("centralids", {})
    return {
        "sub": str(central_ids.get("CentralAuth") or central_ids.get("local") or user["userid"]),
        "username": user["name"],
        "editcount": user.get("editcount", 0),
        "registered": re.sub(r"\D", "", user.get("registration") or ""),
        "groups": user.get("groups", []),
        "blocked": "blockid" in user,
    }


def checked_username(raw):
    try:
        return normalise_username(raw)
    except InvalidUsername as error:
        raise failure("invalid_username", raw.strip()) from error


def remember_member(site, username, email, session=None, added_by=None):
    """Create the member of a wiki account just created (and enroll them in
    ``session``), and commit at once: were Zope to retry the request after a
    conflict, it would ask the wiki to create the account again. Returns the user id,
    or None when the wiki could not say who the account is (their first Wikimedia
    login will create the member)."""
    try:
        account = {**wiki_account(site, username), "email": email}
    except RegistrationFailed:
        account = None
    for _retry in range(3):
        try:
            userid = create_registered_member(account) if account else None
            if session is not None:
                add_learners(session, [username], added_by=added_by)
            transaction.commit()
            return userid
        except ConflictError:
            transaction.abort()
    raise failure("failed", username)


def account_creator(host):
    """The platform's own account on ``host``, logged in. Give it the wiki's
    account creator rights: they lift the per-address throttle and the captcha."""
    username = os.environ.get(CREATOR_USERNAME_VARIABLE)
    password = os.environ.get(CREATOR_PASSWORD_VARIABLE)
    if not (username and password):
        raise failure("no_creator")
    site = connect(host)
    try:
        wiki_call(site.login, username, password)
    except mwclient.errors.LoginError as error:
        logger.warning("The platform's wiki account could not log in: %s", type(error).__name__)
        raise failure("no_creator") from error
    return site


def create_accounts_for(session, names_and_emails, added_by):
    """A teacher creates wiki accounts for a group, e.g. at an edit-a-thon where the
    wiki throttles the room's address; ``names_and_emails`` are (username, email). Each
    account is created by the platform's account with a temporary password, shown
    once to the teacher; created and already existing accounts are enrolled in the
    session. One result dict per name, in order."""
    site = account_creator(wikimooc_settings().home_wiki)
    results = []
    for given, email in names_and_emails:
        try:
            username = checked_username(given)
            password = secrets.token_urlsafe(12)
            created = create_wiki_account(site, username, password, password, email)
        except RegistrationFailed as refusal:
            if refusal.reason != "taken":
                results.append(
                    {"given": given, "status": refusal.reason, "message": refusal.message}
                )
                continue
            add_learners(session, [username], added_by=added_by)
            results.append({"given": given, "name": username, "status": "exists"})
            continue
        remember_member(site, created, email, session=session, added_by=added_by)
        results.append({"given": given, "name": created, "status": "created", "password": password})
    return results
