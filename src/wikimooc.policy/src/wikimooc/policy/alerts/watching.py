"""The worker's look at a wiki for trouble with learners' work, for every session
that follows it at once: each distinct learner and each distinct page is asked about
once, and what is found is filed under each session concerned.

Per wiki and look: one ``list=users|blocks`` request per 50 distinct learners
(renamed and blocked accounts), one ``list=usercontribs&uctag=mw-reverted`` request
per 50 distinct learners (their reverted edits since the earliest start of the
sessions, MediaWiki ≥ 1.36; each session keeps those since its own start), one
``prop=info|categories|templates`` request per 50 distinct pages they created or
edited (gone, a redirect, or in a watched deletion category or template), and one
``list=logevents`` request per page found gone or turned into a redirect (moved or
deleted) that no session knows so already, and per account gone under its name
(renamed: the log may give the new name) that a session was not told of yet. A
failing wiki raises WikiUnavailable and the caller aborts: nothing is half recorded."""

from collections import Counter
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from plone import api
from wikimooc.policy.alerts.storage import Alert
from wikimooc.policy.alerts.storage import alert_key
from wikimooc.policy.alerts.storage import alerts_of
from wikimooc.policy.alerts.storage import BLOCKED
from wikimooc.policy.alerts.storage import DELETED
from wikimooc.policy.alerts.storage import LIVE
from wikimooc.policy.alerts.storage import MOVED
from wikimooc.policy.alerts.storage import NOMINATED
from wikimooc.policy.alerts.storage import PageState
from wikimooc.policy.alerts.storage import RENAMED
from wikimooc.policy.alerts.storage import REVERTED
from wikimooc.policy.tracking.checker import chunks
from wikimooc.policy.tracking.checker import learners_to_follow
from wikimooc.policy.tracking.checker import wiki_query
from wikimooc.policy.tracking.followed import exercises_checked_on
from wikimooc.policy.tracking.storage import contributions_on
from wikimooc.policy.tracking.storage import session_start
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.tracking.titles import site_info
from wikimooc.policy.tracking.titles import split_title
from wikimooc.policy.wikis import connect


BATCH = 50
CATEGORY_NAMESPACE, TEMPLATE_NAMESPACE = 14, 10
REVERTED_TAG = "mw-reverted"


@dataclass
class WatchReport:
    """One look at the wiki ``host``: the distinct learners asked about, the requests
    made, and the alerts new to each session (session UID → alerts)."""

    host: str
    learners: int = 0
    requests: Counter = field(default_factory=Counter)
    raised: dict = field(default_factory=lambda: defaultdict(list))

    @property
    def new(self):
        return sum(len(alerts) for alerts in self.raised.values())


def deletion_markers(host):
    """The titles of ``host``'s watched deletion categories and templates."""
    watched = api.portal.get_registry_record("wikimooc.deletion_watch", default=None) or {}
    return [title.strip() for title in (watched.get(host) or "").split("|") if title.strip()]


def learners_pages(session, host):
    """title → the session's learners who edited it on ``host``, creators first."""
    pages = defaultdict(list)
    for contribution in sorted(contributions_on(session, host),
                               key=lambda c: (not c.new, c.timestamp)):
        if contribution.username not in pages[contribution.title]:
            pages[contribution.title].append(contribution.username)
    return pages


def completed_by_revision(session, host):
    """revision id → the UIDs of the session's exercises on ``host`` it completed
    (as found by a check, not set by a teacher)."""
    # Revision ids are per wiki: only the exercises checked on this one count.
    here = {exercise.UID() for exercise in exercises_checked_on(session, host)}
    tracking = tracking_of(session, create=False)
    completed = defaultdict(list)
    for (_username, uid), progress in tracking.progress.items() if tracking else ():
        if uid in here and progress.done and progress.revid and progress.by is None:
            completed[progress.revid].append(uid)
    return completed


