"""Reminders: one digest a day per learner at most, gathering every kind that has
something for them (reviews still owed, a certificate ready, no activity for the
session's N days), in their language, through a real SMTP server on loopback; the
teaching team switches kinds off for a session, each learner for themselves."""

from collections import Counter
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from html_pages import authenticator
from html_pages import html_client
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.announcements.reminders import learner_reminders
from wikimooc.policy.announcements.reminders import send_reminders
from wikimooc.policy.taskqueue.site import task_site
from wikimooc.workflows.peerreview.storage import round_for

import pytest
import re
import threading
import transaction


PUBLIC = "/en/intro/public-session"
APRIL = datetime(2027, 4, 1, 8, 0, tzinfo=UTC)  # a month into the sessions
RUBRIC = {"criteria": [{"title": "Sources", "levels": [{"title": "None", "points": 0},
                                                      {"title": "Reliable", "points": 2}]}]}
UNSUBSCRIBE = re.compile(r"https?://\S+/@@announcements-unsubscribe\?token=[^\s>]+")


@pytest.fixture
def owed(learners):
    """Ada and Bob each still owe a review in the public session."""
    with task_site("plone"):
        for reviewer in ("ada", "bob"):
            round_for(learners["public"], "exercise-uid").allocate(f"work-of-{reviewer}", reviewer)
    transaction.begin()
    return learners


@pytest.fixture
def graded(learners, client):
    """Dan handed in work for a peer-reviewed exercise; the teacher graded it."""
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(
            container=learners["course"], type="Module", id="basics", title="Basics"
        )
        exercise = api.content.create(
            container=module, type="Exercise", id="sources", title="Cite your sources",
            check="peer", rubric=RUBRIC, instructions=RichTextValue("<p>Add sources.</p>"),
        )
    transaction.commit()
    draft = client("dan").post(PUBLIC + "/@submissions", json={
        "exercise": exercise.UID(), "text": "Three sources.",
        "links": ["https://en.wikipedia.org/w/index.php?diff=12345"],
    })
    assert draft.status_code == 201, draft.text
    url = draft.json()["@id"]
    assert client("dan").post(url + "/@workflow/submit", json={}).status_code == 200
    assert client("teacher").post(url + "/@grade-override", json={
        "points": 2, "reason": "Checked in class."
    }).status_code == 200
    return url


def digests(smtp, now):
    before = len(smtp.recorder.mails)
    with task_site("plone"):  # as the worker's hourly task runs it
        send_reminders(now)
    transaction.begin()
    return {addresses[0]: mail for addresses, mail in smtp.recorder.mails[before:]}


def test_one_digest_gathers_every_kind(owed, smtp):
    mails = digests(smtp, APRIL)
    # Eve's address is refused; Gus learns in the private session.
    assert sorted(mails) == [f"{login}@example.org" for login in ("ada", "bob", "cleo", "dan",
                                                                   "gus")]
    bob = mails["bob@example.org"]
    assert str(bob["Subject"]) == "Your WikiMOOC reminders"
    assert bob["Content-Language"] == "en"
    body = bob.get_content()
    assert "Public session:" in body
    assert "Reviews you still owe: 1." in body
    assert "You have done nothing in this session for 29 days." in body  # since 2 March
    assert "certificate" not in body
    cleo = mails["cleo@example.org"].get_content()
    assert "Your certificate is ready: http" in cleo and "Reviews you still owe" not in cleo
    assert UNSUBSCRIBE.search(body).group() in bob["List-Unsubscribe"]
    french = mails["ada@example.org"]
    assert str(french["Subject"]) == "Vos rappels WikiMOOC"
    assert "Évaluations que vous devez encore : 1." in french.get_content()
    with task_site("plone"):
        assert "eve" in learner_reminders().failed


# (learner, the language they read in, the count as it reads in their digest)
COUNTS = [
    ("bob", "en", "Reviews you still owe: 1,234."),
    ("ada", "fr", "Évaluations que vous devez encore : 1\u202f234."),
    ("dan", "de", "Bewertungen, die du noch schuldest: 1.234."),
    ("cleo", "ar", "المراجعات التي ما زالت عليك: 1,234."),
]


def test_counts_are_written_in_the_readers_language(learners, smtp):
    """1,234 reviews owed each (Babel's CLDR numbers: Latin digits in Arabic too)."""
    api.portal.set_registry_record("plone.available_languages", ["en", "fr", "de", "ar"])
    for login, language, _line in COUNTS:
        api.user.get(userid=login).setMemberProperties({"language": language})
    transaction.commit()
    with task_site("plone"):
        pending = round_for(learners["public"], "exercise-uid")
        for login, _language, _line in COUNTS:
            for number in range(1234):
                pending.allocate(f"work-{number}", login)
    transaction.begin()
    mails = digests(smtp, APRIL)
    for login, language, line in COUNTS:
        mail = mails[f"{login}@example.org"]
        assert mail["Content-Language"] == language
        assert line in mail.get_content()


