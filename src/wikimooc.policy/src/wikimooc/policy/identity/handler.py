"""Log in with Wikimedia in Classic UI: pas.plugins.authomatic's handler, with the
checks it lacks (blocked accounts, refused by ``sign_in``; where to go afterwards)."""

from pas.plugins.authomatic.browser.view import AuthomaticView
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from wikimooc.policy import _
from wikimooc.policy.identity.accounts import sign_in
from wikimooc.policy.redirects import own_url
from wikimooc.workflows.refusals import Attempt
from zope.interface import alsoProvides

import logging


logger = logging.getLogger(__name__)

DESTINATION_COOKIE = "wikimooc_came_from"


class WikimediaLoginView(AuthomaticView):
    """``{site}/authomatic-handler/wikimedia``: to the OAuth server and back."""

    def __call__(self):
        came_from = self.request.form.pop("came_from", None)
        if came_from is not None:
            # authomatic takes any unknown parameter for the OAuth server's answer,
            # so the destination waits in a cookie.
            if destination := own_url(came_from):
                self.request.response.setCookie(
                    DESTINATION_COOKIE, destination, path="/", http_only=True, same_site="Lax"
                )
            self.request.response.redirect(self.request["ACTUAL_URL"])
            return ""
        return super().__call__()

    def _remember_identity(self, result, provider_name):
        alsoProvides(self.request, IDisableCSRFProtection)
        with Attempt() as attempt:
            sign_in(result)
            api.portal.show_message(
                _("You are logged in with your Wikimedia account."), self.request
            )
        if attempt.refused is not None:
            self.refused = True
            api.portal.show_message(attempt.refused.message, self.request, type="error")

    def _handle_error(self, error):
        # The cause (a wrong state, a refused code, an unreachable server) is for
        # the operator; the learner gets what to do next.
        logger.warning("Log in with Wikimedia failed: %s", type(error).__name__)
        self.refused = True
        api.portal.show_message(
            _(
                "Logging in with Wikimedia did not work. Please try again; if it"
                " keeps failing, tell the course team."
            ),
            self.request,
            type="error",
        )
        return self._redirect()

    def _redirect(self):
        response = self.request.response
        destination = own_url(self.request.cookies.get(DESTINATION_COOKIE))
        response.expireCookie(DESTINATION_COOKIE, path="/")
        if getattr(self, "refused", False):
            destination = api.portal.get().absolute_url() + "/login"
        response.redirect(destination or api.portal.get().absolute_url())
        return ""
