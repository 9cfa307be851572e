from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.enrollment import EnrollmentRefused
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import learners_group_id
from wikimooc.policy.enrollment import leave
from zope.i18n import translate

import pytest


def test_open_session_enrolls_and_grants_the_learner_role(open_session, members):
    session = open_session()
    assert enroll(session, members["ada"]) is True
    assert is_enrolled(session, members["ada"])
    assert "Ada" in session.enrollments
    assert len(session.enrollments) == 1
    assert "Learner" in api.user.get_roles(user=members["ada"], obj=session)
    assert "Learner" not in api.user.get_roles(user=members["bob"], obj=session)


def test_enrolling_twice_changes_nothing(open_session, members):
    session = open_session()
    enroll(session, members["ada"])
    assert enroll(session, members["ada"]) is False
    assert len(session.enrollments) == 1


@pytest.mark.parametrize(
    "key, enrolled", [("pillars-2027", True), ("wrong", False), (None, False), ("", False)]
)
def test_enrollment_key(open_session, members, key, enrolled):
    session = open_session(enrollment_policy="key", enrollment_key="pillars-2027")
    if enrolled:
        assert enroll(session, members["ada"], key=key)
    else:
        with pytest.raises(EnrollmentRefused) as refused:
            enroll(session, members["ada"], key=key)
        assert refused.value.status == 403
        assert "key is wrong" in refused.value.message
        assert len(session.enrollments) == 0


@pytest.mark.parametrize(
    "invited, login, enrolled",
    [
        (["Ada"], "ada", True),
        (["User:ada"], "ada", True),
        (["Utilisateur:Ada", "Bob"], "bob", True),
        (["Bob"], "ada", False),
        ([], "ada", False),
    ],
)
def test_invitation_list(open_session, members, invited, login, enrolled):
    session = open_session(enrollment_policy="invitation", invited=invited)
    if enrolled:
        assert enroll(session, members[login])
    else:
        with pytest.raises(EnrollmentRefused) as refused:
            enroll(session, members[login])
        assert refused.value.status == 403
        assert "invitation only" in refused.value.message


def test_full_session_refuses_with_409(open_session, members):
    session = open_session(capacity=2)
    enroll(session, members["ada"])
    enroll(session, members["bob"])
    with pytest.raises(EnrollmentRefused) as refused:
        enroll(session, members["cleo"])
    assert refused.value.status == 409
    assert "full" in refused.value.message
    assert len(session.enrollments) == 2


def test_leaving(open_session, members):
    session = open_session()
    enroll(session, members["ada"])
    assert leave(session, members["ada"]) is True
    assert not is_enrolled(session, members["ada"])
    assert len(session.enrollments) == 0
    assert "Learner" not in api.user.get_roles(user=members["ada"], obj=session)
    assert leave(session, members["ada"]) is False


def test_teacher_adds_learners_by_wiki_username(open_session, members):
    session = open_session(capacity=1, enrollment_policy="invitation")
    results = add_learners(
        session,
        ["Jean_Dupont", "User:Jean Dupont", "Bad#Name", " ", "ada"],
        added_by="teacher",
    )
    assert [(r["given"], r.get("name"), r["status"]) for r in results] == [
        ("Jean_Dupont", "Jean Dupont", "added"),
        ("User:Jean Dupont", "Jean Dupont", "already_enrolled"),
        ("Bad#Name", None, "invalid"),
        (" ", None, "invalid"),
        ("ada", "Ada", "added"),
    ]
    assert translate(results[2]["reason"]) == "contains a forbidden character: #"
    assert len(session.enrollments) == 2
    assert session.enrollments.learners["Jean Dupont"].user_id is None
    assert session.enrollments.learners["Ada"].user_id == "ada"
    assert session.enrollments.learners["Ada"].added_by == "teacher"
    assert "Learner" in api.user.get_roles(user=members["ada"], obj=session)


def test_each_session_has_its_own_learners_group(open_session, members):
    first, second = open_session(), open_session(title="Autumn 2027")
    enroll(first, members["ada"])
    assert learners_group_id(first) != learners_group_id(second)
    assert "Learner" not in api.user.get_roles(user=members["ada"], obj=second)


def test_deleting_a_session_takes_its_learners_out_of_its_group(open_session, members):
    session = open_session()
    enroll(session, members["ada"])
    group_id = learners_group_id(session)
    assert group_id in api.user.get(username="ada").getGroups()
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(session)
    assert group_id not in api.user.get(username="ada").getGroups()


def test_a_copied_session_starts_empty(open_session, members, course):
    session = open_session()
    enroll(session, members["ada"])
    with api.env.adopt_roles(["Manager"]):
        copy = api.content.copy(source=session, target=course, id="copy")
    assert len(copy.enrollments) == 0
    assert "Learner" not in api.user.get_roles(user=members["ada"], obj=copy)