def test_at_most_one_a_day_and_what_was_told_is_not_told_again(owed, smtp):
    assert len(digests(smtp, APRIL)) == 5
    assert digests(smtp, APRIL + timedelta(hours=5)) == {}  # the same day
    next_day = digests(smtp, APRIL + timedelta(days=1))
    # Only what still lasts: the reviews owed (inactivity and the certificate were told).
    assert sorted(next_day) == ["ada@example.org", "bob@example.org"]
    assert "nothing in this session" not in next_day["bob@example.org"].get_content()


def test_graded_work_is_told_once(graded, smtp):
    first = digests(smtp, APRIL)["dan@example.org"].get_content()
    assert "Your work “" in first and f"” was graded: {graded}" in first
    later = digests(smtp, APRIL + timedelta(days=1))
    assert "dan@example.org" not in later


@pytest.mark.parametrize(
    "settings, received",
    [
        ({"kinds": {"no_activity": False}}, ["ada", "bob", "cleo", "gus"]),
        ({"kinds": {"no_activity": False, "reviews_owed": False}}, ["cleo", "gus"]),
        ({"inactive_days": 60}, ["ada", "bob", "cleo", "gus"]),
        ({"inactive_days": 20}, ["ada", "bob", "cleo", "dan", "gus"]),
    ],
)
def test_the_team_switches_kinds_for_the_session(owed, smtp, client, settings, received):
    changed = client("teacher").patch(PUBLIC + "/@reminder-settings", json=settings)
    assert changed.status_code == 200, changed.text
    assert sorted(digests(smtp, APRIL)) == [f"{login}@example.org" for login in received]


@pytest.mark.parametrize(
    "login, settings, status",
    [
        ("ada", {"inactive_days": 3}, 401),
        ("teacher", {"inactive_days": 0}, 400),
        ("teacher", {"inactive_days": "7"}, 400),
        ("teacher", {"kinds": {"birthdays": True}}, 400),
        ("teacher", {"kinds": {"no_activity": "no"}}, 400),
    ],
)
def test_bad_session_settings_change_nothing(learners, client, login, settings, status):
    assert client(login).patch(PUBLIC + "/@reminder-settings", json=settings).status_code == status
    assert client("teacher").get(PUBLIC + "/@reminder-settings").json() == {
        "@id": learners["public"].absolute_url() + "/@reminder-settings",
        "kinds": {"due_soon": True, "reviews_owed": True, "work_graded": True,
                  "certificate_ready": True, "no_activity": True},
        "inactive_days": 14,
    }


def test_each_learner_chooses_their_own(owed, smtp, client):
    assert client().get("/en/@reminders").status_code == 401
    chosen = client("bob").post("/en/@reminders", json={"kinds": {"no_activity": False}})
    assert chosen.json()["kinds"]["no_activity"] is False
    assert client("bob").post("/en/@reminders", json={"kinds": []}).status_code == 400
    body = digests(smtp, APRIL)["bob@example.org"].get_content()
    assert "Reviews you still owe" in body and "nothing in this session" not in body


def test_the_learners_page_and_the_digests_unsubscribe_link(owed, smtp, client):
    learner = html_client(client, "dan")
    page = learner.get("/en/@@reminders")
    assert "At most one mail a day" in page.text
    saved = learner.post("/en/@@choose-reminders", data={
        "_authenticator": authenticator(page.text), "kind-reviews_owed": "1",
    })
    assert "Your reminder choices are saved." in saved.text
    assert "dan@example.org" not in digests(smtp, APRIL)  # no_activity is off for Dan

    link = UNSUBSCRIBE.search(
        digests(smtp, APRIL + timedelta(days=1))["bob@example.org"].get_content()
    ).group()
    visitor = html_client(client)
    asked = visitor.get(link)
    assert "Stop every reminders digest?" in asked.text
    visitor.post(link, data={"_authenticator": authenticator(asked.text)})
    assert "bob@example.org" not in digests(smtp, APRIL + timedelta(days=2))


def test_two_workers_at_once_send_one_digest_each(owed, smtp):
    """Whichever way they interleave (the later one finds the digests sent today, or
    its claim conflicts with the first one's and it sends nothing), nobody gets two."""
    before = len(smtp.recorder.mails)
    ready = threading.Barrier(2)

    def worker():
        with task_site("plone"):
            ready.wait(timeout=30)
            send_reminders(APRIL)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    received = Counter(address for addresses, _mail in smtp.recorder.mails[before:]
                       for address in addresses)
    assert sorted(received) == [f"{login}@example.org"
                                for login in ("ada", "bob", "cleo", "dan", "gus")]
    assert set(received.values()) == {1}
