"""The login form's "Log in with Wikimedia" and "Create an account" buttons."""

from plone.app.layout.viewlets import ViewletBase
from urllib.parse import urlencode
from wikimooc.policy.identity.accounts import PROVIDER
from wikimooc.policy.identity.settings import login_is_configured
from wikimooc.policy.redirects import own_url


class LoginOptionsViewlet(ViewletBase):
    """On the login form: log in with Wikimedia, or create an account there."""

    def update(self):
        super().update()
        came_from = own_url(self.request.form.get("came_from")) or ""
        self.login_configured = login_is_configured()
        self.wikimedia_login_url = f"{self.site_url}/authomatic-handler/{PROVIDER}"
        if came_from:
            self.wikimedia_login_url += "?" + urlencode({"came_from": came_from})
        self.register_url = f"{self.site_url}/@@wiki-register"
