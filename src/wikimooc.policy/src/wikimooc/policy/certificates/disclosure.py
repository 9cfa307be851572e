"""What a certificate shows: to anyone who has its code, what it certifies; to the
session's teaching team, also whose account it is and why it was revoked."""

from plone import api
from urllib.parse import urlencode
from wikimooc.policy.wikis import page_url


def verify_url(code):
    return f"{api.portal.get().absolute_url()}/@@verify/{code}"


def public_info(certificate):
    return {
        "code": certificate.code,
        "valid": certificate.status == "valid",
        "status": certificate.status,
        "verify_url": verify_url(certificate.code),
        "learner": {"name": certificate.name, "wiki_username": certificate.wiki_username},
        "course": certificate.course,
        "session": certificate.session,
        "start": certificate.start,
        "end": certificate.end,
        "organisation": certificate.organisation,
        "language": certificate.language,
        "wiki": certificate.wiki,
        "exercises": list(certificate.exercises),
        "pages": [
            {"wiki": wiki, "title": title, "url": page_url(wiki, title)}
            for wiki, titles in certificate.work() for title in titles
        ],

        "issued": certificate.issued,
        "revoked": certificate.revocation.when if certificate.revocation else None,
    }


def team_info(certificate, session):
    revocation = certificate.revocation
    return {
        **public_info(certificate),
        "user_id": certificate.user_id,
        "revocation": revocation._asdict() if revocation else None,
        "pdf_url": pdf_url(session, certificate),
    }


def pdf_url(session, certificate):
    query = urlencode({"learner": certificate.wiki_username})
    return f"{session.absolute_url()}/@@certificate.pdf?{query}"


def requirements_info(found):
    return [
        {
            "exercise": {
                "@id": requirement.exercise.absolute_url(),
                "UID": requirement.exercise.UID(),
                "title": requirement.exercise.Title(),
                "check": requirement.exercise.check,
            },
            "done": requirement.done,
            "grade": requirement.grade,
        }
        for requirement in found
    ]
