"""Sessions that follow two wikis, against two real MediaWikis (Debian's package on
loopback, two instances: the home wiki and one mapped as commons.wikimedia.org):
each exercise checked on its wiki, one check per wiki serving every session of its
learners (requests counted in the wiki's own access log), the watermark of each
wiki under a crash, and the per-wiki figures of REST and the dashboard."""

from BTrees.OOBTree import OOTreeSet
from datetime import date
from datetime import timedelta
from mediawiki_fixtures import one_pixel_png
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.tracking.checker import read_wiki
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.schedule import check_wiki
from wikimooc.policy.tracking.schedule import run_due_checks
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.tracking.storage import trail_of
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_checks
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.policy.upgrades import v20261203200

import csv
import io
import math
import pytest
import secrets
import time
import transaction


COMMONS = "commons.wikimedia.org"
PASSWORD = "Two-Wikis-Learner-42"
LEARNER_PASSWORD = "member-pw-12345"


def later():
    return utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)


def past(watermark):
    """Wait until an edit saved now comes after ``watermark``: the checks here run as
    if the last edits had settled (``later()``), so their window ends a second ahead."""
    while wiki_timestamp(utc_now()) <= watermark:
        time.sleep(0.2)



@pytest.fixture
def two_wikis(functional_portal, mediawiki, second_mediawiki):
    """A course with an exercise on each wiki and an upload, and two sessions that
    follow both wikis (the second started a day earlier), taught by ``coach``."""
    api.portal.set_registry_record(
        "wikimooc.wikis", {mediawiki.host: mediawiki.api_url, COMMONS: second_mediawiki.api_url}
    )
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="coach@example.org", username="coach", password="coach-pw-12345")
        course = api.content.create(
            container=functional_portal["en"], type="Course", id="pictures",
            title="Pictures", projects=("commons",),
        )
        module = api.content.create(container=course, type="Module", id="m", title="M")
        exercises = {
            "draft": {"wiki_action": "create_page", "title_pattern": "User:{username}/Brouillon"},
            "upload": {"wiki_action": "upload_file"},
            "gallery": {"wiki_action": "create_page", "checked_on": COMMONS,
                        "title_pattern": "User:{username}/Gallery"},
        }
        for exercise_id, criteria in exercises.items():
            api.content.create(container=module, type="Exercise", id=exercise_id,
                               title=exercise_id, check="wiki", **criteria)
        api.content.transition(course, to_state="published")
        sessions = []
        for session_id, days in (("a", 1), ("b", 2)):
            session = api.content.create(
                container=course, type="CourseSession", id=session_id, title=session_id,
                start=date.today() - timedelta(days=days),
                end=date.today() + timedelta(days=30),
                wiki=mediawiki.host, other_wikis=[COMMONS], teachers=["coach"],
            )
            api.content.transition(session, "open")
            sessions.append(session)
    transaction.commit()
    return {"course": course, "sessions": sessions, "home": mediawiki,
            "commons": second_mediawiki}


def learner_on_both(two_wikis, prefix):
    name = f"{prefix} {secrets.token_hex(3)}"
    for wiki in (two_wikis["home"], two_wikis["commons"]):
        wiki.create_user(name, PASSWORD)
    return name


def logged_in(wiki, user):
    """A client of ``wiki`` logged in as ``user``, to save several edits with one login."""
    site = wiki.site(user, PASSWORD)

    def save(title, text):
        return site.pages[title].edit(text, summary="WikiMOOC test")["newrevid"]

    save.site = site
    return save


def upload(save, filename):
    answer = save.site.upload(io.BytesIO(one_pixel_png()), filename=filename,
                         description="A picture for the course")
    assert answer["result"] == "Success", answer


def progress_of(session, username, exercise_id):
    return tracking_of(session).progress.get(
        (username, session.__parent__["m"][exercise_id].UID()))


def usercontribs_requests(wiki, since):
    return sum(1 for line in wiki.logged_requests()[since:] if "list=usercontribs" in line)


