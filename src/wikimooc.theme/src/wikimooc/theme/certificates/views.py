"""Classic UI of certificates: the teaching team's list with revocation, a learner's
certificate box on the session (requirements, download), the PDF, and the
verification page anyone can open."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from wikimooc.policy.certificates.completion import grade_requirement
from wikimooc.policy.certificates.completion import is_complete
from wikimooc.policy.certificates.completion import required_exercises
from wikimooc.policy.certificates.completion import requirements
from wikimooc.policy.certificates.completion import requires_pass_mark
from wikimooc.policy.certificates.disclosure import pdf_url
from wikimooc.policy.certificates.disclosure import public_info
from wikimooc.policy.certificates.disclosure import team_info
from wikimooc.policy.certificates.disclosure import verify_url
from wikimooc.policy.certificates.document import certificate_pdf
from wikimooc.policy.certificates.document import missing_fonts
from wikimooc.policy.certificates.fonts import CertificateFonts
from wikimooc.policy.certificates.issuing import revoke
from wikimooc.policy.certificates.storage import certificate_by_code
from wikimooc.policy.certificates.storage import certificate_of
from wikimooc.policy.certificates.storage import session_certificates
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import learner_username
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.theme import _
from wikimooc.theme.dates import ReaderDates
from wikimooc.workflows.permissions import MANAGE_CERTIFICATES
from wikimooc.workflows.refusals import RefusingAction
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


def may_manage_certificates(session):
    return api.user.has_permission(MANAGE_CERTIFICATES, obj=session)


def fonts_notice(certificate, fonts):
    """What the certificate says in place of the text no font has, or None."""
    missing = missing_fonts(certificate, fonts)
    if not missing:
        return None
    return _(
        "The certificate needs fonts this site lacks: ${fonts}. It names them where"
        " the text should be; the site's administrators can install them.",
        mapping={"fonts": ", ".join(
            f"{found.script} ({found.path})" if found.path else found.script
            for found in missing
        )},
    )


class CertificatesView(ReaderDates, BrowserView):
    def __call__(self):
        fonts = CertificateFonts()
        certificates = sorted(session_certificates(self.context), key=lambda found: found.issued)
        self.items = [
            {**team_info(certificate, self.context),
             "fonts_notice": fonts_notice(certificate, fonts)}
            for certificate in certificates
        ]
        return self.index()


class Revoke(RefusingAction):
    def act(self, form):
        revoked = revoke(self.context, form.get("code"), form.get("reason"))
        return _("The certificate of ${name} is revoked.", mapping={"name": revoked.wiki_username})

    def page_url(self):
        return self.context.absolute_url() + "/@@certificates"


class CertificatePDF(BrowserView):
    """A learner's own certificate; the teaching team's of anyone (``?learner=``),
    revoked ones too."""

    def __call__(self):
        certificate = self.certificate()
        if certificate is None:
            raise NotFound("No certificate")
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="certificate-{certificate.code}.pdf"'
        )
        return certificate_pdf(certificate, verify_url(certificate.code))

    def certificate(self):
        session = self.context
        asked = self.request.form.get("learner")
        if asked and may_manage_certificates(session):
            username = learner_username(session, asked)
            return certificate_of(session, username) if username else None
        member = api.user.get_current()
        if api.user.is_anonymous() or not is_enrolled(session, member):
            raise Unauthorized("Only the session's learners have certificates.")
        username = wiki_username_of(member)
        if asked and learner_username(session, asked) != username:
            raise Unauthorized("Only the teaching team sees other learners' certificates.")
        certificate = certificate_of(session, username)
        return certificate if certificate and certificate.revocation is None else None


class CertificateViewlet(ReaderDates, ViewletBase):
    """On a session, for its learners: what the certificate requires and how far
    they are, then the certificate to download."""

    def update(self):
        super().update()
        session = self.context
        member = api.user.get_current()
        self.available = (
            not api.user.is_anonymous()
            and is_enrolled(session, member)
            and (bool(required_exercises(session))
                 or requires_pass_mark(session))
        )
        if not self.available:
            return
        username = wiki_username_of(member)
        self.requirements = requirements(session, username, member.getId())
        self.grade_rule = grade_requirement(session, username)
        self.complete = is_complete(self.requirements, self.grade_rule)
        certificate = certificate_of(session, username)
        self.certificate = public_info(certificate) if certificate else None
        self.pdf_url = pdf_url(session, certificate) if certificate else None
        self.fonts_notice = fonts_notice(certificate, CertificateFonts()) if certificate \
            else None


@implementer(IPublishTraverse)
class VerifyView(ReaderDates, BrowserView):
    """/@@verify/<code>: whether a certificate is valid, for anyone."""

    code = ""

    def publishTraverse(self, request, name):
        self.code = f"{self.code}/{name}" if self.code else name
        return self

    def __call__(self):
        certificate = certificate_by_code(self.code)
        self.info = public_info(certificate) if certificate else None
        if certificate is None:
            self.request.response.setStatus(404)
        return self.index()

    def work(self):
        """The pages of the certificate, by wiki (the home wiki first)."""
        found = {}
        for page in self.info["pages"]:
            found.setdefault(page["wiki"], []).append(page)
        return [{"wiki": wiki, "pages": pages} for wiki, pages in found.items()]
