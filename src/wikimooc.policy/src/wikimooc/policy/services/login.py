"""``@login-authomatic``: pas.plugins.authomatic's REST login, with our checks:
blocked accounts are refused and the public URL must be one of ours."""

from pas.plugins.authomatic.services.authomatic import Get
from pas.plugins.authomatic.services.authomatic import Post
from wikimooc.policy import _
from wikimooc.policy.identity.accounts import sign_in
from wikimooc.policy.redirects import own_url
from wikimooc.workflows.refusals import BadRequest
from wikimooc.workflows.refusals import RefusingService


def refuse_foreign_public_url(public_url):
    """A ``publicUrl`` that is not this site's is refused: the OAuth server would
    send the learner's code there."""
    if public_url and not own_url(public_url):
        raise BadRequest(400, _("publicUrl must be an address of this site."))


class WikimediaLoginStart(RefusingService, Get):
    def answer(self):
        refuse_foreign_public_url(self.request.form.get("publicUrl"))
        return Get.reply(self)


class WikimediaLoginFinish(RefusingService, Post):
    """A blocked account is refused by ``sign_in`` (BlockedAccount)."""

    def answer(self):
        refuse_foreign_public_url(self.json_body.get("publicUrl"))
        return Post.reply(self)

    def _remember_identity(self, result):
        sign_in(result)