def test_each_exercise_is_checked_on_its_wiki_for_every_session(two_wikis, mediawiki):
    a, b = two_wikis["sessions"]
    assert session_wikis(a) == [mediawiki.host, COMMONS]
    b.other_wikis = [COMMONS, mediawiki.host, COMMONS]
    assert session_wikis(b) == [mediawiki.host, COMMONS]  # the home wiki first, each once
    ada = learner_on_both(two_wikis, "Ada")
    add_learners(a, [ada], added_by="coach")
    add_learners(b, [ada], added_by="coach")
    transaction.commit()
    home, commons = two_wikis["home"], two_wikis["commons"]
    # On Commons, a draft does not count for the home wiki's draft exercise.
    on_commons = logged_in(commons, ada)
    on_commons(f"User:{ada}/Brouillon", "Not on the home wiki")
    on_commons(f"User:{ada}/Gallery", "My pictures")
    upload(on_commons, f"Ada picture {secrets.token_hex(3)}.png")

    reports = {report.host: report for report in run_due_checks(later())}

    assert set(reports) == {home.host, COMMONS}
    assert reports[COMMONS].learners == 1 and reports[COMMONS].new == 3
    for session in (a, b):
        assert progress_of(session, ada, "draft") is None
        assert progress_of(session, ada, "gallery").done
        upload_done = progress_of(session, ada, "upload")
        assert upload_done.done and upload_done.diff_url.startswith(
            commons.api_url.rpartition("/")[0])
        assert len(trail_of(session, COMMONS).contributions) == 3
        assert not trail_of(session, home.host).contributions

    past(trail_of(a, home.host).watermark)
    draft = home.edit_as(ada, PASSWORD, f"User:{ada}/Brouillon", "My draft")
    check_wiki(home.host, [ada], later())
    assert progress_of(a, ada, "draft").revid == draft == progress_of(b, ada, "draft").revid


def test_without_commons_an_upload_is_checked_on_the_home_wiki(two_wikis):
    a = two_wikis["sessions"][0]
    a.other_wikis = []
    ada = learner_on_both(two_wikis, "Ada")
    add_learners(a, [ada], added_by="coach")
    transaction.commit()
    upload(logged_in(two_wikis["home"], ada), f"Home picture {secrets.token_hex(3)}.png")
    run_due_checks(later())
    assert progress_of(a, ada, "upload").done
    assert progress_of(a, ada, "gallery") is None  # its wiki is not followed: home, no page


def test_one_check_per_wiki_reads_each_learner_once_for_all_sessions(two_wikis):
    """Sessions a and b share 30 of their 60 learners each: 90 distinct learners. The
    first check reads a's own learners from a's watermark and the others from b's
    (a day older); from then on the sessions share one window: ⌈90 / 50⌉ requests
    per wiki."""
    a, b = two_wikis["sessions"]
    shared = learner_on_both(two_wikis, "Shared")
    names = [f"Learner {number:03}" for number in range(89)]
    add_learners(a, [*names[:59], shared], added_by="coach")
    add_learners(b, [*names[30:], shared], added_by="coach")
    transaction.commit()
    revision = two_wikis["commons"].edit_as(shared, PASSWORD, f"User:{shared}/Gallery", "Mine")
    home, commons = two_wikis["home"], two_wikis["commons"]
    logs = {home.host: home, COMMONS: commons}

    before = {host: len(wiki.logged_requests()) for host, wiki in logs.items()}
    first = {report.host: report for report in run_due_checks(later())}
    assert first[COMMONS].learners == first[home.host].learners == 90
    for host, wiki in logs.items():
        assert usercontribs_requests(wiki, before[host]) == first[host].requests[
            "usercontribs"] == 1 + 2  # a's own 30; then the 30 shared and b's own 30
    for session in (a, b):
        assert trail_of(session, COMMONS).watermark == trail_of(b, home.host).watermark
        assert list(trail_of(session, COMMONS).contributions) == [revision]
        assert progress_of(session, shared, "gallery").revid == revision

    for host in logs:
        wiki_checks(host).next_due = None
    transaction.commit()
    before = {host: len(wiki.logged_requests()) for host, wiki in logs.items()}
    quiet = {report.host: report for report in run_due_checks(later())}
    for host, wiki in logs.items():
        assert usercontribs_requests(wiki, before[host]) == math.ceil(90 / 50)
        assert quiet[host].new == 0 and set(quiet[host].served) == {a.UID(), b.UID()}


