import pytest


def test_teacher_adds_a_pasted_list(site, client):
    response = client("teacher").post(
        "/en/intro/public-session/@enrollments",
        json={"usernames": "Jean_Dupont\nUser:Jean Dupont, Bad#Name; ada"},
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(item["given"], item.get("name"), item["status"]) for item in items] == [
        ("Jean_Dupont", "Jean Dupont", "added"),
        ("User:Jean Dupont", "Jean Dupont", "already_enrolled"),
        ("Bad#Name", None, "invalid"),
        ("ada", "Ada", "added"),
    ]
    assert items[2]["reason"] == "contains a forbidden character: #"


def test_teacher_lists_learners_in_batches(site, client):
    teacher = client("teacher")
    names = [f"Learner {number:02d}" for number in range(30)]
    teacher.post("/en/intro/public-session/@enrollments", json={"usernames": names})
    first = teacher.get("/en/intro/public-session/@enrollments?b_size=25").json()
    assert first["items_total"] == 30
    assert len(first["items"]) == 25
    assert first["items"][0]["wiki_username"] == "Learner 00"
    assert set(first["items"][0]) == {
        "user_id", "wiki_username", "enrolled", "added_by", "wiki_links"
    }
    assert first["items"][0]["added_by"] == "teacher"
    second = teacher.get(first["batching"]["next"]).json()
    assert [item["wiki_username"] for item in second["items"]] == names[25:]


@pytest.mark.parametrize("login, status", [(None, 401), ("ada", 401), ("manager", 200)])
def test_only_teachers_and_managers_see_the_learners(site, client, login, status):
    assert client(login).get("/en/intro/public-session/@enrollments").status_code == status


@pytest.mark.parametrize(
    "body", [{}, {"usernames": []}, {"usernames": [1, 2]}, {"usernames": {"a": 1}}]
)
def test_bad_body_is_a_400_and_adds_nobody(site, client, body):
    response = client("teacher").post("/en/intro/public-session/@enrollments", json=body)
    assert response.status_code == 400
    assert "usernames" in response.json()["error"]["message"]
    assert client("teacher").get("/en/intro/public-session/@enrollments").json()["items_total"] == 0


def test_learners_cannot_add_learners(site, client):
    response = client("ada").post(
        "/en/intro/public-session/@enrollments", json={"usernames": ["Bob"]}
    )
    assert response.status_code == 401


def test_enrollment_key_is_never_shown_to_learners(site, client):
    client("ada").post("/en/intro/private-session/@enroll", json={"key": "pillars"})
    as_learner = client("ada").get("/en/intro/private-session").json()
    as_teacher = client("teacher").get("/en/intro/private-session").json()
    assert "enrollment_key" not in as_learner and "invited" not in as_learner
    assert as_teacher["enrollment_key"] == "pillars"
    assert as_learner["kind"]["token"] == "private"
    assert as_learner["wiki"] == "en.wikipedia.org"
