"""Programs over sessions that follow two wikis, against two real MediaWikis
(tests/mediawiki_fixtures.py: the home wiki and one mapped as commons.wikimedia.org).
A learner uploads a file on the second wiki and edits the first; the edit checks
read both wikis, the worker's refresh makes the summaries, and the program's report
(REST, page, CSV, JSON) counts both, each edit once though two sessions follow the
second wiki; the certificate lists the Commons page. A summary stored before
several wikis still renders until the worker replaces it."""

from datetime import date
from datetime import timedelta
from io import BytesIO
from mediawiki_fixtures import one_pixel_png
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pypdf import PdfReader
from recorded_edits import contribution
from wikimooc.policy.certificates.disclosure import verify_url
from wikimooc.policy.certificates.document import certificate_pdf
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.programs.refreshing import refresh_stale_summaries
from wikimooc.policy.programs.summary import Revision
from wikimooc.policy.programs.summary import Revisions
from wikimooc.policy.programs.summary import SessionSummary
from wikimooc.policy.programs.summary import SUMMARY_ANNOTATION
from wikimooc.policy.programs.summary import summary_of
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_wiki
from wikimooc.policy.tracking.storage import utc_now
from wikimooc.policy.tracking.storage import wiki_timestamp
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation

import csv
import io
import pytest
import requests
import secrets
import transaction


COMMONS = "commons.wikimedia.org"
PASSWORD = "Program-Two-Wikis-42"
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def later():
    return utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)



def get(url, accept="application/json"):
    answer = requests.get(url, timeout=60, headers={"Accept": accept}, auth=OWNER)
    assert answer.status_code == 200, answer.text
    return answer


@pytest.fixture
def two_wikis(functional_portal, mediawiki, second_mediawiki):
    """Sessions a (Ada and Bob) and b (Ada) following the home wiki and Commons, in
    one program; a's certificate requires the upload (checked on Commons). Ada
    uploads a picture on Commons and creates a page on the home wiki, Bob edits
    his draft there, and both wikis are checked (the home wiki first)."""
    home, commons = mediawiki, second_mediawiki
    api.portal.set_registry_record(
        "wikimooc.wikis", {home.host: home.api_url, COMMONS: commons.api_url})
    ada, bob = (f"{prefix} {secrets.token_hex(3)}" for prefix in ("Ada", "Bob"))
    for wiki in (home, commons):
        wiki.create_user(ada, PASSWORD)
    home.create_user(bob, PASSWORD)
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(container=functional_portal["en"], type="Course",
                                    id="pictures", title="Pictures", projects=("commons",))
        module = api.content.create(container=course, type="Module", id="m", title="M")
        upload = api.content.create(container=module, type="Exercise", id="upload",
                                    title="Upload a picture", check="wiki",
                                    wiki_action="upload_file")
        sessions = {}
        for session_id, learners in (("a", [ada, bob]), ("b", [ada])):
            session = sessions[session_id] = api.content.create(
                container=course, type="CourseSession", id=session_id, title=session_id,
                start=date.today() - timedelta(days=1), end=date.today() + timedelta(days=30),
                wiki=home.host, other_wikis=[COMMONS])
            add_learners(session, learners, added_by="admin")
        sessions["a"].certificate_exercises = [upload.UID()]
        program = api.content.create(container=functional_portal["en"], type="Program",
                                     id="year", title="Year",
                                     sessions=[s.UID() for s in sessions.values()])
    transaction.commit()
    page = f"Program page {secrets.token_hex(3)}"
    home.edit_as(ada, PASSWORD, page, "x" * 120)  # created: 120 bytes
    home.edit_as(bob, PASSWORD, f"User:{bob}/Draft", "Hello")  # created: 5 bytes
    picture = f"Program picture {secrets.token_hex(3)}.png"
    answer = commons.site(ada, PASSWORD).upload(BytesIO(one_pixel_png()), filename=picture,
                                                description="A picture for the course")
    assert answer["result"] == "Success", answer
    for host in (home.host, COMMONS):
        assert check_wiki(host, now=later()) is not None
    refresh_stale_summaries(later())
    return {"home": home.host, "program": program, "ada": ada, "page": page,
            "file": f"File:{picture}", **sessions}


def test_the_report_counts_each_wiki_and_each_edit_once(two_wikis):
    home, program = two_wikis["home"], two_wikis["program"]
    report = get(program.absolute_url() + "/@report").json()
    totals = report["totals"]
    assert (totals["enrolled"], totals["editing"], totals["edits"]) == (2, 2, 3)
    assert (totals["uploads"], totals["pages_created"], totals["pages_edited"]) == (1, 3, 3)
    wikis = {wiki["wiki"]: wiki for wiki in report["wikis"]}
    assert set(wikis) == {home, COMMONS}
    assert (wikis[home]["edits"], wikis[home]["uploads"], wikis[home]["editing"]) == (2, 0, 2)
    assert (wikis[COMMONS]["edits"], wikis[COMMONS]["uploads"]) == (1, 1)
    assert (wikis[COMMONS]["enrolled"], wikis[COMMONS]["editing"]) == (2, 1)
    assert wikis[home]["bytes_added"] == 125 and wikis[COMMONS]["bytes_added"] > 0
    assert totals["bytes_added"] == 125 + wikis[COMMONS]["bytes_added"]
    rows = {row["title"]: row for row in report["sessions"]}
    assert rows["a"]["wikis"] == rows["b"]["wikis"] == [home, COMMONS]
    assert (rows["a"]["figures"]["edits"], rows["b"]["figures"]["edits"]) == (3, 2)
    assert rows["b"]["figures"]["uploads"] == 1
    assert sum(week["edits"] for week in report["weeks"]) == 3

    exported = get(program.absolute_url() + "/@@report.json").json()
    assert (exported["totals"], exported["wikis"]) == (totals, report["wikis"])
    lines = list(csv.reader(io.StringIO(get(
        program.absolute_url() + "/@@report.csv", "text/csv").content.decode("utf-8-sig"))))
    header, uploads = lines[0], lines[0].index("Uploads on Commons")
    by_name = {(line[0], line[1]): line for line in lines[1:]}
    assert by_name[("Wiki", COMMONS)][uploads] == "1"
    assert by_name[("Wiki", home)][uploads] == "0"
    assert by_name[("Total", "Year")][header.index("Edits")] == "3"
    assert by_name[("Session", "Pictures: a")][header.index("Wiki")] == f"{home} {COMMONS}"

    page = get(program.absolute_url(), "text/html").text
    per_wiki = page.split("wikimooc-program-wikis")[1].split("</table>")[0]
    assert home in per_wiki and COMMONS in per_wiki
    sessions = page.split("wikimooc-program-sessions")[1].split("</table>")[0]
    assert sessions.count(COMMONS) == 2