def test_the_watermark_of_each_wiki_survives_a_crash_and_a_failing_wiki(two_wikis):
    a, _b = two_wikis["sessions"]
    ada = learner_on_both(two_wikis, "Ada")
    add_learners(a, [ada], added_by="coach")
    transaction.commit()
    home, commons = two_wikis["home"], two_wikis["commons"]
    watermarks = {host: trail_of(a, host).watermark for host in (home.host, COMMONS)}
    transaction.commit()
    on_commons = logged_in(commons, ada)
    first = on_commons(f"User:{ada}/Gallery", "One")

    report = read_wiki(COMMONS, [a], later())  # read, then the process dies
    assert report.new == 1
    transaction.abort()
    assert trail_of(a, COMMONS).watermark == watermarks[COMMONS]
    assert not trail_of(a, COMMONS).contributions

    second = on_commons(f"User:{ada}/Gallery", "Two")
    home_edit = home.edit_as(ada, PASSWORD, f"User:{ada}/Brouillon", "Draft")
    with commons.stopped():
        reports = dict(zip(
            sorted((home.host, COMMONS)), run_due_checks(later()), strict=True))
    assert reports[COMMONS] is None and reports[home.host].new == 1
    assert list(trail_of(a, home.host).contributions) == [home_edit]
    assert trail_of(a, home.host).watermark > watermarks[home.host]
    assert trail_of(a, COMMONS).watermark == watermarks[COMMONS]

    assert check_wiki(COMMONS, now=later()).new == 2
    assert sorted(trail_of(a, COMMONS).contributions) == [first, second]
    assert check_wiki(COMMONS, now=later()).new == 0


