"""Creating the draft course from an archive, and exporting it back (integration
layer: the steps the worker runs, called here in the test's transaction)."""

from datetime import date
from olx_archives import full_course
from olx_archives import tar_gz
from plone import api
from plone.app.testing import TEST_USER_NAME
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.coursedates.schedule_table import schedule_table
from wikimooc.policy.coursedates.storage import dates_of
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.olx.archive import Limits
from wikimooc.policy.olx.archive import read_archive
from wikimooc.policy.olx.creating import create_course
from wikimooc.policy.olx.exporting import export_course
from wikimooc.policy.olx.imports import confirm
from wikimooc.policy.olx.imports import get_import
from wikimooc.policy.olx.imports import run_creation
from wikimooc.policy.olx.imports import run_reading
from wikimooc.policy.olx.imports import start
from wikimooc.policy.olx.reading import read_course
from wikimooc.policy.quiz.content import answer_key
from wikimooc.policy.quiz.grading import grade
from wikimooc.policy.video.uploaded import uploaded_tracks
from wikimooc.workflows.behaviors import IPeerReviewExercise
from wikimooc.workflows.refusals import Refused

import pytest
import re


@pytest.fixture
def files():
    return read_archive(tar_gz(full_course()), Limits())


@pytest.fixture
def imported(portal, files):
    with api.env.adopt_roles(["Manager"]):
        return create_course(read_course(files), files, portal["fr"])


def test_the_course_is_a_draft_with_attribution_and_licence(imported):
    assert api.content.get_state(imported) == "draft"
    assert imported.Title() == "Wikimooc"
    assert imported.organisation == "WikiFr"
    assert imported.authors == ["WikiFr"]
    assert imported.license == "cc-by-sa-4.0"
    assert imported.Description() == "Learn to edit Wikipedia."
    assert "WikiFr / WM01 / 2027" in imported.text.output
    assert imported.image.data.startswith(b"\x89PNG")


def test_modules_lessons_quiz_and_exercise(imported):
    modules = [item for item in imported.objectValues() if item.portal_type == "Module"]
    assert [module.Title() for module in modules] == ["Discover", "Inline chapter"]
    assert [(item.portal_type, item.Title()) for item in modules[0].objectValues()] == [
        ("Lesson", "The pillars"), ("Quiz", "The pillars"), ("Exercise", "Write a stub")]
    lesson, quiz, exercise = modules[0].objectValues()
    assert lesson.videos == ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]
    assert quiz.attempts_allowed == 3
    assert [question.kind for question in quiz.questions()] == [
        "single", "multiple", "dropdown", "number", "text", "text"]
    assert grade(answer_key(quiz.questions()[3]), "2002").correct
    review = IPeerReviewExercise(exercise)
    assert [criterion["title"] for criterion in review.rubric["criteria"]] == [
        "Sources", "Neutral tone"]
    assert (exercise.check, review.reviews_to_give, review.reviews_required) == ("peer", 4, 2)


def test_static_files_become_files_and_images_the_texts_point_at(imported):
    kinds = {item.Title(): item.portal_type for item in imported.objectValues()
             if item.portal_type in ("File", "Image")}
    assert kinds == {"pillars.png": "Image", "cover.png": "Image", "docs/guide.pdf": "File",
                     "welcome-en.srt": "File", "welcome-fr.srt": "File"}
    lesson = imported["discover"]["the-pillars"]
    image = next(item for item in imported.objectValues() if item.Title() == "pillars.png")
    assert f"resolveuid/{image.UID()}" in lesson.text.raw
    assert "/static/pillars.png" not in lesson.text.raw
    assert "welcome-fr.srt" not in lesson.text.raw


def test_transcripts_become_the_videos_subtitle_tracks(imported):
    lesson = imported["discover"]["the-pillars"]
    youtube = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert uploaded_tracks(lesson, youtube) == {
        "en": ((0.0, 2.5, "Welcome to Wikipedia."),),
        "fr": ((0.0, 2.5, "Bienvenue sur Wikipédia."),)}
    assert "(fr)" not in lesson.text.raw  # no longer a link to the file


def test_the_export_writes_the_tracks_back_as_srt(imported):
    with api.env.adopt_roles(["Manager"]):
        files = read_archive(export_course(imported)[1], Limits())
    video = next(content for path, content in files.items() if path.startswith("sequential/")
                 and b"<video" in content)
    assert b'<transcript language="fr" src="transcript-' in video
    (srt,) = [path for path in files if path.startswith("static/transcript-")
              and path.endswith("-fr.srt")]
    assert files[srt] == b"1\n00:00:00,000 --> 00:00:02,500\nBienvenue sur Wikip\xc3\xa9dia.\n"


