"""``@login-authomatic``: pas.plugins.authomatic's REST login, with our checks:
blocked accounts are refused and the public URL must be one of ours."""

from pas.plugins.authomatic.services.authomatic import Get
from pas.plugins.authomatic.services.authomatic import Post
from wikimooc.policy import _
from wikimooc.policy.redirects import own_url
from wikimooc.policy.identity.accounts import BlockedAccount
from wikimooc.policy.identity.accounts import sign_in
from wikimooc.workflows.refusals import error_reply
from wikimooc.workflows.refusals import Refused
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data
from wikimooc.workflows.refusals import ServiceError


def foreign_public_url(request, public_url):
    """The error reply for a ``publicUrl`` that is not this site's, else None: the
    OAuth server would send the learner's code there."""
    if public_url and not own_url(public_url):
        return error_reply(
            request,
            ServiceError(400, "BadRequest", _("publicUrl must be an address of this site.")),
        )
    return None


class WikimediaLoginStart(Get):
    def reply(self):
        return foreign_public_url(self.request, self.request.form.get("publicUrl")) or (
            super().reply()
        )


class WikimediaLoginFinish(RefusingService, Post):
    """A body that is no JSON object, or whose ``qs`` is no text, is a 400."""

    refused_type = "Blocked"

    def answer(self):
        data = request_data(self.request)
        if not isinstance(data.get("qs", ""), str):
            raise ServiceError(
                400, "BadRequest", _("\"qs\" must be the query string the OAuth server sent back.")
            )
        if refused := foreign_public_url(self.request, data.get("publicUrl")):
            return refused
        try:
            return Post.reply(self)
        except BlockedAccount as refusal:
            raise Refused(403, refusal.message) from None

    def _remember_identity(self, result):
        sign_in(result)
