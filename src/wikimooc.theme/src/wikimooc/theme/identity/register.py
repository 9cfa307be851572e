"""``@@wiki-register``: create your Wikimedia account here, and be a member at once."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from wikimooc.policy.identity.accounts import PROVIDER
from wikimooc.policy.identity.registration import account_creation_captcha
from wikimooc.policy.identity.registration import attempts_per_address
from wikimooc.policy.identity.registration import checked_username
from wikimooc.policy.identity.registration import create_wiki_account
from wikimooc.policy.identity.registration import failure
from wikimooc.policy.identity.registration import remember_member
from wikimooc.policy.identity.settings import login_is_configured
from wikimooc.policy.identity.settings import wikimooc_settings
from wikimooc.policy.redirects import own_url
from wikimooc.policy.wikis import connect
from wikimooc.theme import _
from wikimooc.workflows.refusals import Attempt

import re


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RegisterView(BrowserView):
    captcha = None
    page_title = _("Create your Wikimedia account")

    def __call__(self):
        self.home_wiki = wikimooc_settings().home_wiki
        self.came_from = own_url(self.request.form.get("came_from")) or ""
        if not api.user.is_anonymous():
            self.request.response.redirect(self.came_from or api.portal.get().absolute_url())
            return ""
        self.errors = []
        self.failure = None
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.errors = self.form_errors()
            if not self.errors:
                with Attempt() as registration:
                    return self.register()
                self.errors = [registration.refused.message]
                self.failure = registration.refused.reason
        with Attempt() as asking:
            self.captcha = account_creation_captcha(connect(self.home_wiki))
        if asking.refused is not None and asking.refused.reason != self.failure:
            self.errors.append(self.cannot_register_now(asking.refused))
        return self.index()

    def cannot_register_now(self, refusal):
        """Why the form cannot be used now: before anything was sent, nothing was
        created, so the wiki's being out of reach is said as what to do."""
        if refusal.reason == "unreachable":
            return _(
                "The wiki cannot be reached right now, so accounts cannot be created"
                " here for the moment. Please come back in a few minutes."
            )
        return refusal.message

    def field(self, name):
        return self.request.form.get(name, "").strip()

    def form_errors(self):
        errors = []
        if not self.field("username"):
            errors.append(_("Choose a username."))
        if not EMAIL.match(self.field("email")):
            errors.append(_("Give an email address the wiki can use to reach you."))
        password = self.request.form.get("password", "")
        if not password:
            errors.append(_("Choose a password."))
        elif password != self.request.form.get("retype", ""):
            errors.append(_("The two passwords differ."))
        return errors

    def register(self):
        limit = api.portal.get_registry_record("wikimooc.registration_attempts_per_hour")
        if not attempts_per_address.allow(self.request.getClientAddr(), limit):
            raise failure("too_many_attempts")
        site = connect(self.home_wiki)
        username = create_wiki_account(
            site,
            checked_username(self.field("username")),
            self.request.form["password"],
            self.request.form["retype"],
            email=self.field("email"),
            captcha_id=self.field("captcha_id"),
            captcha_word=self.field("captcha_word"),
        )
        userid = remember_member(site, username, self.field("email"))
        return self.welcome(username, userid)

    def welcome(self, username, userid):
        portal = api.portal.get()
        destination = self.came_from or portal.absolute_url()
        if login_is_configured() or userid is None:
            api.portal.show_message(
                _(
                    "Your Wikimedia account ${name} is ready. Log in with it now: the"
                    " wiki asks for the password you just chose.",
                    mapping={"name": username},
                ),
                self.request,
            )
            query = urlencode({"came_from": destination})
            self.request.response.redirect(
                f"{portal.absolute_url()}/authomatic-handler/{PROVIDER}?{query}"
                if login_is_configured()
                else f"{portal.absolute_url()}/login"
            )
            return ""
        portal.acl_users.session._setupSession(userid, self.request.response)
        api.portal.show_message(
            _(
                "Welcome, ${name}: your Wikimedia account is ready and you are logged in.",
                mapping={"name": username},
            ),
            self.request,
        )
        self.request.response.redirect(destination)
        return ""
