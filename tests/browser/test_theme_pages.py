"""The Wikimedia look's pages as a browser gets them: the home catalogue, the header,
the course and its parts, My courses and the practice panel."""

from datetime import date
from datetime import timedelta
from html import unescape
from plone import api
from wikimooc.policy.enrollment import enroll

import pytest
import re
import transaction


@pytest.fixture
def parts(site):
    """A module with a lesson (and its tour) and an exercise in the site's course."""
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=site["course"], type="Module", id="basics",
                                    title="The basics")
        lesson = api.content.create(
            container=module, type="Lesson", id="wikis", title="What a wiki is",
            wiki_pages=["Wikipedia:Five pillars"], tour="firstedit", tour_step="intro",
        )
        exercise = api.content.create(
            container=module, type="Exercise", id="draft", title="Your first draft",
            check="wiki", wiki_action="create_page", title_pattern="User:{username}/Brouillon",
            preload_template="Template:WikiMOOC draft", edit_mode="source",
        )
    transaction.commit()
    return {"module": module, "lesson": lesson, "exercise": exercise}


def text_of(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def course_titles(html):
    return re.findall(r'class="wikimooc-card__title"><a dir="auto" href="[^"]+">([^<]+)</a>', html)


def test_each_language_home_is_its_catalogue(site, more_courses, page):
    english = page().get("/en").text
    assert "Learn to contribute to the Wikimedia projects" in english
    assert course_titles(english) == ["Introduction", "Wikidata for teachers"]
    french = page().get("/fr").text
    assert "Apprenez à contribuer aux projets Wikimedia" in french
    assert course_titles(french) == ["Illustrer avec Commons"]


@pytest.mark.parametrize("query, titles", [
    ("?project=wikidata", ["Wikidata for teachers"]),
    ("?audience=students", ["Introduction"]),
    ("?language=all&audience=students", ["Illustrer avec Commons", "Introduction"]),
    ("?language=fr", ["Illustrer avec Commons"]),
    ("?q=Wikidata", ["Wikidata for teachers"]),
])
def test_the_catalogue_filters(site, more_courses, page, query, titles):
    assert sorted(course_titles(page().get("/en" + query).text)) == titles


def test_the_catalogue_shows_open_sessions_and_keeps_the_chosen_filters(site, page):
    html = page().get("/en?project=wikipedia").text
    assert "Public session" in html
    assert "Private session" not in text_of(html).split("course found")[1]
    assert re.search(r'<option value="wikipedia" selected="selected">Wikipedia</option>', html)
    assert "1 course found" in text_of(html)


def test_an_unknown_filter_value_is_explained(site, page):
    answer = page().get("/en?project=myspace")
    assert answer.status_code == 200
    assert "Unknown project myspace" in unescape(answer.text)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_user_menu_links_stay_in_the_pages_language(site, page, language):
    visitor = page().get(f"/{language}").text
    assert re.search(rf'href="[^"]+/{language}/@@wiki-register"', visitor)
    member = page("ada").get(f"/{language}").text
    assert re.search(rf'href="[^"]+/{language}/@@my-courses"', member)


def test_the_header_has_the_logo_search_languages_and_user_menu(site, page):
    html = page().get("/en").text
    assert re.search(
        r'<a id="portal-logo" href="[^"]+/en"><img\s+'
        r'src="[^"]+/\+\+plone\+\+wikimooc.theme/logo.svg"[^>]*alt="WikiMOOC"',
        html,
    )
    assert '<form class="wikimooc-search" role="search"' in html
    assert re.search(r'<nav class="wikimooc-languages" aria-label="Languages">', html)
    assert re.search(r'hreflang="fr"[^>]*>Français</a>', html)
    assert "personaltools-login" in html and "@@wiki-register" in html
    member = page("ada").get("/en").text
    assert "@@my-courses" in member and "personaltools-login" not in member
    assert "personaltools-dashboard" not in member


def test_the_stylesheet_is_served_after_barceloneta_without_node(site, page):
    html = page().get("/en").text
    links = re.findall(r'<link data-bundle="([^"]+)" href="([^"]+)"', html)
    bundles = [bundle for bundle, _href in links]
    assert bundles.index("wikimooc-theme") > bundles.index("diazo")
    href = dict(links)["wikimooc-theme"]
    css = page().get(href)
    assert css.status_code == 200 and "text/css" in css.headers["Content-Type"]
    assert "--color-progressive: #36c;" in css.text and "--wikimooc-icon-language" in css.text


def test_the_course_page_has_its_syllabus_sessions_and_licence(site, parts, page):
    html = page().get("/en/intro").text
    text = text_of(html)
    assert text.index("Sessions") < text.index("Syllabus")
    assert re.search(r"Lesson What a wiki is Exercise Your first draft", text)
    assert "Public session Public MOOC Open for enrollment" in text
    assert 'rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/"' in html
    assert "by Ada Lovelace (Wikimedia UK)" in text


def test_lessons_and_exercises_lead_through_the_course(site, parts, page):
    lesson = page().get("/en/intro/basics/wikis").text
    assert 'rel="next"' in lesson and "/en/intro/basics/draft" in lesson
    exercise = page("ada").get("/en/intro/basics/draft").text
    assert "How your work is checked" in exercise
    assert "on a page called Ada/Brouillon in your user space" in text_of(exercise)


def test_visitors_see_the_wiki_pages_and_how_to_join(site, parts, page):
    html = page().get("/en/intro/basics/wikis").text
    assert "Enroll in a session of this course" in html
    assert "https://en.wikipedia.org/wiki/Wikipedia:Five_pillars" in html
    assert "wikimooc-practice__go" not in html


def test_an_enrolled_learner_gets_the_practice_link(site, parts, page):
    enroll(site["public"], api.user.get(username="ada"))
    transaction.commit()
    html = page("ada").get("/en/intro/basics/wikis").text
    go = re.search(
        r'class="btn btn-primary wikimooc-practice__go" target="_blank" rel="noopener"'
        r'\s+href="([^"]+)"',
        html,
    )
    link = unescape(go.group(1))
    assert link.startswith("https://en.wikipedia.org/wiki/User:Ada/sandbox?veaction=edit&")
    assert link.endswith("&tour=firstedit&step=intro")
    assert "Special:Contributions/Ada" in html


def test_a_learner_of_two_sessions_gets_a_panel_and_progress_for_each(site, parts, page):
    for kind in ("public", "private"):  # running: their edits count now
        site[kind].start = date.today() - timedelta(days=1)
    ada = api.user.get(username="ada")
    enroll(site["public"], ada)
    enroll(site["private"], ada, key="pillars")
    transaction.commit()
    html = page("ada").get("/en/intro/basics/wikis").text
    assert html.count("wikimooc-practice__go") == 2
    assert re.search(r'<p class="wikimooc-meta">Public session</p>', html)
    assert re.search(r'<p class="wikimooc-meta">Private session</p>', html)
    assert sorted(re.findall(r'data-progress-url="([^"]+)"', html)) == sorted(
        site[kind].absolute_url() + "/@progress" for kind in ("public", "private")
    )
    assert "Enroll in a session of this course" not in html


def test_members_who_are_not_learners_of_the_course_see_what_visitors_see(site, parts, page):
    """Bob is in no session, Ada only in a session of another course, the site's
    owner in none."""
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(container=site["portal"]["en"], type="Course", id="other",
                                   title="Another course", projects=("wikipedia",))
        api.content.create(container=other, type="Module", id="about", title="About")
        api.content.transition(other, to_state="published")
        session = api.content.create(
            container=other, type="CourseSession", id="session", title="Other session",
            kind="public", enrollment_policy="open", start=date(2027, 3, 1),
            end=date(2027, 4, 30), wiki="fr.wikipedia.org",
        )
        api.content.transition(session, "open")
    enroll(session, api.user.get(username="ada"))
    transaction.commit()
    for login in ("bob", "ada", "manager"):  # the manager: Zope's own user, not Plone's
        html = page(login).get("/en/intro/basics/wikis").text
        assert "Enroll in a session of this course" in html
        assert "wikimooc-practice__go" not in html and "data-progress-url" not in html
        assert "https://en.wikipedia.org/wiki/Wikipedia:Five_pillars" in html


def test_the_pager_skips_the_parts_a_visitor_may_not_see(site, parts, page):
    with api.env.adopt_roles(["Manager"]):
        module = parts["module"]
        hidden = api.content.create(container=module, type="Lesson", id="hidden", title="Hidden")
        hidden.manage_permission("View", ["Manager"], acquire=False)
        module.moveObjectsToTop(["wikis", "hidden"])
        api.content.create(container=site["course"], type="Module", id="more", title="More")
        api.content.create(container=site["course"]["more"], type="Lesson", id="last",
                           title="The last lesson")
    transaction.commit()
    assert module.objectIds()[:3] == ["wikis", "hidden", "draft"]
    lesson = page().get("/en/intro/basics/wikis").text
    assert re.search(r'rel="next"\s+href="[^"]+/en/intro/basics/draft"', lesson)
    assert "/en/intro/basics/hidden" not in lesson
    last = page().get("/en/intro/more/last").text
    assert re.search(r'rel="prev"\s+href="[^"]+/en/intro/basics/draft"', last)
    assert 'rel="next"' not in last


def test_my_courses_lists_the_learners_sessions_and_progress(site, parts, page):
    assert "/login" in page().get("/en/@@my-courses").url
    assert "not enrolled in any session yet" in text_of(page("ada").get("/en/@@my-courses").text)
    enroll(site["public"], api.user.get(username="ada"))
    transaction.commit()
    text = text_of(page("ada").get("/en/@@my-courses").text)
    assert "Introduction" in text and "Public session" in text
    assert "0 of 1 exercises done" in text and "Continue: Your first draft" in text


def test_a_session_page_gives_its_dates_wiki_and_teachers(site, parts, page):
    text = text_of(page().get("/en/intro/public-session").text)
    assert "Wiki en.wikipedia.org" in text and "Teachers teacher" in text
    assert "A session of Introduction" in text


def test_french_pages_are_in_french(site, page):
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=site["portal"]["fr"], type="Course", id="cours", title="Cours",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        api.content.create(container=course, type="CourseSession", id="s", title="Printemps",
                           start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org")
    transaction.commit()
    text = text_of(page("manager").get("/fr/cours").text)
    assert "Programme" in text and "Sessions" in text and "En préparation" in text
