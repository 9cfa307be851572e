"""Arabic pages in a real browser: read right to left with the theme's one stylesheet.
The header's logo on the right, catalogue cards and the login form starting on the
right, the lesson pager's "previous" on the right, the practice panel on the left of
the text, the dashboard's first column on the right,
at 1280 px and at 375 px (where nothing scrolls sideways); English pages as before.
Screenshots go to the test's temporary directory."""

from browser_checks import DESKTOP
from browser_checks import PHONE
from datetime import date
from playwright.sync_api import expect
from plone import api
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import tracking_of
from wikimooc.policy.upgrades.v20261203230 import upgrade as add_arabic

import pytest
import transaction


COURSE = "ar/madkhal"
LESSON = f"{COURSE}/al-bidaya/al-thani"
DASHBOARD = f"{COURSE}/rabi-2027/@@dashboard"
LEARNERS = ("Ada Lovelace", "مستخدم تجريبي")  # as the dashboard sorts them


@pytest.fixture
def arabic_course(site):
    """An existing site given Arabic by the upgrade step, and a course there: a
    module of three lessons, the middle one with a practice panel, and a session
    whose dashboard lists a learner with an Arabic username and one with a Latin one."""
    portal = site["portal"]
    add_arabic(portal.portal_setup)
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=portal["ar"], type="Course", id="madkhal", title="مدخل إلى ويكيبيديا",
            projects=("wikipedia",), organisation="مجتمع ويكيبيديا العربية",
        )
        module = api.content.create(container=course, type="Module", id="al-bidaya",
                                    title="البداية")
        for lesson_id, title in (("al-awwal", "الدرس الأول"), ("al-thani", "ما هي الويكي؟"),
                                 ("al-thalith", "Wikidata في درس")):
            lesson = api.content.create(container=module, type="Lesson", id=lesson_id,
                                        title=title, wiki_pages=["ويكيبيديا:ملعب"])
            lesson.text = RichTextValue("<p>الويكي موقع يمكن لأي شخص تحريره.</p>" * 4,
                                        "text/html", "text/html")
        api.content.transition(course, to_state="published")
        session = api.content.create(
            container=course, type="CourseSession", id="rabi-2027", title="ربيع 2027",
            start=date.today(), end=date(2027, 4, 30), wiki="ar.wikipedia.org",
            teachers=["teacher"],
        )
        api.content.transition(session, "open")
    add_learners(session, list(LEARNERS), added_by="teacher")
    tracking_of(session).record(Contribution(
        revid=7, parentid=0, username=LEARNERS[1], namespace=2, title="مستخدم:مستخدم_تجريبي/ملعب",
        timestamp="2026-11-20T09:30:00Z", size=36, sizediff=36, new=True, comment="",
    ))
    transaction.commit()
    return course


def box(page, selector):
    found = page.locator(selector).first
    expect(found).to_be_visible()
    return found.bounding_box()


def right(found):
    return found["x"] + found["width"]


