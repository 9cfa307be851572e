"""The screenshot tour: the key pages in English and French, on a desktop and on a
phone, as learners, teachers and authors see them, saved for review under
test-artifacts/screenshots/tour/ (git-ignored). Every page of the tour is checked
for what a reviewer would otherwise have to spot: a page in the wrong language,
an error page, a page wider than the screen, Plone's footer."""

from browser_checks import DESKTOP
from browser_checks import PHONE
from browser_checks import SCREENSHOTS
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.forum.posting import answer
from wikimooc.policy.forum.posting import ask
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


TOUR = SCREENSHOTS / "tour"
PASSWORD = "secret-pw-123"


def course_in(container, language, texts):
    """A published course with a module, a lesson, an exercise, a running session
    with two learners (Ada, who asked a question, and Bob) and a few edits, and a
    session that starts in two months, where Ada is enrolled too."""
    course = api.content.create(
        container=container, type="Course", id=texts["id"], title=texts["course"],
        description=texts["description"], projects=("wikipedia",),
        audience=("students", "partners"), organisation="Wikimedia UK",
        organisation_kind="chapter", authors=["Ada Lovelace"],
    )
    course.manage_setLocalRoles("author", ["Owner"])
    course.reindexObjectSecurity()
    module = api.content.create(container=course, type="Module", id="basics", title=texts["module"])
    lesson = api.content.create(
        container=module, type="Lesson", id="wikis", title=texts["lesson"],
        wiki_pages=["Wikipedia:Five pillars"], tour="firstedit",
    )
    lesson.text = texts["lesson_text"]
    api.content.create(
        container=module, type="Exercise", id="draft", title=texts["exercise"],
        check="wiki", wiki_action="create_page", title_pattern="User:{username}/sandbox",
        namespace=2, min_bytes=200,
    )
    session = api.content.create(
        container=course, type="CourseSession", id="session", title=texts["session"],
        start=date.today() - timedelta(days=3), end=date.today() + timedelta(days=40),
        wiki="en.wikipedia.org", teachers=["teacher"],
    )
    later = api.content.create(
        container=course, type="CourseSession", id="later", title=texts["later"],
        start=date.today() + timedelta(days=60), end=date.today() + timedelta(days=120),
        wiki="en.wikipedia.org", teachers=["teacher"],
    )
    api.content.transition(course, to_state="published")
    api.content.transition(session, "open")
    api.content.transition(later, "open")
    enroll(session, api.user.get(username="ada"))
    enroll(later, api.user.get(username="ada"))
    add_learners(session, ["Bob"], added_by="teacher")
    tracking = tracking_of(session)
    for revid, (who, title, size) in enumerate(
        (("Ada", "User:Ada/sandbox", 420), ("Bob", "Sandbox", 36)), start=1
    ):
        tracking.record(Contribution(
            revid=revid, parentid=0, username=who, namespace=2 if who == "Ada" else 0,
            title=title, timestamp="2026-11-20T09:30:00Z", size=size, sizediff=size,
            new=True, comment="",
        ))
    tracking.last_checked = "2026-11-20T09:31:00Z"
    with api.env.adopt_user(username="ada"):
        question = ask(session, texts["question"], texts["question_text"])
    with api.env.adopt_user(username="teacher"):
        answer(question, texts["answer"])
    return course, question


ENGLISH = {
    "id": "intro", "course": "Introduction to Wikipedia",
    "description": "Your first edits, step by step.", "module": "The basics",
    "lesson": "What a wiki is", "exercise": "Your first draft", "session": "Spring session",
    "later": "Summer session",
    "lesson_text": None, "question": "How do I cite a book?",
    "question_text": "<p>Which template should I use?</p>", "answer": "<p>Use {{Cite book}}.</p>",
}
FRENCH = {
    "id": "introduction", "course": "Introduction à Wikipédia",
    "description": "Vos premières modifications, pas à pas.", "module": "Les bases",
    "lesson": "Ce qu’est un wiki",  # noqa: RUF001
    "exercise": "Votre premier brouillon",
    "session": "Session de printemps", "later": "Session d’été",  # noqa: RUF001
    "lesson_text": None,
    "question": "Comment citer un livre ?", "question_text": "<p>Quel modèle utiliser ?</p>",
    "answer": "<p>Utilisez {{Ouvrage}}.</p>",
}


