"""``{session}/@@create-accounts``: a teacher creates wiki accounts for a group, one
by one with a result per name, when the wiki throttles the room's address."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from wikimooc.policy.identity.registration import create_accounts_for
from wikimooc.theme import _
from wikimooc.workflows.refusals import Attempt


def names_and_emails(pasted):
    """One learner per line: ``username`` or ``username, email``."""
    for line in pasted.splitlines():
        name, _comma, email = line.partition(",")
        if name.strip():
            yield name.strip(), email.strip()


class CreateAccountsView(BrowserView):
    def __call__(self):
        self.results = []
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            wanted = list(names_and_emails(self.request.form.get("accounts", "")))
            if not wanted:
                api.portal.show_message(
                    _("Give at least one username."), request=self.request, type="error"
                )
            else:
                self.create(wanted)
        return self.index()

    def create(self, wanted):
        # The page shows temporary passwords: no cache may keep it.
        self.request.response.setHeader("Cache-Control", "no-store")
        with Attempt() as attempt:
            self.results = create_accounts_for(
                self.context, wanted, added_by=api.user.get_current().getId()
            )
        if attempt.refused is not None:
            api.portal.show_message(attempt.refused.message, request=self.request, type="error")