def test_scripts_in_html_never_reach_the_page(imported):
    lesson = imported["discover"]["the-pillars"]
    assert "<script" in lesson.text.raw  # kept as written, like any pasted text
    assert "<script" not in lesson.text.output and "alert(1)" not in lesson.text.output


def test_sessions_of_the_course_get_its_grading_policy(imported):
    with api.env.adopt_roles(["Manager"]):
        session = api.content.create(
            container=imported, type="CourseSession", title="Spring", start=date(2027, 3, 1),
            end=date(2027, 4, 30), wiki="fr.wikipedia.org")
    policy = grading_policy(session)
    assert policy.pass_mark == 60.0
    assert policy.weight_of() == {"quizzes": 60.0, "wiki": 0.0, "peer": 40.0}


def structure(course):
    """What a round trip keeps: the tree, texts' words, questions and rubrics."""
    found = []
    for module in course.objectValues():
        if module.portal_type != "Module":
            continue
        for item in module.objectValues():
            entry = [module.Title(), item.portal_type, item.Title()]
            if item.portal_type == "Lesson":
                entry.append(" ".join(api.portal.get_tool("portal_transforms").convertTo(
                    "text/plain", item.text.raw, mimetype="text/html").getData().split()))
                entry.append(tuple(item.videos))
                entry.append([uploaded_tracks(item, line) for line in item.videos])
            elif item.portal_type == "Quiz":
                entry.append(item.attempts_allowed)
                entry.extend((q.kind, q.points, answer_key(q), q.hint) for q in item.questions())
            elif item.portal_type == "Exercise":
                review = IPeerReviewExercise(item)
                entry.extend((review.rubric, review.reviews_to_give, review.reviews_required))
            found.append(entry)
    return found


def test_an_export_imported_back_yields_the_same_course(portal, imported):
    with api.env.adopt_roles(["Manager"]):
        filename, data = export_course(imported)
        files = read_archive(data, Limits())
        plan = read_course(files)
        again = create_course(plan, files, portal["en"])
    assert filename == "wikimooc.tar.gz"
    assert plan["skipped"] == []
    assert [warning["detail"] for warning in plan["warnings"]] == ["missing.pdf"]
    assert structure(again) == structure(imported)
    assert again.Title() == imported.Title()
    assert {re.sub(r"-h\d+-", "-h-", item.Title()) for item in again.objectValues()
            if item.portal_type == "File"} == {
        "docs/guide.pdf", "welcome-en.srt", "welcome-fr.srt",
        "transcript-h-0-en.srt", "transcript-h-0-fr.srt"}


def test_the_import_steps_from_upload_to_course(portal):
    """A Course Author of the French root imports; the worker creates as them."""
    api.user.grant_roles(username=TEST_USER_NAME, obj=portal["fr"], roles=["Course Author"])
    started = start(portal["fr"], "wikimooc.tar.gz", tar_gz(full_course()))
    assert started.status == "queued"
    run_reading(portal["fr"], started.id)
    assert started.status == "ready" and started.plan["title"] == "Wikimooc"
    confirm(portal["fr"], started.id, "cc-by-4.0", ["wikipedia", "commons"])
    course = run_creation(portal["fr"], started.id)
    assert started.status == "done" and started.progress == 100
    assert course.license == "cc-by-4.0" and course.projects == ("wikipedia", "commons")
    assert get_import(portal["fr"], started.id) is started


def test_a_refused_archive_is_recorded_and_creates_nothing(portal):
    before = set(portal["fr"].objectIds())
    with api.env.adopt_roles(["Manager"]):
        started = start(portal["fr"], "bad.tar.gz", b"not an archive")
        run_reading(portal["fr"], started.id)
        assert started.status == "refused"
        with pytest.raises(Refused):
            confirm(portal["fr"], started.id)
    assert "not a .tar.gz" in started.refusal
    assert set(portal["fr"].objectIds()) == before


