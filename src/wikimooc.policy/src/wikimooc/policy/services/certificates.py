"""Certificates over REST: the teaching team's list and revocations, a learner's
own requirements and certificate, and the public verification of a code."""

from plone import api
from wikimooc.policy import _
from wikimooc.policy.certificates.completion import grade_requirement
from wikimooc.policy.certificates.completion import is_complete
from wikimooc.policy.certificates.completion import requirements
from wikimooc.policy.certificates.disclosure import pdf_url
from wikimooc.policy.certificates.disclosure import public_info
from wikimooc.policy.certificates.disclosure import requirements_info
from wikimooc.policy.certificates.disclosure import team_info
from wikimooc.policy.certificates.issuing import CertificateRefused
from wikimooc.policy.certificates.issuing import revoke
from wikimooc.policy.certificates.storage import certificate_by_code
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.certificates.storage import session_certificates
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.services.path_parameters import PathParameters
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class CertificatesGet(RefusingService):
    """Every certificate of the session, for its teaching team."""

    def answer(self):
        items = sorted(
            (
                team_info(certificate, self.context)
                for certificate in session_certificates(self.context)
            ),
            key=lambda item: item["issued"],
        )
        return {"@id": self.context.absolute_url() + "/@certificates", "items": items,
                "items_total": len(items)}


class RevokeCertificatePost(RefusingService):
    def answer(self):
        data = request_data(self.request)
        return team_info(revoke(self.context, data.get("code"), data.get("reason")), self.context)


def own_enrollment_username(session):
    if api.user.is_anonymous():
        raise CertificateRefused(401, _("Log in to see your certificate."))
    member = api.user.get_current()
    if not is_enrolled(session, member):
        raise CertificateRefused(403, _("You are not enrolled in this session."))
    return wiki_username_of(member)


class CertificateGet(RefusingService):
    """The caller's own: what the certificate requires, how far they are, and the
    certificate once issued."""

    def answer(self):
        session = self.context
        username = own_enrollment_username(session)
        found = requirements(session, username, api.user.get_current().getId())
        grade_rule = grade_requirement(session, username)
        certificate = certificate_of(session, username)
        return {
            "@id": session.absolute_url() + "/@certificate",
            "requirements": requirements_info(found),
            "minimum_grade": getattr(session, "certificate_minimum_grade", None),
            "grade": grade_rule._asdict() if grade_rule is not None else None,
            "complete": is_complete(found, grade_rule),
            "certificate": {**public_info(certificate), "pdf_url": pdf_url(session, certificate)}
            if certificate else None,
        }


class VerifyGet(PathParameters, RefusingService):
    """GET /@verify/<code>: anyone may check a certificate. 404 for an unknown code."""

    def answer(self):
        code = "/".join(self.params)
        certificate = certificate_by_code(code)
        if certificate is None:
            self.request.response.setStatus(404)
            return {"code": code, "valid": False, "status": "unknown"}
        return public_info(certificate)
