"""Announcements mailed by the worker through the site's MailHost to a real SMTP
server on loopback (aiosmtpd): who receives them, their headers and language, the
unsubscribe link, the refused address recorded and not tried again."""

from html_pages import authenticator
from html_pages import html_client
from wikimooc.policy.announcements.sending import send_batches
from wikimooc.policy.announcements.sending import send_due
from wikimooc.policy.announcements.storage import announcements_of
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.taskqueue.site import task_site

import re
import transaction


PUBLIC = "/en/intro/public-session"
UNSUBSCRIBE = re.compile(r"https?://\S+/@@announcements-unsubscribe\?token=[^\s>]+")


def by_address(smtp):
    return {addresses[0]: mail for addresses, mail in smtp.recorder.mails}


def test_the_request_only_queues_the_worker_mails_everyone(learners, smtp, write, run_worker):
    response = write()
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "scheduled"
    assert smtp.recorder.mails == []  # nothing left during the request
    assert run_worker() == 1
    mails = by_address(smtp)
    # Eve's address is refused by the server; Gus learns in another session.
    assert sorted(mails) == [f"{login}@example.org" for login in ("ada", "bob", "cleo", "dan")]


def test_headers_language_and_text(learners, smtp, write, run_worker):
    write(subject="Week 2 is open", text="Read the second module.")
    run_worker()
    mails = by_address(smtp)
    english, french = mails["bob@example.org"], mails["ada@example.org"]
    assert english["To"] == "bob@example.org"
    assert str(english["Subject"]) == "[Public session] Week 2 is open"
    assert english["From"] == "WikiMOOC <courses@wikimooc.example.org>"
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
    body = english.get_content()
    assert "Read the second module." in body
    assert "Read it on the session's page: http" in body
    assert "You get this mail as a learner of Public session." in body
    assert "Vous recevez ce courriel" in french.get_content()
    link = UNSUBSCRIBE.search(body).group()
    # As sent: the plain <URL> of RFC 2369, not encoded words.
    assert dict(english.raw_items())["List-Unsubscribe"] == f"<{link}>"


def test_the_refused_address_is_recorded_and_not_tried_again(
    learners, smtp, write, run_worker, client
):
    announcement_id = write().json()["id"]
    run_worker()
    record = client("teacher").get(f"{PUBLIC}/@announcements/{announcement_id}").json()
    assert record["status"] == "sent"
    assert record["recipients"] == 5
    assert record["deliveries"] == {"sent": 4, "failed": 1, "skipped": 0, "interrupted": 0}
    (failure,) = record["failures"]
    assert failure["username"] == "Eve" and "550" in failure["error"]
    with task_site("plone"):  # the minute's sweep later: nothing left to send
        assert send_batches(learners["public"].UID(), announcement_id) == 0
    assert len(smtp.recorder.mails) == 4


def test_unsubscribing_stops_the_next_announcements(learners, smtp, write, run_worker, client):
    write()
    run_worker()
    link = UNSUBSCRIBE.search(by_address(smtp)["bob@example.org"].get_content()).group()
    visitor = html_client(client)  # no login: the signed link is the proof
    page = visitor.get(link)
    assert page.status_code == 200 and "Stop the announcements of" in page.text
    stopped = visitor.post(link, data={"_authenticator": authenticator(page.text)})
    assert "you will get no more of these mails" in stopped.text
    transaction.begin()
    bob = learners["portal"].acl_users.getUserById("bob").getId()
    assert bob in announcements_of(learners["public"]).unsubscribed

    second = write(subject="Week 3").json()
    run_worker()
    recipients = [addresses for addresses, mail in smtp.recorder.mails
                  if "Week 3" in str(mail["Subject"])]
    assert ("bob@example.org",) not in recipients and len(recipients) == 3
    record = client("teacher").get(f"{PUBLIC}/@announcements/{second['id']}").json()
    assert record["deliveries"]["skipped"] == 1


def test_a_forged_unsubscribe_link_changes_nothing(learners, smtp, write, run_worker, client):
    write()
    run_worker()
    link = UNSUBSCRIBE.search(by_address(smtp)["bob@example.org"].get_content()).group()
    page = html_client(client).get(link[:-3] + "abc")
    assert page.status_code == 400 and "This link is not valid." in page.text


def test_a_scheduled_announcement_waits_for_its_time(learners, smtp, write, run_worker, client):
    later = write(send_at="2099-01-01T09:00:00+01:00").json()
    assert later["send_at"] == "2099-01-01T08:00:00+00:00"
    assert run_worker() == 0 and smtp.recorder.mails == []
    with task_site("plone"):  # the minute's sweep
        send_due()
    transaction.begin()
    assert smtp.recorder.mails == []
    cancelled = client("teacher").delete(f"{PUBLIC}/@announcements/{later['id']}")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client("teacher").delete(f"{PUBLIC}/@announcements/{later['id']}")
    assert again.status_code == 409
    assert again.json()["error"]["message"] == (
        "Only an announcement that waits to be sent can be cancelled."
    )


def test_a_french_session_writes_in_french_to_whoever_names_no_language(
    learners, french_session, smtp, write, run_worker
):
    assert write(path="/fr/cours/printemps").status_code == 201
    run_worker()
    mail = by_address(smtp)["bob@example.org"]
    assert mail["Content-Language"] == "fr"
    body = mail.get_content()
    assert "À lire sur la page de la session : http" in body
    assert "Vous recevez ce courriel en tant qu’apprenant de Printemps." in body  # noqa: RUF001


def test_learners_without_an_account_are_skipped_and_counted(
    learners, smtp, write, run_worker, client
):
    with task_site("plone"):  # a teacher added a wiki username that has no account here
        add_learners(learners["public"], ["Zoe"], added_by="teacher")
    announcement_id = write().json()["id"]
    run_worker()
    record = client("teacher").get(f"{PUBLIC}/@announcements/{announcement_id}").json()
    assert record["recipients"] == 6
    assert record["deliveries"] == {"sent": 4, "failed": 1, "skipped": 1, "interrupted": 0}
    outbox = announcements_of(learners["public"]).outboxes[announcement_id]
    assert outbox.deliveries["Zoe"].error == "no account"