class Watch:
    """One look at one wiki for every session that follows it."""

    def __init__(self, host, sessions, site, report, now):
        self.host = host
        self.sessions = sessions
        self.site = site
        self.report = report
        self.now = wiki_timestamp(now)
        self.sessions_of = defaultdict(list)  # learner → the sessions that follow them
        for session in sessions:
            for name in learners_to_follow(session):
                self.sessions_of[name].append(session)
        self.learners = sorted(self.sessions_of)
        report.learners = len(self.learners)

    def query(self, kind, **params):
        return wiki_query(self.host, self.report, kind, self.site, **params)

    def raise_alert(self, session, kind, *about, **fields):
        alert = Alert(key=alert_key(kind, self.host, *about), kind=kind, host=self.host,
                      raised=self.now, **fields)
        if alerts_of(session).raise_alert(alert):
            self.report.raised[session.UID()].append(alert)

    def run(self):
        self.watch_accounts()
        self.watch_reverts()
        self.watch_pages()

    # Accounts

    def watch_accounts(self):
        checks = wiki_checks(self.host, create=False)
        confirmed = checks.confirmed_usernames if checks is not None else ()
        for batch in chunks(self.learners, BATCH):
            names = "|".join(batch)
            answer = self.query(
                "users", list="users|blocks", ususers=names, bkusers=names,
                bkprop="id|user|by|reason|expiry", bklimit="max",
            )["query"]
            for block in answer.get("blocks", []):
                for session in self.sessions_of.get(block["user"], ()):
                    self.raise_alert(session, BLOCKED, block["user"], block["id"],
                                     username=block["user"], detail=block.get("reason", ""))
            for user in answer["users"]:
                if user.get("missing") and user["name"] in confirmed:
                    self.account_gone(user["name"])

    def account_gone(self, username):
        """Alert the sessions of ``username`` not told yet that the account is gone
        (renamed); the log is read only for them."""
        key = alert_key(RENAMED, self.host, username)
        untold = [session for session in self.sessions_of.get(username, ())
                  if key not in alerts_of(session).alerts]
        if untold:
            new_name = self.new_name(username)
            for session in untold:
                self.raise_alert(session, RENAMED, username, username=username,
                                 detail=new_name)

    def new_name(self, username):
        """The name a renaming log gives the account (empty if none says)."""
        # Not letype=renameuser: a wiki without Extension:Renameuser refuses the value.
        events = self.query(
            "logevents", list="logevents", letitle=f"User:{username}", lelimit=10,
            leprop="type|details",
        )["query"]["logevents"]
        renames = [event for event in events if event["type"] == "renameuser"]
        return renames[0].get("params", {}).get("newuser", "") if renames else ""

    # Reverted edits

    def watch_reverts(self):
        completed = {session.UID(): completed_by_revision(session, self.host)
                     for session in self.sessions}
        starts = {session.UID(): session_start(session) for session in self.sessions}
        # From the earliest start for every learner: reverted edits are few, and one
        # window keeps the requests at one per 50 distinct learners.
        for batch in chunks(self.learners, BATCH):
            params = {"list": "usercontribs", "ucuser": "|".join(batch), "uctag": REVERTED_TAG,
                      "ucstart": min(starts.values()), "ucdir": "newer",
                      "uclimit": "max", "ucprop": "ids|title|timestamp"}
            while True:
                answer = self.query("reverted", **params)
                for edit in answer["query"]["usercontribs"]:
                    for session in self.sessions_of.get(edit["user"], ()):
                        if edit["timestamp"] >= starts[session.UID()]:
                            self.raise_alert(
                                session, REVERTED, edit["revid"], username=edit["user"],
                                title=edit["title"], revid=edit["revid"],
                                exercises=tuple(completed[session.UID()].get(edit["revid"], ())),
                            )
                if "continue" not in answer:
                    break
                params.update(answer["continue"])

    # Pages

    def watch_pages(self):
        editors = {session.UID(): learners_pages(session, self.host) for session in self.sessions}
        titles = sorted(set().union(*editors.values()))
        if not titles:
            return
        info = site_info(self.host, lambda **params: self.query("siteinfo", **params))
        markers = defaultdict(list)
        for title in deletion_markers(self.host):
            markers[split_title(title, info)[0]].append(title)
        for batch in chunks(titles, BATCH):
            for title, page in self.page_answers(batch, markers).items():
                self.update_page(title, page, [
                    (session, editors[session.UID()][title]) for session in self.sessions
                    if title in editors[session.UID()]
                ])

    def page_answers(self, titles, markers):
        params = {"titles": "|".join(titles), "prop": "info"}
        if markers[CATEGORY_NAMESPACE]:
            params.update(prop=params["prop"] + "|categories", cllimit="max",
                          clcategories="|".join(markers[CATEGORY_NAMESPACE]))
        if markers[TEMPLATE_NAMESPACE]:
            params.update(prop=params["prop"] + "|templates", tllimit="max",
                          tltemplates="|".join(markers[TEMPLATE_NAMESPACE]))
        found = {}
        while True:
            answer = self.query("pages", **params)["query"]
            renamed = {item["to"]: item["from"] for item in answer.get("normalized", [])}
            for page in answer.get("pages", []):
                title = renamed.get(page["title"], page["title"])
                known = found.setdefault(title, {**page, "categories": [], "templates": []})
                known["categories"] += page.get("categories", [])
                known["templates"] += page.get("templates", [])
            if "continue" not in answer:
                return found
            params.update(answer["continue"])

    def update_page(self, title, page, editors):
        """Record the page's state in each session whose learners (``editors``:
        (session, their usernames) pairs) edited it, and alert them."""
        key = (self.host, title)
        previous = {session.UID(): alerts_of(session).pages.get(key) for session, _ in editors}
        state, detail = self.page_state(title, page, [known for known in previous.values()
                                                      if known is not None])
        for session, usernames in editors:
            known = previous[session.UID()]
            if known is None or (known.state, known.detail) != (state, detail):
                alerts_of(session).pages[key] = PageState(state, self.now, detail)
            if state != LIVE:
                self.raise_alert(session, state, title, username=", ".join(usernames),
                                 title=title, detail=detail)

    def page_state(self, title, page, known):
        """The page's state and its detail; ``known``: the states the sessions
        recorded last (a move or a deletion one of them knows needs no log look)."""
        marked = [item["title"] for item in page["categories"] + page["templates"]]
        if marked:
            return NOMINATED, marked[0]
        if not (page.get("missing") or page.get("redirect")):
            return LIVE, ""
        for previous in known:
            if previous.state in (MOVED, DELETED):
                return previous.state, previous.detail
        for event in self.query("logevents", list="logevents", letitle=title, lelimit=10,
                                leprop="type|details")["query"]["logevents"]:
            if event["type"] == "move":
                return MOVED, event.get("params", {}).get("target_title", "")
            if event["type"] == "delete" and event.get("action") == "delete":
                return DELETED, ""
        return LIVE, ""


def watch_wiki(host, sessions, now=None, site=None):
    """One look at ``host`` for ``sessions`` (sessions that follow it), every alert
    filed under each session concerned; the caller commits, or aborts on
    WikiUnavailable. Its WatchReport."""
    report = WatchReport(host=host)
    Watch(host, sessions, site or connect(host, retries=2), report, now or utc_now()).run()
    return report