def assert_fits(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide"


def assert_direction(page, language, direction):
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    assert page.evaluate("getComputedStyle(document.body).direction") == direction


def test_arabic_pages_mirror_and_english_pages_do_not(
    arabic_course, chromium, functional_portal, new_page, log_in, tmp_path
):
    def screenshot(page, name):
        page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)

    page = new_page(DESKTOP)
    width = DESKTOP["width"]
    page.goto("ar")
    card, title = box(page, ".wikimooc-card"), box(page, ".wikimooc-card__title a")
    assert right(card) - right(title) < 40  # the catalogue card's title starts on the right
    page.goto("ar/login")
    label, field = box(page, "label[for=__ac_name]"), box(page, "#__ac_name")
    assert abs(right(label) - right(field)) < 20 and right(field) > width / 2
    screenshot(page, "arabic-login")
    page.goto(COURSE)
    assert_direction(page, "ar", "rtl")
    expect(page.locator("h1")).to_have_text("مدخل إلى ويكيبيديا")
    logo, search = box(page, "#portal-logo img"), box(page, ".wikimooc-search")
    languages = box(page, ".wikimooc-languages")
    assert right(logo) > width - 120 and logo["x"] > right(search)
    assert right(languages) < search["x"]
    # The magnifier at the field's start: its right.
    magnifier = page.locator(".wikimooc-search").evaluate(
        "form => getComputedStyle(form, '::before').right"
    )
    assert magnifier == "8px", magnifier
    syllabus = box(page, ".wikimooc-syllabus")
    part = box(page, ".wikimooc-syllabus__part a")
    assert right(syllabus) - right(part) < 200
    screenshot(page, "arabic-course")

    page.goto(LESSON)
    before, after = box(page, ".wikimooc-pager__before"), box(page, ".wikimooc-pager__after")
    assert before["x"] > right(after)  # "previous" on the right, "next" on the left
    expect(page.locator(".wikimooc-pager__after bdi")).to_have_text("Wikidata في درس")
    text, panel = box(page, ".wikimooc-prose"), box(page, ".wikimooc-practice")
    assert right(panel) <= text["x"] and abs(panel["y"] - text["y"]) < 40
    screenshot(page, "arabic-lesson")

    page.goto("en/intro")
    assert_direction(page, "en", "ltr")
    logo, search = box(page, "#portal-logo img"), box(page, ".wikimooc-search")
    assert logo["x"] < 80 and right(logo) < search["x"]

    log_in(page, "teacher", "secret-pw-123", language="ar")
    page.goto(DASHBOARD)
    assert_direction(page, "ar", "rtl")
    headings = page.locator(".wikimooc-learners thead th")
    first, second = headings.nth(0).bounding_box(), headings.nth(1).bounding_box()
    assert first["x"] >= right(second)  # the usernames' column on the right
    usernames = page.locator(".wikimooc-learners tbody td:first-child a[dir=auto]")
    expect(usernames).to_have_text(list(LEARNERS), use_inner_text=True)
    screenshot(page, "arabic-dashboard")

    phone = new_page(PHONE)
    log_in(phone, "teacher", "secret-pw-123", language="ar")
    for path in ("ar", COURSE, LESSON, DASHBOARD):
        phone.goto(path)
        assert_direction(phone, "ar", "rtl")
        assert_fits(phone, PHONE["width"])
    phone.goto(LESSON)
    logo = box(phone, "#portal-logo img")
    assert right(logo) > PHONE["width"] - 60
    before, after = box(phone, ".wikimooc-pager__before"), box(phone, ".wikimooc-pager__after")
    assert before["x"] > right(after) or before["y"] < after["y"]
    screenshot(phone, "arabic-lesson-phone")
    assert sorted(path.name for path in tmp_path.glob("*.png")) == [
        "arabic-course.png", "arabic-dashboard.png", "arabic-lesson-phone.png",
        "arabic-lesson.png", "arabic-login.png",
    ]



TOOLBAR_GEOMETRY = """() => {
    const zone = document.querySelector("#edit-zone").getBoundingClientRect();
    const style = getComputedStyle(document.body);
    const boxes = [...document.querySelectorAll("#portal-logo img, #content, .wikimooc-search")]
        .map((element) => element.getBoundingClientRect());
    return {
        zone: [zone.left, zone.right],
        padding: [parseFloat(style.paddingLeft), parseFloat(style.paddingRight)],
        content: [Math.min(...boxes.map((box) => box.left)),
                  Math.max(...boxes.map((box) => box.right))],
    };
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_plones_toolbar_stands_at_the_start_of_the_page(
    arabic_course, new_page, log_in, tmp_path, viewport
):
    """The teacher's editing toolbar: on the right of an Arabic page, which it pushes
    from the right, its menus opening to its left; on the left of an English page.
    Plone keeps it at the side on a phone too, 60 px wide, without its labels."""
    width = viewport["width"]
    page = new_page(viewport)
    log_in(page, "teacher", "secret-pw-123", language="ar")
    for path, rtl in ((f"{COURSE}/rabi-2027", True), ("en/intro/public-session", False)):
        page.goto(path)
        expect(page.locator("body.plone-toolbar-left")).to_have_count(1)
        geometry = page.evaluate(TOOLBAR_GEOMETRY)
        (zone_left, zone_right), (content_left, content_right) = (
            geometry["zone"], geometry["content"])
        toolbar_width = zone_right - zone_left
        assert toolbar_width == (220 if viewport == DESKTOP else 60), geometry
        if rtl:
            assert abs(zone_right - width) < 1, geometry
            assert geometry["padding"] == [0, toolbar_width], geometry
            assert content_right <= zone_left, geometry
        else:
            assert zone_left == 0, geometry
            assert geometry["padding"] == [toolbar_width, 0], geometry
            assert content_left >= zone_right, geometry
        assert_fits(page, width)
        page.locator(".plonetoolbar-content-action > a").click()
        menu = page.locator(".plonetoolbar-content-action .dropdown-menu")
        expect(menu).to_be_visible()
        menu_box = menu.bounding_box()
        if rtl:
            assert right(menu_box) <= zone_left + 1, menu_box
        else:
            assert menu_box["x"] >= zone_right - 1, menu_box
        page.screenshot(path=str(tmp_path / f"toolbar-{path.split('/')[0]}.png"))
    assert len(list(tmp_path.glob("toolbar-*.png"))) == 2
