"""One check cycle of a session: read learners' new contributions on the session's
wiki (50 usernames per ``list=usercontribs`` request, the anonymous limit, with
continuation), store them by revision id, mark the exercises they complete.

The window read runs from the session's watermark to now; the watermark moves to
now in the same transaction that stores what was read. A crash or a failed request
before the commit leaves the watermark where it was: the next cycle reads the same
window again, and revision ids make that idempotent. No gap, no duplicates.
"""

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from plone import api
from wikimooc.policy.content.course import exercises_of
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.tracking.criteria import cheap_match
from wikimooc.policy.tracking.criteria import needs_text
from wikimooc.policy.tracking.criteria import text_matches
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.tracking.titles import site_info
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.wikis import connect
from wikimooc.policy.wikis import MAX_LAG_SECONDS
from wikimooc.policy.wikis import page_url

import mwclient.errors
import requests


USERS_PER_REQUEST = 50
REVISIONS_PER_REQUEST = 50
# Revisions saved in the last seconds may not be readable yet: API reads come from
# replicas, up to maxlag behind. The window stops that much before now; the next
# cycle starts there.
SETTLE_SECONDS = MAX_LAG_SECONDS
CONTRIBUTION_PROPERTIES = "ids|title|timestamp|comment|size|sizediff|flags"


class WikiUnavailable(Exception):
    """The wiki failed (network, HTTP 5xx/429, maxlag, API error) after retries."""

    def __init__(self, host, error, retry_after=None):
        super().__init__(f"{host}: {error}")
        self.host = host
        self.error = error
        self.retry_after = retry_after


@dataclass
class CycleReport:
    session: str
    learners: int = 0
    requests: Counter = field(default_factory=Counter)
    read: int = 0
    new: int = 0
    completed: int = 0
    learners_completing: set = field(default_factory=set)


def chunks(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def teachers_usernames(session):
    names = set()
    for user_id in session.teachers or ():
        member = api.user.get(userid=user_id)
        if member is not None:
            try:
                names.add(wiki_username_of(member))
            except InvalidUsername:
                continue
    return names


def learners_to_follow(session):
    """Every enrolled wiki username, also those of learners who never logged in;
    not the teachers' own."""
    teachers = teachers_usernames(session)
    return [name for name in session.enrollments.learners if name not in teachers]


def exercises_checked_on_the_wiki(session):
    return [exercise for exercise in exercises_of(session.__parent__) if exercise.check == "wiki"]


def contribution_from(answer):
    return Contribution(
        revid=answer["revid"],
        parentid=answer.get("parentid", 0),
        username=answer["user"],
        namespace=answer["ns"],
        title=answer["title"],
        timestamp=answer["timestamp"],
        size=answer.get("size", 0),
        sizediff=answer.get("sizediff", 0),
        new=bool(answer.get("new")),
        comment=answer.get("comment", ""),
    )


def wiki_query(host, report, kind, site, **params):
    report.requests[kind] += 1
    try:
        return site.get("query", formatversion=2, **params)
    except requests.exceptions.HTTPError as error:
        response = error.response
        raise WikiUnavailable(
            host,
            f"HTTP {response.status_code}" if response is not None else "HTTP error",
            response.headers.get("Retry-After") if response is not None else None,
        ) from error
    except (requests.exceptions.RequestException, mwclient.errors.MwClientError) as error:
        raise WikiUnavailable(host, getattr(error, "code", None) or type(error).__name__) from error


def read_contributions(site, host, usernames, start, end, report):
    for batch in chunks(usernames, USERS_PER_REQUEST):
        params = {
            "list": "usercontribs",
            "ucuser": "|".join(batch),
            "ucstart": start,
            "ucend": end,
            "ucdir": "newer",
            "uclimit": "max",
            "ucprop": CONTRIBUTION_PROPERTIES,
        }
        while True:
            answer = wiki_query(host, report, "usercontribs", site, **params)
            yield from answer["query"]["usercontribs"]
            if "continue" not in answer:
                break
            params.update(answer["continue"])


def revision_texts(site, host, revids, report):
    """revision id → main slot text, read 50 revisions per request."""
    texts = {}
    for batch in chunks(sorted(set(revids) - {0}), REVISIONS_PER_REQUEST):
        answer = wiki_query(
            host, report, "revisions", site, prop="revisions",
            revids="|".join(map(str, batch)), rvprop="ids|content", rvslots="main",
        )
        for page in answer["query"].get("pages", []):
            for revision in page.get("revisions", []):
                texts[revision["revid"]] = revision["slots"]["main"].get("content", "")
    return texts


def verify_usernames(site, host, tracking, learners, report):
    """Flag usernames the wiki does not know (mistyped, or renamed since): each
    name is looked up until the wiki has confirmed it once."""
    unconfirmed = [name for name in learners if name not in tracking.confirmed_usernames]
    unknown = []
    for batch in chunks(unconfirmed, USERS_PER_REQUEST):
        answer = wiki_query(host, report, "users", site, list="users", ususers="|".join(batch))
        for user in answer["query"]["users"]:
            if user.get("missing") or user.get("invalid"):
                unknown.append(user["name"])
            else:
                tracking.confirmed_usernames.insert(user["name"])
    if tuple(unknown) != tracking.unknown_usernames:
        tracking.unknown_usernames = tuple(unknown)


def diff_url(host, revid):
    return page_url(host, "Special:Diff/" + str(revid))


def mark_completed(session, tracking, contributions, site, info, report):
    """Progress records for the exercises the new contributions complete."""
    host = session.wiki
    exercises = [(exercise, exercise.UID()) for exercise in exercises_checked_on_the_wiki(session)]
    pending = [
        (exercise, uid, contribution)
        for exercise, uid in exercises
        for contribution in contributions
        if (contribution.username, uid) not in tracking.progress
        and cheap_match(exercise, contribution, info)
    ]
    needing_text = [c for e, _uid, c in pending if needs_text(e)]
    texts = revision_texts(
        site, host, [c.revid for c in needing_text] + [c.parentid for c in needing_text], report
    ) if needing_text else {}
    for exercise, uid, contribution in sorted(pending, key=lambda found: found[2].timestamp):
        key = (contribution.username, uid)
        if key in tracking.progress:
            continue
        if needs_text(exercise) and not text_matches(
            exercise, texts.get(contribution.revid, ""), texts.get(contribution.parentid, "")
        ):
            continue
        tracking.progress[key] = Progress(
            done=True,
            when=contribution.timestamp,
            revid=contribution.revid,
            diff_url=diff_url(host, contribution.revid),
        )
        report.completed += 1
        report.learners_completing.add(contribution.username)


def check_session(session, now=None, site=None):
    """Run one cycle for ``session``; raise WikiUnavailable, changing nothing, when
    its wiki fails. The caller commits."""
    now = now or utc_now()
    host = session.wiki
    tracking = tracking_of(session)
    report = CycleReport(session=session.UID())
    learners = learners_to_follow(session)
    report.learners = len(learners)
    site = site or connect(host, retries=2)
    info = site_info(host, lambda **params: wiki_query(host, report, "siteinfo", site, **params))
    verify_usernames(site, host, tracking, learners, report)
    end = wiki_timestamp(now - timedelta(seconds=SETTLE_SECONDS))
    new = []
    for answer in read_contributions(site, host, learners, tracking.watermark, end, report):
        report.read += 1
        contribution = contribution_from(answer)
        if tracking.record(contribution):
            new.append(contribution)
    report.new = len(new)
    mark_completed(session, tracking, new, site, info, report)
    tracking.watermark = end
    tracking.last_checked = wiki_timestamp(now)
    return report