def test_a_creation_refused_midway_leaves_nothing(portal):
    """The licence checked at confirmation; a course the owner can no longer add is
    refused by the worker and rolled back."""
    before = set(portal["fr"].objectIds())
    with api.env.adopt_roles(["Manager"]):
        started = start(portal["fr"], "wikimooc.tar.gz", tar_gz(full_course()))
        run_reading(portal["fr"], started.id)
        with pytest.raises(Refused):
            confirm(portal["fr"], started.id, "gpl")
        confirm(portal["fr"], started.id)
    started.owner = "nobody-who-may-add"
    api.user.create(email="n@example.org", username="nobody-who-may-add", password="pw-12345678")
    run_creation(portal["fr"], started.id)
    assert started.status == "refused"
    assert set(portal["fr"].objectIds()) == before


def test_a_course_in_another_language_than_its_folder_is_warned(portal):
    with api.env.adopt_roles(["Manager"]):
        started = start(portal["en"], "wikimooc.tar.gz", tar_gz(full_course()))
        run_reading(portal["en"], started.id)
    (warning,) = [item for item in started.plan["warnings"] if item["reason"] == "language"]
    assert warning["detail"] == "fr → en"


@pytest.mark.parametrize(("license", "projects"), [
    ("gpl", None), (["cc-by-sa-4.0"], None), ("cc0-1.0", ["wikipedia", "myspace"]),
    ("cc0-1.0", 5), ("cc0-1.0", [{"id": "wikipedia"}]),
])
def test_a_licence_or_projects_not_offered_are_refused(portal, license, projects):
    with api.env.adopt_roles(["Manager"]):
        started = start(portal["fr"], "wikimooc.tar.gz", tar_gz(full_course()))
        run_reading(portal["fr"], started.id)
        with pytest.raises(Refused) as refused:
            confirm(portal["fr"], started.id, license, projects)
    assert refused.value.status == 400
    assert started.status == "ready"


def new_session(course, start, end):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=course, type="CourseSession", title="Run",
                                  start=start, end=end, wiki="fr.wikipedia.org")


def proposed_days(session):
    table = schedule_table(session)
    return table["proposed"], [
        (module["title"], module["opens"], [(item["kind"], item["due"])
                                            for item in module["items"]])
        for module in table["modules"]]


@pytest.mark.parametrize(("start", "end", "discover", "due", "inline"), [
    # The Open edX run's own days: its dates as they were.
    (date(2027, 3, 1), date(2027, 4, 30), "2027-03-08", "2027-03-20", "2027-04-05"),
    # Starting 189 days later: the same rhythm, moved.
    (date(2027, 9, 6), date(2027, 11, 5), "2027-09-13", "2027-09-25", "2027-10-11"),
    # A shorter session: nothing past its end.
    (date(2027, 3, 1), date(2027, 3, 15), "2027-03-08", "2027-03-15", "2027-03-15"),
])
def test_the_first_session_is_offered_the_open_edx_dates(imported, start, end, discover,
                                                          due, inline):
    session = new_session(imported, start, end)
    assert proposed_days(session) == (True, [
        ("Discover", discover, [("quiz", due), ("exercise", due)]),
        ("Inline chapter", inline, [])])
    assert dates_of(session, create=False) is None  # a proposal: nothing locked or due
    with api.env.adopt_roles(["Manager"]):
        set_schedule(session, {})  # the team saves it as offered
    table = schedule_table(session)
    assert (table["scheduled"], table["proposed"]) == (True, False)
    assert table["modules"][0]["opens"] == discover and table["modules"][0]["opens_set"]
    assert [item["due"] for item in table["modules"][0]["items"]] == [due, due]
    # Later sessions get the usual defaults (the Open edX run's dates are past).
    later = new_session(imported, date(2028, 1, 3), date(2028, 3, 3))
    assert proposed_days(later) == (False, [
        ("Discover", "2028-01-03", [("quiz", "2028-01-09"), ("exercise", "2028-01-09")]),
        ("Inline chapter", "2028-01-10", [])])


def test_self_paced_or_without_dates_the_defaults_stay(portal, imported):
    session = new_session(imported, date(2027, 3, 1), date(2027, 4, 30))
    with api.env.adopt_roles(["Manager"]):
        set_schedule(session, {"pacing": "self"})
    assert schedule_table(session)["modules"][0]["opens"] == 0
    files = full_course()
    files["policies/2027/policy.json"] = "{}"
    files["course/2027.xml"] = files["course/2027.xml"].replace(
        ' start="2027-04-05T00:00:00Z"', "")
    archive = read_archive(tar_gz(files), Limits())
    with api.env.adopt_roles(["Manager"]):
        plain = create_course(read_course(archive), archive, portal["en"])
    assert proposed_days(new_session(plain, date(2027, 3, 1), date(2027, 4, 30)))[0] is False
