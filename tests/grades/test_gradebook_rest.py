"""The grade book over REST, for the session's teachers: the grading policy (GET,
PATCH), the batched grade book (sorted, searched, filtered by module), a learner's
detail, and a learner's own grades (@my-grades)."""

from grade_world import answer_check
from wikimooc.policy.enrollment import add_learners

import pytest
import transaction


SESSION = "/en/intro/spring"


@pytest.fixture
def graded_learners(served, served_results, client):
    """Ada answers the graded quiz right over REST and did "draft"; Bob answered half
    of it; twelve more learners did nothing."""
    for login_name, right in (("ada", 2), ("bob", 1)):
        answer_check(client, served, login_name, right)
    transaction.begin()
    served_results.wiki_done("Ada", "draft")
    add_learners(served["session"], [f"Learner{number:02d}" for number in range(12)], "teacher")
    transaction.commit()
    return served


def test_the_teacher_reads_and_changes_the_grading_policy(served, client):
    teacher = client("teacher")
    policy = teacher.get(SESSION + "/@grading-policy").json()
    assert policy["weights"] == {"quizzes": 40.0, "wiki": 30.0, "peer": 30.0}
    assert [item["uid"] for item in policy["gradable_items"]] == [
        served[name].UID() for name in ("check", "draft", "sources", "practice", "article")
    ]
    changed = teacher.patch(SESSION + "/@grading-policy", json={
        "pass_mark": 60, "quiz_attempt": "last", "items": [served["check"].UID()],
    })
    assert changed.status_code == 200, changed.text
    again = teacher.get(SESSION + "/@grading-policy").json()
    assert (again["pass_mark"], again["quiz_attempt"], again["items"]) == (
        60.0, "last", [served["check"].UID()])


@pytest.mark.parametrize(
    "body, message",
    [
        ({"weights": {"quizzes": -5}}, "The weight of quizzes must be a number, 0 or more."),
        ({"pass_mark": 150}, "The pass mark must be a percentage, from 0 to 100."),
        ({"items": ["nope"]}, "nope is no quiz or exercise of this course."),
        ({"pass_mark": 70, "quiz_attempt": "first"},
         "\"quiz_attempt\" must be \"best\" or \"last\"."),
    ],
)
def test_bad_policies_are_refused_and_change_nothing(served, client, body, message):
    teacher = client("teacher")
    before = teacher.get(SESSION + "/@grading-policy").json()
    response = teacher.patch(SESSION + "/@grading-policy", json=body)
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "GradingRefused", "message": message}
    assert teacher.get(SESSION + "/@grading-policy").json() == before


def test_the_grade_book_is_batched_in_wiki_username_order(graded_learners, client):
    book = client("teacher").get(SESSION + "/@gradebook?b_size=5").json()
    assert book["items_total"] == 14 and len(book["items"]) == 5
    assert [row["wiki_username"] for row in book["items"]] == [
        "Ada", "Bob", "Learner00", "Learner01", "Learner02"]
    assert [column["title"] for column in book["columns"]] == [
        "Check", "Start your draft", "Cite your sources", "Write an article"]
    ada, bob = book["items"][:2]
    assert (ada["grade"], ada["passed"], bob["grade"], bob["passed"]) == (55.0, True, 20.0, False)
    assert [item["score"] for item in ada["items"]] == [100.0, 100.0, None, 0.0]
    assert "next" in book["batching"]
    last = client("teacher").get(SESSION + "/@gradebook?b_size=5&b_start=10").json()
    assert [row["wiki_username"] for row in last["items"]] == [
        "Learner08", "Learner09", "Learner10", "Learner11"]


@pytest.mark.parametrize(
    "query, first_three",
    [
        ("sort_on=grade&sort_order=descending", ["Ada", "Bob", "Learner00"]),
        ("sort_on=grade", ["Learner00", "Learner01", "Learner02"]),
        ("sort_on=wiki_username&sort_order=descending", ["Learner11", "Learner10", "Learner09"]),
        ("search=learner1", ["Learner10", "Learner11"]),
        ("search=BO", ["Bob"]),
        ("search=nobody", []),
    ],
)
def test_sorting_and_searching(graded_learners, client, query, first_three):
    book = client("teacher").get(f"{SESSION}/@gradebook?b_size=3&{query}").json()
    assert [row["wiki_username"] for row in book["items"]] == first_three


def test_sorting_by_an_item(graded_learners, client):
    uid = graded_learners["check"].UID()
    book = client("teacher").get(
        f"{SESSION}/@gradebook?sort_on={uid}&sort_order=descending&b_size=3").json()
    assert [(row["wiki_username"], row["items"][0]["score"]) for row in book["items"]] == [
        ("Ada", 100.0), ("Bob", 50.0), ("Learner00", None)]