def test_the_certificate_counts_the_page_of_the_other_wiki(two_wikis):
    ada, commons_page = two_wikis["ada"], (COMMONS, two_wikis["file"])
    certificate = certificate_of(two_wikis["a"], ada)
    assert certificate.pages == (two_wikis["page"],)
    assert certificate.other_pages == (commons_page,)
    assert certificate_of(two_wikis["b"], ada) is None  # b requires nothing

    found = get(f"{api.portal.get().absolute_url()}/@verify/{certificate.code}").json()
    assert [(page["wiki"], page["title"]) for page in found["pages"]] == [
        (two_wikis["home"], two_wikis["page"]), commons_page]
    assert found["pages"][1]["url"].startswith(
        api.portal.get_registry_record("wikimooc.wikis")[COMMONS].rpartition("/")[0])
    shown = get(verify_url(certificate.code), "text/html").text
    assert f"Work on <bdi>{COMMONS}</bdi>" in shown and two_wikis["file"] in shown

    reader = PdfReader(BytesIO(certificate_pdf(certificate, verify_url(certificate.code))))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Work on {two_wikis['home']}" in text and f"Work on {COMMONS}" in text
    assert two_wikis["file"] in text


def old_shape_summary(session, revisions):
    """A summary as the worker stored it before sessions followed several wikis:
    the home wiki's revision ids, titles, counts and weeks in the summary itself."""
    old = SessionSummary.__new__(SessionSummary)
    for name, value in {
        "wiki": session.wiki, "refreshed": wiki_timestamp(utc_now()),
        "learners": {"enrolled": frozenset({"Ada", "Bob"}), "editing": frozenset({"Ada"}),
                     "completed": frozenset(), "new_editors": frozenset(),
                     "retained_30": frozenset(), "retained_90": frozenset()},
        "retention_measured": {"30": True, "90": False},
        "revids": frozenset(revisions), "titles": frozenset({"Ada Lovelace"}),
        "counts": {"edits": 2, "pages_created": 1, "bytes_added": 350, "uploads": 0,
                   "statements": 0},
        "weeks": {"2027-03-01": 2},
        "revisions": Revisions(revisions),
    }.items():
        setattr(old, name, value)
    return old


def test_a_summary_stored_before_several_wikis_still_renders(committed_tracked, site):
    def revision(bytes_added, new):
        return Revision(week="2027-03-01", new=new, bytes_added=bytes_added,
                        title="Ada Lovelace", upload=False, statement=False)

    stored = committed_tracked("old", ["Ada", "Bob"])
    drop_annotation(stored, SUMMARY_ANNOTATION)
    annotation(stored, SUMMARY_ANNOTATION, lambda: old_shape_summary(
        stored, {501: revision(300, True), 502: revision(50, False)}))
    # A newer session recorded one of the same edits (its revision id on that wiki).
    newer = committed_tracked("new", ["Ada"], [
        contribution("Ada", "2027-03-02T10:00:00Z", "Ada Lovelace", 50, revid=502)])
    with api.env.adopt_roles(["Manager"]):
        program = api.content.create(container=site["portal"]["en"], type="Program",
                                     id="old-year", title="Old year",
                                     sessions=[stored.UID(), newer.UID()])
    transaction.commit()

    report = get(program.absolute_url() + "/@report").json()
    assert (report["totals"]["edits"], report["totals"]["bytes_added"]) == (2, 350)
    assert (report["totals"]["enrolled"], report["totals"]["pages_edited"]) == (2, 1)
    assert [(wiki["wiki"], wiki["edits"], wiki["editing"]) for wiki in report["wikis"]] == [
        ("en.wikipedia.org", 2, 1)]
    rows = {row["title"]: row for row in report["sessions"]}
    assert rows["old"]["figures"]["edits"] == 2 and rows["old"]["wikis"] == ["en.wikipedia.org"]
    assert report["weeks"] == [{"week": "2027-03-01", "edits": 2}]
    page = get(program.absolute_url(), "text/html").text
    assert 'data-figure="edits">2<' in page
    lines = get(program.absolute_url() + "/@@report.csv", "text/csv").content.decode("utf-8-sig")
    assert "Introduction: old" in lines

    refresh_stale_summaries(utc_now() + timedelta(days=2))  # the worker's next run
    assert list(summary_of(stored).parts) == ["en.wikipedia.org"]
