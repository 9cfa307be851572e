"""An authomatic provider for MediaWiki's OAuth 2.0 (Extension:OAuth), the way
Wikimedia accounts log in to other sites.

pas.plugins.authomatic names it by dotted path in its JSON configuration; authomatic
resolves such a class only through its module's ``PROVIDER_ID_MAP``.
"""

from authomatic.providers.oauth2 import OAuth2
from wikimooc.policy.identity.settings import consumer_key
from wikimooc.policy.identity.settings import consumer_secret
from wikimooc.policy.identity.settings import oauth_endpoint


REDACTED_LOG_PARAMETERS = frozenset({"body", "params", "headers"})


class Wikimedia(OAuth2):
    """Log in with a Wikimedia (SUL) account.

    The profile's ``sub`` is the central user id, stable across renames: it is the
    identity's id. The key and secret come from our settings, not authomatic's JSON.
    """

    def __init__(self, *args, **kwargs):
        kwargs["consumer_key"] = consumer_key()
        kwargs["consumer_secret"] = consumer_secret()
        super().__init__(*args, **kwargs)
        self.profile_response = None

    def update_user(self):
        # The profile is read once per login: we check it (blocked?) before
        # pas.plugins.authomatic reads it again to remember the member.
        if self.profile_response is None:
            self.profile_response = super().update_user()
        return self.profile_response

    @property
    def user_authorization_url(self):
        return oauth_endpoint("authorize")

    @property
    def access_token_url(self):
        return oauth_endpoint("access_token")

    @property
    def user_info_url(self):
        return oauth_endpoint("resource/profile")

    def _x_scope_parser(self, scope):
        # MediaWiki separates grants with spaces, as RFC 6749 says; authomatic's
        # OAuth2 joins them with commas.
        return " ".join(scope)

    @classmethod
    def _x_credentials_parser(cls, credentials, data):
        if str(data.get("token_type", "")).lower() == "bearer":
            credentials.token_type = cls.BEARER
        return credentials

    @staticmethod
    def _x_user_parser(user, data):
        if "sub" in data:
            user.id = str(data["sub"])
            user.username = data.get("username")
            user.name = data.get("realname") or data.get("username")
        return user

    @classmethod
    def _log_param(cls, param, value="", last=None, **kwargs):
        # authomatic logs request bodies and headers, which carry the consumer
        # secret, authorization codes and tokens.
        if param in REDACTED_LOG_PARAMETERS:
            value = "(not logged)"
        super()._log_param(param, value, last, **kwargs)


PROVIDER_ID_MAP = [Wikimedia]
