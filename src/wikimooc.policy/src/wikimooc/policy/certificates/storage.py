"""Where certificates are kept: every certificate in the site, by its verification
code (so that it outlives its session), and each session's by learner.

A certificate is what was certified when it was issued, copied from the session,
the course and the learner's work: changing those later does not rewrite it."""

from BTrees.OOBTree import OOBTree
from plone import api
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation


CERTIFICATES_ANNOTATION = "wikimooc.certificates"


class Revocation(NamedTuple):
    reason: str
    by: str
    when: str


class Certificate(NamedTuple):
    code: str
    session_uid: str
    wiki_username: str
    user_id: str | None
    name: str
    course: str
    session: str
    start: str
    end: str
    organisation: str
    language: str
    wiki: str
    exercises: tuple  # titles of the exercises done
    pages: tuple  # titles of the pages edited on ``wiki``, first edited first
    issued: str
    revocation: Revocation | None = None
    # (wiki, title) of the pages edited on the session's other wikis, by wiki in the
    # session's order, first edited first; none on a certificate issued before.
    other_pages: tuple = ()

    @property
    def status(self):
        return "revoked" if self.revocation else "valid"

    def work(self):
        """[(wiki, titles)] of each wiki with pages edited, the home wiki first."""
        found = {self.wiki: list(self.pages)} if self.pages else {}
        for wiki, title in self.other_pages:
            found.setdefault(wiki, []).append(title)
        return list(found.items())


def site_certificates(create=True):
    """code → Certificate"""
    return annotation(api.portal.get(), CERTIFICATES_ANNOTATION, OOBTree, create)


def session_codes(session, create=True):
    """wiki username → code of the learner's certificate of the session"""
    return annotation(session, CERTIFICATES_ANNOTATION, OOBTree, create)


def certificate_by_code(code):
    found = site_certificates(create=False)
    return found.get(code) if found is not None and isinstance(code, str) else None


def session_certificates(session):
    codes = session_codes(session, create=False)
    return [certificate_by_code(code) for code in (codes.values() if codes else ())]


def certificate_of(session, username):
    codes = session_codes(session, create=False)
    return certificate_by_code(codes.get(username)) if codes else None


def store(session, certificate):
    site_certificates()[certificate.code] = certificate
    session_codes(session)[certificate.wiki_username] = certificate.code


def forget_session_codes(session, event):
    """A copied session is a new run: its learners have no certificate of it yet
    (the original's stay valid, in the site)."""
    drop_annotation(session, CERTIFICATES_ANNOTATION)
