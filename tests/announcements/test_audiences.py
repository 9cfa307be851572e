"""Who an announcement reaches: each audience of the registry, table-driven, over
the learners of the conftest (Cleo certified, Bob active, the others not started),
and the refusals of bad announcements (nothing recorded)."""

from wikimooc.policy.announcements.announcing import history
from wikimooc.policy.announcements.sending import send_batches
from wikimooc.policy.announcements.storage import announcements_of
from wikimooc.policy.taskqueue.site import task_site

import pytest
import transaction


PUBLIC = "/en/intro/public-session"


@pytest.mark.parametrize(
    "fields, recipients",
    [
        ({}, ["Ada", "Bob", "Cleo", "Dan", "Eve"]),
        ({"audience": "everyone"}, ["Ada", "Bob", "Cleo", "Dan", "Eve"]),
        ({"audience": "not_started"}, ["Ada", "Cleo", "Dan", "Eve"]),
        ({"audience": "certified"}, ["Cleo"]),
        ({"audience": "not_certified"}, ["Ada", "Bob", "Dan", "Eve"]),
        ({"audience": "usernames", "usernames": "dan\nada, Dan"}, ["Ada", "Dan"]),
        ({"audience": "usernames", "usernames": ["Eve"]}, ["Eve"]),
    ],
)
def test_each_audience_reaches_its_learners(learners, write, fields, recipients):
    created = write(**fields)
    assert created.status_code == 201, created.text
    with task_site("plone"):
        send_batches(learners["public"].UID(), created.json()["id"])
    transaction.begin()
    outbox = announcements_of(learners["public"]).outboxes[created.json()["id"]]
    assert list(outbox.recipients) == recipients


@pytest.mark.parametrize(
    "fields, status, message",
    [
        ({"subject": ""}, 400, "Give the announcement a subject."),
        ({"text": "   "}, 400, "Write the text of the announcement."),
        ({"subject": "x" * 201}, 400, "Write at most 200 characters here."),
        ({"audience": "behind_schedule"}, 400,
         "Choose the audience among: everyone, not_started, certified, not_certified,"
         " usernames."),
        ({"audience": "usernames", "usernames": "Ada\nZed"}, 400,
         "These are not learners of this session: Zed."),
        ({"audience": "usernames", "usernames": ""}, 400,
         "Paste the wiki usernames of the learners to write to."),
        ({"audience": "usernames", "usernames": 3}, 400,
         "Give the wiki usernames as a list of names."),
        ({"send_at": "next tuesday"}, 400,
         "Give the sending time as a date and time, e.g. 2027-03-01T09:00."),
        ({"send_at": "2020-01-01T09:00"}, 400,
         "The sending time is past: choose a later one, or send now."),
    ],
)
def test_bad_announcements_are_refused_and_nothing_recorded(
    learners, write, fields, status, message
):
    refused = write(**fields)
    assert refused.status_code == status
    assert refused.json()["error"] == {"type": "BadRequest", "message": message}
    transaction.begin()
    assert history(learners["public"]) == []


def test_refusals_are_translated_under_fr(learners, client, french_session):
    refused = client("teacher").post(
        "/fr/cours/printemps/@announcements", json={"subject": "", "text": "Bonjour"}
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "Donnez un objet à l’annonce."  # noqa: RUF001
