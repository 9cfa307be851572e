"""Due dates where peer-reviewed work is handed in: refused with the reason past
its due date when the schedule refuses late work (the submission stays a draft),
else handed in and shown late on the learner's agenda and the teacher dashboard."""

from course_dates_helpers import moment
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest
import transaction


SESSION = "/en/intro/public-session"
RUBRIC = {"criteria": [{"title": "Sources", "levels": [{"title": "None", "points": 0},
                                                        {"title": "Some", "points": 1}]}]}


@pytest.fixture
def peer_exercise(dated, site):
    with api.env.adopt_roles(["Manager"]):
        exercise = api.content.create(
            container=dated["week1"], type="Exercise", id="sources", title="Cite sources",
            check="peer", rubric=RUBRIC, instructions=RichTextValue("<p>Add sources.</p>"),
        )
    transaction.commit()
    return exercise


@pytest.mark.parametrize(
    "late, now, status, agenda_status",
    [
        ("refuse", "2027-03-15T00:00", 400, "late"),
        ("accept", "2027-03-15T00:00", 200, "done_late"),
        ("refuse", "2027-03-14T23:00", 200, "done"),
    ],
)
def test_handing_in_past_due(peer_exercise, client, set_now, monkeypatch,
                             late, now, status, agenda_status):
    teacher = client("teacher")
    assert teacher.patch(SESSION + "/@schedule", json={"dates": {
        peer_exercise.UID(): {"late": late}}}).status_code == 200
    set_now(now)
    # The round records the hand-in at the peer review's own clock.
    monkeypatch.setattr("wikimooc.workflows.peerreview.subscribers.now",
                        lambda: moment(now).isoformat())
    ada = client("ada")
    created = ada.post(SESSION + "/@submissions", json={
        "exercise": peer_exercise.UID(), "text": "Three sources.", "links": []})
    assert created.status_code == 201, created.text
    handed_in = ada.post(created.json()["@id"] + "/@workflow/submit", json={})
    assert handed_in.status_code == status, handed_in.text
    if status == 400:
        assert handed_in.json()["error"]["message"] == (
            "Cite sources was due on March 14, 2027: late work is not accepted.")
        assert ada.get(created.json()["@id"]).json()["review_state"] == "draft"
    agenda = {item["title"]: item for item in ada.get(SESSION + "/@agenda").json()["items"]}
    assert agenda["Cite sources"]["status"] == agenda_status
    dashboard = teacher.get(SESSION + "/@dashboard").json()
    [row] = [row for row in dashboard["learners"] if row["wiki_username"] == "Ada"]
    assert ("Cite sources" in row["late_work"]) == (agenda_status == "done_late")
    assert ("Cite sources" in row["missing_work"]) == (agenda_status == "late")
