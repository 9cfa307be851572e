"""A program's chart of edits per week in a real browser: a visitor sees one bar
per week, as tall as its edits, named and described for screen readers, and the
same figures in the table under it. The page passes the accessibility checks."""

from playwright.sync_api import expect
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.programs.summary import refresh_summary
from wikimooc.policy.tracking.storage import Contribution
from wikimooc.policy.tracking.storage import tracking_of

import pytest
import transaction


# Edits on the days of three weeks: 3 in the first, none in the second, 6 in the third.
EDIT_DAYS = ("2027-03-01", "2027-03-02", "2027-03-07",
             *(f"2027-03-{day}" for day in (15, 15, 16, 17, 18, 21)))


@pytest.fixture
def program(site):
    session = site["public"]
    with api.env.adopt_roles(["Manager"]):
        add_learners(session, ["Ada"], added_by="teacher")
        for revid, day in enumerate(EDIT_DAYS, start=1):
            tracking_of(session).record(Contribution(
                revid=revid, parentid=0, username="Ada", namespace=0, title=f"Page {revid}",
                timestamp=f"{day}T10:00:00Z", size=10, sizediff=10, new=False, comment=""))
        refresh_summary(session)
        program = api.content.create(container=site["portal"]["en"], type="Program",
                                     id="year", title="Our year", sessions=[session.UID()])
        api.content.transition(program, "publish")
    transaction.commit()
    return program


def test_a_visitor_reads_the_chart_of_edits_per_week(program, new_page, accessible, screenshot):
    page = new_page()
    page.goto("en/year")
    chart = page.get_by_role("img", name="Edits per week")
    expect(chart).to_be_visible()
    expect(page.get_by_text("Figures over 1 session you may see")).to_be_visible()
    # The browser asks for British English: its days.
    assert "9 edits from the week of 1 March 2027 to the week of 15 March 2027" in \
        chart.locator("desc").text_content()
    bars = chart.locator("rect")
    expect(bars).to_have_count(3)
    heights = [bars.nth(index).bounding_box()["height"] for index in range(3)]
    assert heights[1] == 0 and heights[2] == pytest.approx(2 * heights[0], rel=0.02)
    assert [bars.nth(index).get_attribute("data-edits") for index in range(3)] == ["3", "0", "6"]
    table = page.locator("details.wikimooc-program-weeks table")
    expect(table).to_be_hidden()
    page.get_by_text("The same figures as a table").click()
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").nth(2)).to_contain_text("6")
    accessible(page)
    screenshot(page, "program-chart")