def test_rest_and_dashboard_show_each_wiki(two_wikis, browser):
    a, _b = two_wikis["sessions"]
    ada, bob = learner_on_both(two_wikis, "Ada"), learner_on_both(two_wikis, "Bob")
    member = api.user.create(email="ada@example.org", username="ada", password=LEARNER_PASSWORD)
    member.setMemberProperties({"wiki_username": ada})
    enroll(a, member)
    add_learners(a, [bob, "Nobody Has This Name 321"], added_by="coach")
    transaction.commit()
    home, commons = two_wikis["home"], two_wikis["commons"]
    home.edit_as(ada, PASSWORD, f"User:{ada}/Brouillon", "Draft " + "x" * 50)
    commons.edit_as(ada, PASSWORD, f"User:{ada}/Gallery", "Pictures")
    commons.edit_as(bob, PASSWORD, "Sandbox", "Hello")
    run_due_checks(later())

    teacher = browser("coach", "coach-pw-12345")
    data = teacher.get(a.absolute_url() + "/@dashboard").json()
    wikis = {wiki["wiki"]: wiki for wiki in data["wikis"]}
    assert [wiki["wiki"] for wiki in data["wikis"]] == [home.host, COMMONS]
    assert wikis[home.host]["home"] and not wikis[COMMONS]["home"]
    assert (wikis[home.host]["exercises_total"], wikis[COMMONS]["exercises_total"]) == (1, 2)
    assert (wikis[home.host]["edits"], wikis[COMMONS]["edits"]) == (1, 2)
    assert (wikis[home.host]["exercises_done"], wikis[COMMONS]["exercises_done"]) == (1, 1)
    assert wikis[COMMONS]["wiki_status"]["reachable"] is True
    assert wikis[COMMONS]["unknown_usernames"] == 1
    assert data["totals"]["edits"] == 3
    [learner] = [row for row in data["learners"] if row["wiki_username"] == ada]
    assert learner["exercises_done"] == 2 and learner["edits"] == 2
    assert [(wiki["wiki"], wiki["edits"], wiki["exercises_done"]) for wiki in learner["wikis"]] \
        == [(home.host, 1, 1), (COMMONS, 1, 1)]
    assert learner["wikis"][1]["wiki_links"]["contributions"].startswith(
        commons.api_url.rpartition("/")[0])
    assert {edit["wiki"] for edit in data["recent_edits"]} == {home.host, COMMONS}

    own = browser("ada", LEARNER_PASSWORD).get(a.absolute_url() + "/@progress").json()
    assert {item["title"]: item["wiki"] for item in own["items"]} == {
        "draft": home.host, "upload": COMMONS, "gallery": COMMONS}
    assert [(wiki["wiki"], wiki["exercises_done"], wiki["exercises_total"], wiki["edits"])
            for wiki in own["wikis"]] == [(home.host, 1, 1, 1), (COMMONS, 1, 2, 1)]

    learner = browser("ada", LEARNER_PASSWORD)
    learner.headers["Accept"] = "text/html"
    module = two_wikis["course"]["m"]
    for exercise_id, wiki in (("gallery", commons), ("upload", commons), ("draft", home)):
        practice = learner.get(module[exercise_id].absolute_url()).text
        assert wiki.api_url.rpartition("/")[0] + "/index.php?title=" in practice, exercise_id

    teacher.headers["Accept"] = "text/html"
    page = teacher.get(a.absolute_url() + "/@@dashboard").text
    assert COMMONS in page and "1/2" in page
    exported = teacher.get(a.absolute_url() + "/@@dashboard.csv").content.decode("utf-8-sig")
    rows = {row["wiki_username"]: row for row in csv.DictReader(io.StringIO(exported))}
    assert rows[ada][f"exercises_done {COMMONS}"] == "1"
    assert rows[ada][f"edits {home.host}"] == "1"
    assert rows[bob][f"edits {COMMONS}"] == "1" and rows[bob]["exercises_done"] == "0"


def test_the_upgrade_keeps_each_session_s_wiki_progress_and_watermark(two_wikis, mediawiki):
    """A session's tracking as it was before several wikis (no trails; confirmed and
    unknown usernames and the next check in the session) is upgraded in place."""
    a, _b = two_wikis["sessions"]
    a.other_wikis = []
    ada = learner_on_both(two_wikis, "Ada")
    add_learners(a, [ada], added_by="coach")
    old = tracking_of(a)
    on_home = logged_in(mediawiki, ada)
    first = on_home(f"User:{ada}/Brouillon", "Draft")
    check_wiki(mediawiki.host, now=later())
    del old.trails
    old.confirmed_usernames, old.unknown_usernames = OOTreeSet([ada]), ()
    old.next_due = "2000-01-01T00:00:00Z"
    transaction.commit()
    kept = (old.watermark, dict(old.progress), list(old.contributions))

    v20261203200.upgrade(api.portal.get_tool("portal_setup"))
    transaction.commit()

    tracking = tracking_of(a)
    assert (tracking.watermark, dict(tracking.progress), list(tracking.contributions)) == kept
    assert progress_of(a, ada, "draft").revid == first
    assert not hasattr(tracking, "confirmed_usernames") and not tracking.trails
    assert session_wikis(a) == [mediawiki.host]
    past(tracking.watermark)
    second = on_home("Upgraded page", "After the upgrade")
    wiki_checks(mediawiki.host).next_due = None
    a.other_wikis = [COMMONS]
    transaction.commit()
    run_due_checks(later())
    assert sorted(tracking.contributions) == [first, second]
    assert trail_of(a, COMMONS).watermark == tracking.watermark > kept[0]
