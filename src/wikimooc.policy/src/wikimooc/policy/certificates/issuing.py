"""Issuing certificates to learners who completed their session, and revoking them.

Issuing runs where completion may have changed: at the end of an edit check, after
a teacher's decision on progress, after a grade, after the certificate settings
changed. It works whoever is acting (often the worker, or a reviewer grading
someone else's work)."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collections import defaultdict
from datetime import datetime
from datetime import UTC
from plone import api
from wikimooc.policy import _
from wikimooc.policy.certificates.completion import grade_requirement
from wikimooc.policy.certificates.completion import is_complete
from wikimooc.policy.certificates.completion import requirements
from wikimooc.policy.certificates.completion import requires_pass_mark
from wikimooc.policy.certificates.storage import Certificate
from wikimooc.policy.certificates.storage import certificate_by_code
from wikimooc.policy.certificates.storage import Revocation
from wikimooc.policy.certificates.storage import session_codes
from wikimooc.policy.certificates.storage import site_certificates
from wikimooc.policy.certificates.storage import store
from wikimooc.policy.content.session import session_language
from wikimooc.policy.grades.results import SessionResults
from wikimooc.policy.tracking.followed import session_wikis
from wikimooc.policy.tracking.storage import contributions_on
from wikimooc.workflows.refusals import Refused

import secrets


class CertificateRefused(Refused):
    """A certificate may not be shown or revoked."""

    error_type = "CertificateRefused"


def now():
    return datetime.now(UTC).isoformat(timespec="seconds")


def pages_edited(session, usernames):
    """wiki username → (wiki, title) of the pages they edited on each of the
    session's wikis, by wiki (the home wiki first), in the order they first edited
    them (one pass over the session's contributions)."""
    found = defaultdict(list)
    for host in session_wikis(session):
        first_edits = defaultdict(dict)
        for contribution in contributions_on(session, host):
            if contribution.username in usernames:
                titles = first_edits[contribution.username]
                titles[contribution.title] = min(
                    titles.get(contribution.title, contribution.timestamp),
                    contribution.timestamp)
        for username, titles in first_edits.items():
            found[username] += [(host, title) for title in sorted(titles, key=titles.get)]
    return dict(found)


def issue(session, enrollment, done, pages):
    course = aq_parent(aq_inner(session))
    member = api.user.get(userid=enrollment.user_id) if enrollment.user_id else None
    name = member.getProperty("fullname", "") if member is not None else ""
    certificate = Certificate(
        code=secrets.token_urlsafe(18),
        session_uid=session.UID(),
        wiki_username=enrollment.username,
        user_id=enrollment.user_id,
        name=name or enrollment.username,
        course=course.Title(),
        session=session.Title(),
        start=session.start.isoformat(),
        end=session.end.isoformat(),
        organisation=course.organisation or "",
        language=session_language(session),
        wiki=session.wiki,
        exercises=tuple(requirement.exercise.Title() for requirement in done),
        pages=tuple(title for wiki, title in pages if wiki == session.wiki),
        other_pages=tuple((wiki, title) for wiki, title in pages if wiki != session.wiki),
        issued=now(),
    )
    store(session, certificate)
    return certificate


def issue_where_complete(session, usernames):
    """A certificate for each of these learners who completed the session and has
    none yet (a revoked one is not issued again); return the new ones."""
    codes = session_codes(session, create=False) or {}
    # Opened once for all of them: the grade needs the session's stores.
    results = SessionResults(session) if requires_pass_mark(session) else None
    completed = []
    for username in usernames:
        enrollment = session.enrollments.learners.get(username)
        if enrollment is None or username in codes:
            continue
        found = requirements(session, username, enrollment.user_id)
        if is_complete(found, grade_requirement(session, username, results)):
            completed.append((enrollment, found))
    if not completed:
        return []
    pages = pages_edited(session, {enrollment.username for enrollment, _found in completed})
    return [
        issue(session, enrollment, found, pages.get(enrollment.username, ()))
        for enrollment, found in completed
    ]


def revoke(session, code, reason):
    if not isinstance(code, str) or not code:
        raise CertificateRefused(400, _("Give \"${name}\".", mapping={"name": "code"}))
    certificate = certificate_by_code(code)
    if certificate is None or certificate.session_uid != session.UID():
        raise CertificateRefused(
            400, _("This session has no certificate ${code}.", mapping={"code": str(code)})
        )
    if certificate.revocation is not None:
        raise CertificateRefused(400, _("This certificate is already revoked."))
    if not isinstance(reason, str) or not reason.strip():
        raise CertificateRefused(400, _("Give the reason for revoking this certificate."))
    revoked = certificate._replace(
        revocation=Revocation(reason.strip(), api.user.get_current().getId(), now())
    )
    site_certificates()[code] = revoked
    return revoked
