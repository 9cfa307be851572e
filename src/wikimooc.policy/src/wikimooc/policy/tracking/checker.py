"""One check of a wiki: read the new contributions of the learners of every session
that follows it, each distinct learner once (50 usernames per
``list=usercontribs`` request, the anonymous limit, with continuation), store them
by revision id in each of their sessions, mark the exercises they complete there.

Each session keeps its own watermark on each of its wikis. A learner is read from
the oldest watermark of their sessions, and what is read is stored in the sessions
whose watermark it is past; every session whose learners were all read moves its
watermark to the window's end, in the same transaction that stores what was read.
A quiet wiki's sessions thus share one watermark, and one window: a cycle costs
⌈distinct learners / 50⌉ requests however many sessions. A crash or a failed
request before the commit leaves every watermark where it was: the next check reads
the same window again, and revision ids make that idempotent. No gap, no duplicates.
"""

from collections import Counter
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from plone import api
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.tracking.criteria import cheap_match
from wikimooc.policy.tracking.criteria import needs_text
from wikimooc.policy.tracking.criteria import text_matches
from wikimooc.policy.tracking.followed import exercises_checked_on
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import trail_of
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.tracking.titles import site_info
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.usernames import normalise_username
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
class Served:
    """What one check did for one session."""

    new: int = 0
    completed: int = 0
    learners_completing: set = field(default_factory=set)
    caught_up: bool = False


@dataclass
class CycleReport:
    """One check of the wiki ``host``: ``new`` counts the contributions new to at
    least one session, ``served`` what it did for each session (by UID)."""

    host: str
    learners: int = 0
    requests: Counter = field(default_factory=Counter)
    read: int = 0
    new: int = 0
    completed: int = 0
    served: dict = field(default_factory=dict)


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


def verify_usernames(site, host, learners, report):
    """Flag usernames the wiki does not know (mistyped, or renamed since): each
    name is looked up until the wiki has confirmed it once."""
    checks = wiki_checks(host)
    unconfirmed = [name for name in learners if name not in checks.confirmed_usernames]
    for batch in chunks(unconfirmed, USERS_PER_REQUEST):
        answer = wiki_query(host, report, "users", site, list="users", ususers="|".join(batch))
        for user in answer["query"]["users"]:
            if user.get("missing") or user.get("invalid"):
                checks.unknown_usernames.insert(user["name"])
            else:
                checks.confirmed_usernames.insert(user["name"])
                if user["name"] in checks.unknown_usernames:
                    checks.unknown_usernames.remove(user["name"])


def diff_url(host, revid):
    return page_url(host, "Special:Diff/" + str(revid))


def mark_completed(session, host, contributions, site, info, report, served):
    """Progress records for the session's exercises on ``host`` that the new
    contributions complete."""
    tracking = tracking_of(session)
    exercises = [(exercise, exercise.UID()) for exercise in exercises_checked_on(session, host)]
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
        served.completed += 1
        served.learners_completing.add(contribution.username)
    report.completed += served.completed


def valid_usernames(usernames):
    found = set()
    for name in usernames:
        try:
            found.add(normalise_username(name))
        except InvalidUsername:
            continue
    return found


def learners_on_wiki(sessions, usernames):
    """username → the sessions (of ``sessions``) that follow that learner, only the
    ``usernames`` given if any; and the sessions whose every learner is there."""
    wanted = None if usernames is None else valid_usernames(usernames)
    sessions_of = defaultdict(list)
    whole = []
    for session in sessions:
        learners = learners_to_follow(session)
        followed = [name for name in learners if wanted is None or name in wanted]
        for name in followed:
            sessions_of[name].append(session)
        if len(followed) == len(learners):
            whole.append(session)
    return sessions_of, whole


def read_wiki(host, sessions, now, usernames=None, site=None):
    """Check ``host`` for the learners of ``sessions`` (sessions following it), or
    only those of them in ``usernames``; raise WikiUnavailable, changing nothing,
    when the wiki fails. The caller commits."""
    report = CycleReport(host=host)
    sessions_of, whole = learners_on_wiki(sessions, usernames)
    report.learners = len(sessions_of)
    served = {session.UID(): Served() for session in sessions}
    report.served = served
    end = wiki_timestamp(now - timedelta(seconds=SETTLE_SECONDS))
    if sessions_of:
        site = site or connect(host, retries=2)
        record_contributions(host, site, sessions_of, end, report)
    checked = wiki_timestamp(now)
    for session in whole:
        trail_of(session, host).watermark = end
        tracking_of(session).last_checked = checked
        served[session.UID()].caught_up = True
    if usernames is None:
        wiki_checks(host).last_checked = checked
    return report


def record_contributions(host, site, sessions_of, end, report):
    """Read the learners' contributions up to ``end``, each learner from the oldest
    watermark of their sessions, and store each in the sessions it is new to."""
    info = site_info(host, lambda **params: wiki_query(host, report, "siteinfo", site, **params))
    verify_usernames(site, host, sorted(sessions_of), report)
    by_start = defaultdict(list)
    for name, followers in sorted(sessions_of.items()):
        by_start[min(trail_of(session, host).watermark for session in followers)].append(name)
    new = defaultdict(list)
    for start, names in sorted(by_start.items()):
        for answer in read_contributions(site, host, names, start, end, report):
            report.read += 1
            contribution = contribution_from(answer)
            recorded = False
            for session in sessions_of.get(contribution.username, ()):
                trail = trail_of(session, host)
                if contribution.timestamp >= trail.watermark and trail.record(contribution):
                    new[session.UID()].append(contribution)
                    recorded = True
            report.new += recorded
    sessions = {session.UID(): session for followers in sessions_of.values()
                for session in followers}
    for uid, contributions in new.items():
        report.served[uid].new = len(contributions)
        mark_completed(sessions[uid], host, contributions, site, info, report,
                       report.served[uid])