@pytest.fixture
def tour_site(functional_portal):
    from plone.app.textfield.value import RichTextValue

    portal = functional_portal
    api.portal.set_registry_record("plone.site_title", "WikiMOOC")
    with api.env.adopt_roles(["Manager"]):
        for login in ("ada", "teacher", "author"):
            api.user.create(email=f"{login}@example.org", username=login, password=PASSWORD)
        api.user.get(username="ada").setMemberProperties({"wiki_username": "Ada"})
        api.user.grant_roles(username="author", roles=["Course Author"])
        english, english_question = course_in(portal["en"], "en", {
            **ENGLISH, "lesson_text": RichTextValue(
                "<p>A wiki is a website that anyone can edit. Each page keeps its"
                " history, so nothing is ever lost.</p>" * 6, "text/html", "text/html"),
        })
        french, french_question = course_in(portal["fr"], "fr", {
            **FRENCH, "lesson_text": RichTextValue(
                "<p>Un wiki est un site que chacun peut modifier. Chaque page garde son"
                " historique : rien ne se perd.</p>" * 6, "text/html", "text/html"),
        })
    ITranslationManager(english).register_translation("fr", french)
    transaction.commit()
    return {"en": (english, english_question), "fr": (french, french_question)}


def pages(course, question):
    """(visitor, name, path) of the tour, for a course and its session's question."""
    site = api.portal.get().absolute_url() + "/"
    course_path = course.absolute_url().removeprefix(site)
    root = course_path.split("/")[0]
    session = f"{course_path}/session"
    return [
        (None, "01-catalogue", root),
        (None, "02-course", course_path),
        (None, "03-exercise-visitor", f"{course_path}/basics/draft"),
        ("ada", "04-lesson", f"{course_path}/basics/wikis"),
        ("ada", "05-exercise", f"{course_path}/basics/draft"),
        ("ada", "06-session", session),
        ("ada", "07-my-courses", f"{root}/@@my-courses"),
        ("ada", "08-forum-question", question.absolute_url().removeprefix(site)),
        ("teacher", "09-dashboard", f"{session}/@@dashboard"),
        ("teacher", "10-learners", f"{session}/@@learners"),
        ("author", "11-add-course", f"{root}/++add++Course"),
        ("author", "12-add-session", f"{course_path}/++add++CourseSession"),
        ("author", "13-add-exercise", f"{course_path}/basics/++add++Exercise"),
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_tour_of_the_key_pages(tour_site, new_page, log_in, viewport):
    device = "phone" if viewport == PHONE else "desktop"
    TOUR.mkdir(parents=True, exist_ok=True)
    problems = []
    for language, (course, question) in tour_site.items():
        browsers = {}
        for visitor, name, path in pages(course, question):
            if visitor not in browsers:
                browsers[visitor] = new_page(viewport)
                if visitor:
                    log_in(browsers[visitor], visitor, PASSWORD, language=language)
            page = browsers[visitor]
            answer = page.goto(path)
            page.screenshot(path=str(TOUR / f"{language}-{device}-{name}.png"), full_page=True)
            where = f"{language} {device} {name}"
            if answer.status != 200:
                problems.append(f"{where}: HTTP {answer.status}")
            if page.locator("html").get_attribute("lang") != language:
                problems.append(f"{where}: the page is not in {language}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{where}: {width} px wide")
            footer = page.locator("#portal-footer-wrapper").inner_text()
            if "Plone" in footer or "CC BY-SA" not in footer:
                problems.append(f"{where}: not WikiMOOC's footer")
            if not page.title().endswith("WikiMOOC"):
                problems.append(f"{where}: the title {page.title()!r} does not name WikiMOOC")
    assert not problems, "\n".join(problems)