def test_filtering_by_module(graded_learners, client):
    book = client("teacher").get(SESSION + "/@gradebook?module=more&b_size=1").json()
    assert [column["title"] for column in book["columns"]] == ["Write an article"]
    assert [item["title"] for item in book["items"][0]["items"]] == ["Write an article"]
    assert book["items"][0]["grade"] == 55.0  # the overall grade still


@pytest.mark.parametrize(
    "query, message",
    [
        ("sort_on=colour", "\"sort_on\" must be wiki_username, grade or the UID"),
        ("sort_order=sideways", "\"sort_order\" must be ascending or descending."),
        ("module=nowhere", "This grade book has no module nowhere."),
        ("b_size=-1", "\"b_size\" must be a whole number, 1 or more."),
        ("module=basics&module=more", "Give \"search\", \"module\", \"sort_on\" and"),
        ("sort_on=grade&sort_on=grade", "Give \"search\", \"module\", \"sort_on\" and"),
    ],
)
def test_bad_queries_are_refused(graded_learners, client, query, message):
    response = client("teacher").get(f"{SESSION}/@gradebook?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(message)


def test_a_learners_detail(graded_learners, client):
    response = client("teacher").get(SESSION + "/@gradebook/ada")
    assert response.status_code == 200
    detail = response.json()
    assert detail["wiki_username"] == "Ada" and detail["grade"] == 55.0
    assert detail["categories"] == {"quizzes": 100.0, "wiki": 50.0, "peer": 0.0}
    missing = client("teacher").get(SESSION + "/@gradebook/Cleo")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "Cleo is not a learner of this session."


def test_a_learner_reads_their_own_grades(graded_learners, client):
    mine = client("bob").get(SESSION + "/@my-grades").json()
    assert mine["wiki_username"] == "Bob"
    assert (mine["grade"], mine["pass_mark"], mine["to_pass"]) == (20.0, 50.0, 30.0)
    check = mine["items"][0]
    assert (check["title"], check["attempts_used"], check["attempts_left"]) == ("Check", 1, 1)
    refused = client("cleo").get(SESSION + "/@my-grades")
    assert refused.status_code == 403


def test_the_csv_has_every_learner_with_wiki_usernames(graded_learners, client):
    response = client("teacher").get(SESSION + "/@@gradebook.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8's byte order mark
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("wiki_username,user_page,grade,passed,Check (")
    assert len(lines) == 15
    assert lines[1].startswith("Ada,https://en.wikipedia.org/wiki/User:Ada,55.0,yes,100.0,100.0,,0.0")
    assert lines[2].startswith("Bob,https://en.wikipedia.org/wiki/User:Bob,20.0,no,50.0,0.0,,0.0")


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("patch", "/@grading-policy", "not json", 400),
        ("patch", "/@grading-policy", [1, 2], 400),
        ("patch", "/@grading-policy", '{"weights": {"quizzes": 1e400}}', 400),  # infinity
        ("patch", "/@grading-policy", {"weights": {"quizzes": "1e999"}}, 400),
        ("patch", "/@grading-policy", {"items": [None]}, 400),
        ("patch", "/@grading-policy", {"items": [["x"]]}, 400),
        ("patch", "/@grading-policy", {"quiz_attempt": ["best"]}, 400),
        ("patch", "/@grading-policy", {"pass_mark": "\u0665\u0660"}, 200),  # Arabic-Indic 50
        ("get", "/@gradebook/عمر", None, 404),
        ("get", "/@gradebook/a/b", None, 400),
        ("get", "/@gradebook/%E2%80%AEAda", None, 200),  # a bidi control: normalised away
        ("get", "/@gradebook?search=%E2%80%AE%3Cscript%3E", None, 200),
        ("get", "/@gradebook?search=*%20OR%201%3D1", None, 200),
        ("get", "/@gradebook?b_start=999999", None, 200),
    ],
)
def test_hostile_input_is_a_4xx_or_handled(graded_learners, client, method, path, body, status):
    teacher = client("teacher")
    before = teacher.get(SESSION + "/@grading-policy").json()
    kwargs = {"data": body} if isinstance(body, str) else {"json": body}
    if body is not None and isinstance(body, str):
        kwargs["headers"] = {"Content-Type": "application/json"}
    response = getattr(teacher, method)(SESSION + path, **kwargs)
    assert response.status_code == status, response.text[:300]
    if status >= 400:
        assert response.json()["error"]["message"]
        assert teacher.get(SESSION + "/@grading-policy").json() == before
