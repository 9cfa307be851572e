"""The certificate as a PDF: readable (its text extracted with pypdf), with the
learner's name and wiki username, the course, the session's dates, the organisation,
the pages worked on and the verification address, in the session's language."""

from io import BytesIO
from pypdf import PdfReader
from wikimooc.policy.certificates.document import certificate_pdf
from wikimooc.policy.certificates.storage import Certificate
from wikimooc.policy.certificates.storage import Revocation

import pytest
import unicodedata


SESSION = "/en/intro/public-session"


def pdf_text(content):
    """The text as read: the letters of ligatures ("ﬁ") and of Arabic's contextual
    forms, which shaping draws, as letters (NFKC)."""
    reader = PdfReader(BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return unicodedata.normalize("NFKC", text), reader


def download(client, login, **params):
    visitor = client(login)
    visitor.session.headers["Accept"] = "application/pdf"
    return visitor.get(SESSION + "/@@certificate.pdf", params=params)


def test_the_learner_downloads_their_certificate(issued, client):
    response = download(client, "ada")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text, reader = pdf_text(response.content)
    assert "Certificate of completion" in text
    assert "wiki username Ada on en.wikipedia.org" in text
    assert "Introduction" in text and "Wikimedia UK" in text
    assert "from March 1, 2027 to April 30, 2027" in text
    assert "User:Ada/Draft" in text and "Bridge" in text
    assert f"/@@verify/{issued}" in text
    assert reader.metadata.title == "Certificate of completion"
    links = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in reader.pages[0].get("/Annots", [])
    ]
    assert "https://en.wikipedia.org/wiki/User:Ada/Draft" in links
    assert any(link.endswith(f"/@@verify/{issued}") for link in links)


@pytest.mark.parametrize(
    "login, params, allowed",
    [
        ("ada", {}, True),
        ("ada", {"learner": "Ada"}, True),
        ("teacher", {"learner": "Ada"}, True),
        ("bob", {"learner": "Ada"}, False),
        ("bob", {}, False),  # has none
        ("dan", {}, False),
        (None, {}, False),
    ],
)
def test_who_downloads_it(issued, client, login, params, allowed):
    response = download(client, login, **params)
    assert response.content.startswith(b"%PDF") is allowed
    if allowed:
        assert "Ada" in pdf_text(response.content)[0]


def test_a_revoked_certificate_is_the_teaching_teams_only(issued, client):
    assert client("teacher").post(
        SESSION + "/@revoke-certificate", json={"code": issued, "reason": "Copied work"}
    ).status_code == 200
    assert not download(client, "ada").content.startswith(b"%PDF")
    text, _reader = pdf_text(download(client, "teacher", learner="Ada").content)
    assert "This certificate was revoked on" in text


def certificate(**values):
    return Certificate(**{
        "code": "Xy_12", "session_uid": "uid", "wiki_username": "Élodie Ł", "user_id": "elodie",
        "name": "Élodie Łukasiewicz", "course": "Découvrir Wikipédia", "session": "Printemps",
        "start": "2027-03-01", "end": "2027-04-30", "organisation": "Wikimédia France",
        "language": "fr", "wiki": "fr.wikipedia.org", "exercises": ("Brouillon",),
        "pages": ("Utilisateur:Élodie Ł/Brouillon", "Pont <de> Normandie & co"),
        "issued": "2027-05-02T09:00:00+00:00", "revocation": None, **values,
    })


def test_in_french_with_every_character(portal):
    """(``portal``: page addresses follow the site's wiki settings.)"""
    text, _reader = pdf_text(certificate_pdf(certificate(), "https://example.org/@@verify/Xy_12"))
    assert "Certificat de réussite" in text
    assert "nom d’utilisateur wiki Élodie Ł sur fr.wikipedia.org" in text  # noqa: RUF001
    assert "du 1 mars 2027 au 30 avril 2027" in text
    assert "Pont <de> Normandie & co" in text
    assert "Délivré le 2 mai 2027. Certificat Xy_12." in text


def test_the_same_certificate_gives_the_same_text(portal):
    revoked = certificate(revocation=Revocation("r", "t", "2027-06-01T00:00:00+00:00"))
    first, second = (
        pdf_text(certificate_pdf(revoked, "https://example.org/v"))[0] for _ in range(2)
    )
    assert first == second and "Ce certificat a été révoqué le 1 juin 2027." in first
