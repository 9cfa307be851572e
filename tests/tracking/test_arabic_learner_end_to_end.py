"""A learner whose wiki username is Arabic, end to end on the real local MediaWiki:
an account on the wiki, pasted into the session by a teacher (as copied from a wiki
page: underscores and bidi marks), an edit, the check that reads it
(``list=usercontribs`` with the Arabic name), the dashboard and its CSV, and the
certificate, whose PDF text, read back with pypdf, holds the name."""

from datetime import timedelta
from io import BytesIO
from plone import api
from pypdf import PdfReader
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import utc_now

import csv
import io
import transaction
import unicodedata


ARABIC_NAME = "عمر الخيام"
PASSWORD = "Arabic-Learner-Pass-42"
PASTED = "\u200fعمر_الخيام\u200f\n"  # as copied from a right-to-left wiki page


def readable(text):
    """The PDF's text as read: Arabic's contextual forms as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def drawn(name):
    """A right-to-left line's words as the PDF draws them, left to right: pypdf
    reads them in that order."""
    return " ".join(reversed(name.split()))


def test_an_arabic_username_from_the_wiki_to_the_certificate(
    tracked_session, mediawiki, browser
):
    session = tracked_session
    mediawiki.create_user(ARABIC_NAME, PASSWORD)
    draft = session.aq_parent["m"]["draft"]
    with api.env.adopt_roles(["Manager"]):
        session.certificate_exercises = [draft.UID()]
    transaction.commit()

    teacher = browser()
    added = teacher.post(session.absolute_url() + "/@enrollments", json={"usernames": PASTED})
    assert added.status_code == 200, added.text[:300]
    [item] = added.json()["items"]
    assert item["given"] == PASTED.strip("\n") and item["status"] == "added"
    assert ARABIC_NAME in item.values()
    transaction.begin()
    assert list(session.enrollments.learners) == [ARABIC_NAME]

    mediawiki.edit_as(ARABIC_NAME, PASSWORD, f"User:{ARABIC_NAME}/Brouillon", "مسودة " + "نص " * 80)
    check_and_commit(session, utc_now() + timedelta(seconds=SETTLE_SECONDS + 1))

    data = teacher.get(session.absolute_url() + "/@dashboard").json()
    [learner] = data["learners"]
    assert learner["wiki_username"] == ARABIC_NAME and learner["exercises_done"] == 1
    teacher.headers["Accept"] = "text/html"
    page = teacher.get(session.absolute_url() + "/@@dashboard").text
    assert ARABIC_NAME in page and "1/4" in page
    exported = teacher.get(session.absolute_url() + "/@@dashboard.csv").content
    assert exported.startswith("\ufeff".encode())  # spreadsheets then read UTF-8
    [row] = csv.DictReader(io.StringIO(exported.decode("utf-8-sig")))
    assert row["wiki_username"] == ARABIC_NAME and row["exercises_done"] == "1"

    teacher.headers["Accept"] = "application/pdf"
    pdf = teacher.get(session.absolute_url() + "/@@certificate.pdf",
                      params={"learner": ARABIC_NAME})
    assert pdf.content.startswith(b"%PDF"), pdf.text[:300]
    text = readable(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages))
    assert drawn(ARABIC_NAME) in text
    assert f"wiki username {drawn(ARABIC_NAME)} on {mediawiki.host}" in text
    assert "missing" not in text and "no font" not in text
