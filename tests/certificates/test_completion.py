"""What completing a session means (its certificate settings), evaluated from the
edit-tracking progress records and the peer-review grades; a certificate is issued
when a grade or a teacher's decision completes it."""

from wikimooc.policy.certificates.completion import is_complete
from wikimooc.policy.certificates.completion import requirements
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.certificates.storage import session_certificates
from wikimooc.policy.tracking.storage import Progress
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


def record_progress(session, username, exercise, done):
    transaction.begin()
    tracking_of(session).progress[(username, exercise.UID())] = Progress(
        done=done, when="2027-03-02T10:00:00Z", revid=42
    )
    transaction.commit()


@pytest.mark.parametrize(
    "wiki_done, points, minimum, complete",
    [
        (True, 5, 60, True),
        (True, 3, 60, True),  # 60 % exactly
        (True, 2, 60, False),
        (False, 5, 60, False),
        (None, 5, 60, False),  # no progress record at all
        (True, None, 60, False),  # handed in, not graded
        (True, 0, 0, True),
    ],
)
def test_completion_after_a_grade(certified, graded, wiki_done, points, minimum, complete):
    session = certified["session"]
    transaction.begin()
    session.certificate_minimum_grade = minimum
    transaction.commit()
    if wiki_done is not None:
        record_progress(session, "Ada", certified["draft"], wiki_done)
    if points is not None:
        graded("ada", points)

    found = requirements(session, "Ada", "ada")
    assert [(item.exercise.getId(), item.done) for item in found] == [
        ("draft", bool(wiki_done)), ("sources", points is not None and 100 * points / 5 >= minimum),
    ]
    if points is not None:
        assert found[1].grade == 100 * points / 5
    assert is_complete(found) is complete
    assert (certificate_of(session, "Ada") is not None) is complete
    assert certificate_of(session, "Bob") is None


def test_a_teachers_decision_completes_the_session(certified, graded, decide):
    graded("ada", 4)
    assert certificate_of(certified["session"], "Ada") is None
    decide("Ada", certified["draft"])
    certificate = certificate_of(certified["session"], "Ada")
    assert certificate.exercises == ("Start your draft", "Cite your sources")
    assert certificate.name == "Ada" and certificate.user_id == "ada"
    assert (certificate.course, certificate.session) == ("Introduction", "Public session")
    assert (certificate.start, certificate.end) == ("2027-03-01", "2027-04-30")
    assert certificate.organisation == "Wikimedia UK" and certificate.language == "en"


def test_a_session_without_required_exercises_issues_nothing(certified, graded, decide):
    transaction.begin()
    certified["session"].certificate_exercises = []
    transaction.commit()
    record_progress(certified["session"], "Ada", certified["draft"], True)
    graded("ada", 5)
    assert requirements(certified["session"], "Ada", "ada") == []
    assert session_certificates(certified["session"]) == []


def test_one_certificate_per_learner(certified, graded, decide):
    graded("ada", 5)
    decide("Ada", certified["draft"])
    code = certificate_of(certified["session"], "Ada").code
    decide("Ada", certified["draft"])
    assert [item.code for item in session_certificates(certified["session"])] == [code]


def test_the_grade_of_a_cancelled_submission_does_not_count(certified, graded, client):
    record_progress(certified["session"], "Ada", certified["draft"], False)
    url = graded("ada", 5)
    cancelled = client("teacher").post(url + "/@workflow/cancel", json={"comment": "Plagiarism."})
    assert cancelled.status_code == 200, cancelled.text
    transaction.begin()
    assert requirements(certified["session"], "Ada", "ada")[1].done is False
