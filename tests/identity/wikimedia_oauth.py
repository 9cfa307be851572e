"""A loopback stand-in for Wikimedia's OAuth 2.0 server (Extension:OAuth).

No real Extension:OAuth can run here (Debian's MediaWiki lacks it), so the login
tests talk to this server instead. It implements exactly the three endpoints our
provider uses, as Extension:OAuth documents them:

- ``GET /w/rest.php/oauth2/authorize`` (authorization code grant): checks
  ``response_type=code``, the client id, the ``redirect_uri`` (it must start with the
  consumer's registered callback, MediaWiki's "use the callback URL as a required
  prefix" consumer option, so both the Classic UI and the REST login work), the
  space-separated grants in ``scope``, then redirects back with ``code`` and the
  unchanged ``state``. The person "logged in on the wiki" who approves is
  ``signed_in``; ``approve = False`` makes them press Cancel (``error=access_denied``).
- ``POST /w/rest.php/oauth2/access_token``: ``grant_type=authorization_code``, the
  client's id and secret (in the form or HTTP Basic), a code used once, the same
  redirect URI → ``{"token_type": "Bearer", "access_token", "refresh_token", "expires_in"}``.
- ``GET /w/rest.php/oauth2/resource/profile`` with ``Authorization: Bearer``: the
  profile (``sub``, ``username``, ``editcount``, ``confirmed_email``, ``blocked``,
  ``registered``, ``groups``, ``rights``, ``grants``; ``realname`` and ``email`` only
  with the ``mwoauth-authonlyprivate`` grant).
"""

from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlencode
from urllib.parse import urlsplit
from wikimooc.policy.identity.settings import store_consumer_secret

import base64
import json
import secrets
import threading
import transaction


GRANTS = {"mwoauth-authonly", "mwoauth-authonlyprivate", "basic", "editpage", "createeditmovepage"}
PRIVATE_GRANT = "mwoauth-authonlyprivate"
PREFIX = "/w/rest.php/oauth2/"


def wiki_account(sub, username, **changes):
    return {
        "sub": str(sub),
        "username": username,
        "editcount": 42,
        "confirmed_email": True,
        "blocked": False,
        "registered": "20190314120000",
        "groups": ["*", "user", "autoconfirmed"],
        "rights": ["read", "edit", "createpage"],
        "realname": "",
        "email": f"{username.lower()}@example.org",
        **changes,
    }


class WikimediaOAuthServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, client_id, client_secret, callback_prefix):
        super().__init__(("127.0.0.1", 0), OAuthHandler)
        self.client_id = client_id
        self.client_secret = client_secret
        self.callback_prefix = callback_prefix
        self.signed_in = None
        self.approve = True
        self.codes = {}
        self.tokens = {}
        self.requests = []
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def requests_to(self, endpoint):
        return [request for request in self.requests if request["endpoint"] == endpoint]


class OAuthHandler(BaseHTTPRequestHandler):
    server: WikimediaOAuthServer

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def route(self, method):
        parts = urlsplit(self.path)
        endpoint = parts.path.removeprefix(PREFIX)
        params = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            params.update({key: values[0] for key, values in parse_qs(body).items()})
        with self.server.lock:
            self.server.requests.append({"endpoint": endpoint, "method": method, "params": params})
        handlers = {
            ("GET", "authorize"): self.authorize,
            ("POST", "access_token"): self.access_token,
            ("GET", "resource/profile"): self.profile,
        }
        handler = handlers.get((method, endpoint))
        if handler is None or not parts.path.startswith(PREFIX):
            return self.reply(404, {"error": "not_found"})
        handler(params)

    def reply(self, status, data, headers=()):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect_back(self, redirect_uri, **params):
        location = redirect_uri + "?" + urlencode(params)
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def authorize(self, params):
        server = self.server
        # Client errors are shown on the wiki, not sent to an unverified redirect URI.
        if params.get("client_id") != server.client_id:
            return self.reply(400, {"error": "invalid_client"})
        redirect_uri = params.get("redirect_uri", "")
        if not redirect_uri.startswith(server.callback_prefix):
            return self.reply(400, {"error": "invalid_request", "hint": "redirect_uri"})
        state = params.get("state", "")
        if params.get("response_type") != "code":
            return self.redirect_back(redirect_uri, error="unsupported_response_type", state=state)
        grants = params.get("scope", "").split(" ")
        if not set(grants) <= GRANTS:
            return self.redirect_back(redirect_uri, error="invalid_scope", state=state)
        if not server.approve:
            return self.redirect_back(redirect_uri, error="access_denied", state=state)
        code = secrets.token_urlsafe(24)
        with server.lock:
            server.codes[code] = {
                "account": dict(server.signed_in),
                "grants": grants,
                "redirect_uri": redirect_uri,
            }
        self.redirect_back(redirect_uri, code=code, state=state)

    def client_credentials(self, params):
        authorization = self.headers.get("Authorization", "")
        if authorization.startswith("Basic "):
            client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
            return client_id, secret
        return params.get("client_id"), params.get("client_secret")

    def access_token(self, params):
        server = self.server
        if self.client_credentials(params) != (server.client_id, server.client_secret):
            return self.reply(401, {"error": "invalid_client"})
        if params.get("grant_type") != "authorization_code":
            return self.reply(400, {"error": "unsupported_grant_type"})
        with server.lock:
            grant = server.codes.pop(params.get("code"), None)
        if grant is None or grant["redirect_uri"] != params.get("redirect_uri"):
            return self.reply(
                400, {"error": "invalid_grant", "message": "Authorization code is invalid"}
            )
        token = secrets.token_urlsafe(32)
        with server.lock:
            server.tokens[token] = grant
        self.reply(200, {
            "token_type": "Bearer",
            "expires_in": 14400,
            "access_token": token,
            "refresh_token": secrets.token_urlsafe(32),
        })

    def profile(self, params):
        authorization = self.headers.get("Authorization", "")
        grant = self.server.tokens.get(authorization.removeprefix("Bearer ")) if (
            authorization.startswith("Bearer ")
        ) else None
        if grant is None:
            return self.reply(401, {"error": "invalid_token"})
        account = dict(grant["account"])
        if PRIVATE_GRANT not in grant["grants"]:
            account.pop("realname", None)
            account.pop("email", None)
        self.reply(200, {**account, "grants": grant["grants"]})


@contextmanager
def serving_oauth(portal, client_id, client_secret):
    """The stand-in served on a free port, and the site set up to log in with it."""
    server = WikimediaOAuthServer(client_id, client_secret, portal.absolute_url() + "/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api.portal.set_registry_record("wikimooc.oauth_server", server.url)
    api.portal.set_registry_record("wikimooc.oauth_consumer_key", client_id)
    store_consumer_secret(client_secret)
    transaction.commit()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
