"""The worker's look at a session's wikis for trouble with learners' work.

Per wiki and cycle: one ``list=users|blocks`` request per 50 learners (renamed and
blocked accounts), one ``list=usercontribs&uctag=mw-reverted`` request per 50
learners (their reverted edits, MediaWiki ≥ 1.36), one ``prop=info|categories|
templates`` request per 50 pages they created or edited (gone, a redirect, or in a
watched deletion category or template), and one ``list=logevents`` request per page
found gone or turned into a redirect (moved or deleted) and per account gone under
its name (renamed: the log may give the new name). A failing wiki raises
WikiUnavailable and the caller aborts: nothing is half recorded."""

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
from wikimooc.policy.tracking.followed import session_wikis
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
    session: str
    requests: Counter = field(default_factory=Counter)
    raised: list = field(default_factory=list)


def deletion_markers(host):
    """The titles of ``host``'s watched deletion categories and templates."""
    watched = api.portal.get_registry_record("wikimooc.deletion_watch", default=None) or {}
    return [title.strip() for title in (watched.get(host) or "").split("|") if title.strip()]


class Watch:
    """One cycle on one wiki for one session."""

    def __init__(self, session, host, site, report, now):
        self.session = session
        self.host = host
        self.site = site
        self.report = report
        self.now = wiki_timestamp(now)
        self.stored = alerts_of(session)
        self.tracking = tracking_of(session, create=False)
        self.contributions = contributions_on(session, host)
        self.learners = learners_to_follow(session)

    def query(self, kind, **params):
        return wiki_query(self.host, self.report, kind, self.site, **params)

    def raise_alert(self, kind, *about, **fields):
        alert = Alert(key=alert_key(kind, self.host, *about), kind=kind, host=self.host,
                      raised=self.now, **fields)
        if self.stored.raise_alert(alert):
            self.report.raised.append(alert)

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
                self.raise_alert(BLOCKED, block["user"], block["id"], username=block["user"],
                                 detail=block.get("reason", ""))
            for user in answer["users"]:
                if user.get("missing") and user["name"] in confirmed:
                    self.raise_alert(RENAMED, user["name"], username=user["name"],
                                     detail=self.new_name(user["name"]))

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
        # Revision ids are per wiki: only the exercises checked on this one count.
        here = {exercise.UID() for exercise in exercises_checked_on(self.session, self.host)}
        completed = defaultdict(list)
        for (_username, uid), progress in (self.tracking.progress.items()
                                           if self.tracking else ()):
            if uid in here and progress.done and progress.revid and progress.by is None:
                completed[progress.revid].append(uid)
        for batch in chunks(self.learners, BATCH):
            params = {"list": "usercontribs", "ucuser": "|".join(batch), "uctag": REVERTED_TAG,
                      "ucstart": session_start(self.session), "ucdir": "newer",
                      "uclimit": "max", "ucprop": "ids|title|timestamp"}
            while True:
                answer = self.query("reverted", **params)
                for edit in answer["query"]["usercontribs"]:
                    self.raise_alert(REVERTED, edit["revid"], username=edit["user"],
                                     title=edit["title"], revid=edit["revid"],
                                     exercises=tuple(completed.get(edit["revid"], ())))
                if "continue" not in answer:
                    break
                params.update(answer["continue"])

    # Pages

    def learners_pages(self):
        """title → the learners who edited it, creators first."""
        pages = defaultdict(list)
        for contribution in sorted(self.contributions, key=lambda c: (not c.new, c.timestamp)):
            if contribution.username not in pages[contribution.title]:
                pages[contribution.title].append(contribution.username)
        return pages

    def watch_pages(self):
        pages = self.learners_pages()
        if not pages:
            return
        info = site_info(self.host, lambda **params: self.query("siteinfo", **params))
        markers = defaultdict(list)
        for title in deletion_markers(self.host):
            markers[split_title(title, info)[0]].append(title)
        for batch in chunks(sorted(pages), BATCH):
            for title, page in self.page_answers(batch, markers).items():
                self.update_page(title, page, pages[title])

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

    def update_page(self, title, page, usernames):
        key = (self.host, title)
        previous = self.stored.pages.get(key)
        state, detail = self.page_state(title, page, previous)
        if previous is None or (previous.state, previous.detail) != (state, detail):
            self.stored.pages[key] = PageState(state, self.now, detail)
        if state != LIVE:
            self.raise_alert(state, title, username=", ".join(usernames), title=title,
                             detail=detail)

    def page_state(self, title, page, previous):
        marked = [item["title"] for item in page["categories"] + page["templates"]]
        if marked:
            return NOMINATED, marked[0]
        if not (page.get("missing") or page.get("redirect")):
            return LIVE, ""
        if previous is not None and previous.state in (MOVED, DELETED):
            return previous.state, previous.detail
        for event in self.query("logevents", list="logevents", letitle=title, lelimit=10,
                                leprop="type|details")["query"]["logevents"]:
            if event["type"] == "move":
                return MOVED, event.get("params", {}).get("target_title", "")
            if event["type"] == "delete" and event.get("action") == "delete":
                return DELETED, ""
        return LIVE, ""


def watch_session(session, now=None):
    """One cycle of alerts for ``session`` on each of its wikis; the caller commits,
    or aborts on WikiUnavailable."""
    now = now or utc_now()
    report = WatchReport(session=session.UID())
    for host in session_wikis(session):
        Watch(session, host, connect(host, retries=2), report, now).run()
    return report
