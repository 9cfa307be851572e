"""No open redirect: wherever the site sends a visitor back to ``came_from``, ``next``
or the referer (Plone's login form, posted or followed as a link with the
credentials in it, logging out, our registration form; "Log in with Wikimedia" is
tests/identity's), and in the login form's hidden came_from, a destination on
another site, or one a browser could read as another site, lands on the site's
front page instead; one of its own pages is honoured (the control)."""

from security_site import MEMBER
from security_site import PASSWORD
from urllib.parse import urlsplit

import pytest
import re
import requests


# Destinations off the site, ``{site}`` being the site's address and ``{host}`` its
# host and port.
FOREIGN = [
    ("foreign host", "https://evil.example/plone"),
    ("foreign host, site's path", "http://evil.example{path}/en"),
    ("look-alike host", "http://{host}.evil.example{path}"),
    ("host in the user part", "http://{host}@evil.example{path}"),
    ("scheme-relative", "//evil.example{path}"),
    ("backslash", "/\\evil.example{path}"),
    ("backslashes", "\\\\evil.example{path}"),
    ("scheme and backslashes", "http:\\\\evil.example{path}"),
    ("scheme without slashes", "https:evil.example{path}"),
    ("javascript", "javascript:alert(document.domain)"),
    ("data", "data:text/html,<script>alert(1)</script>"),
    ("leading space", " https://evil.example{path}"),
    ("tab in the scheme", "ht\ttps://evil.example{path}"),
]
# On the site, but trying to add a header of its own to the redirection.
INJECTIONS = [
    ("encoded newline", "{site}/%0d%0aLocation:%20https://evil.example"),
    ("newline", "{site}/\r\nLocation: https://evil.example"),
]
OWN = [
    ("a page of the site", "{site}/en/intro"),
    ("a path of the site", "{path}/en/intro"),
]


def destination(template, site):
    parts = urlsplit(site)
    return template.format(site=site, host=parts.netloc, path=parts.path)


def on_site(location, site):
    """Whether a browser following ``location`` stays on the site."""
    parts = urlsplit(location)
    return (
        parts.scheme in ("http", "https")
        and parts.netloc == urlsplit(site).netloc
        and (parts.path + "/").startswith(urlsplit(site).path + "/")
        and "\\" not in location
    )


def logged_in_browser(site):
    browser = requests.Session()
    browser.post(site + "/login", data={
        "__ac_name": MEMBER, "__ac_password": PASSWORD, "buttons.login": "Log in",
    }, allow_redirects=False, timeout=30)
    assert "__ac" in browser.cookies
    return browser


def credentials(came_from):
    return {"__ac_name": MEMBER, "__ac_password": PASSWORD, "came_from": came_from,
            "buttons.login": "Log in"}


def post_login_form(site, came_from):
    return requests.post(site + "/login", data=credentials(came_from), allow_redirects=False,
                         timeout=30)


def link_with_credentials(site, came_from):
    return requests.get(site + "/login", params=credentials(came_from), allow_redirects=False,
                        timeout=30)


def link_with_credentials_when_logged_in(site, came_from):
    return logged_in_browser(site).get(site + "/login", params=credentials(came_from),
                                       allow_redirects=False, timeout=30)


def log_out(site, came_from):
    return logged_in_browser(site).get(site + "/logout", params={"next": came_from},
                                       allow_redirects=False, timeout=30)


def registration_when_logged_in(site, came_from):
    return logged_in_browser(site).get(site + "/@@wiki-register", params={"came_from": came_from},
                                       allow_redirects=False, timeout=30)


WAYS = [
    ("login form", post_login_form),
    ("login link", link_with_credentials),
    ("login link, logged in", link_with_credentials_when_logged_in),
    ("logout", log_out),
    ("registration, logged in", registration_when_logged_in),
]


@pytest.fixture(scope="class")
def site(world, visitor):
    return visitor().base_url


class TestRedirects:
    @pytest.mark.parametrize("way", [way for _, way in WAYS], ids=[name for name, _ in WAYS])
    @pytest.mark.parametrize("template", [value for _, value in FOREIGN + INJECTIONS],
                             ids=[name for name, _ in FOREIGN + INJECTIONS])
    def test_a_foreign_destination_stays_on_the_site(self, site, way, template):
        """Redirected to the site, or (a came_from the login form cannot take as a line
        of text) not redirected at all."""
        response = way(site, destination(template, site))
        if response.status_code == 200:
            assert "Location" not in response.headers
            return
        assert response.status_code == 302, response.text[:300]
        location = response.headers["Location"]
        assert on_site(location, site), location
        assert "\n" not in location and "\r" not in location

    @pytest.mark.parametrize("way", [way for _, way in WAYS], ids=[name for name, _ in WAYS])
    @pytest.mark.parametrize("template", [value for _, value in OWN], ids=[name for name, _ in OWN])
    def test_a_page_of_the_site_is_honoured(self, site, way, template):
        response = way(site, destination(template, site))
        assert response.status_code == 302, response.text[:300]
        own = (site + "/en/intro", urlsplit(site).path + "/en/intro")
        assert response.headers["Location"] in own

    def test_the_login_form_logs_in_while_it_refuses_the_destination(self, site):
        response = post_login_form(site, "https://evil.example/plone")
        assert "__ac" in response.cookies
        assert response.headers["Location"] == site

    @pytest.mark.parametrize("template", [value for _, value in FOREIGN],
                             ids=[name for name, _ in FOREIGN])
    def test_the_login_form_does_not_carry_a_foreign_destination(self, site, template):
        """In its hidden came_from, whether it came in the query or as the referer."""
        foreign = destination(template, site)
        pages = [requests.get(site + "/login", params={"came_from": foreign}, timeout=30)]
        if foreign == foreign.strip() and "\t" not in foreign:  # what a header can carry
            pages.append(requests.get(site + "/login", headers={"Referer": foreign}, timeout=30))
        for page in pages:
            assert page.status_code == 200
            assert came_from_fields(page.text) == [""]

    @pytest.mark.parametrize("given", ["query", "referer"])
    def test_the_login_form_carries_a_destination_of_the_site(self, site, given):
        own = site + "/en/intro"
        if given == "query":
            page = requests.get(site + "/login", params={"came_from": own}, timeout=30)
        else:
            page = requests.get(site + "/login", headers={"Referer": own}, timeout=30)
        assert came_from_fields(page.text) == [own]


def came_from_fields(html):
    """The values of the page's came_from fields ("" when a field has none)."""
    values = []
    for field in re.findall(r'<input[^>]*name="came_from"[^>]*>', html):
        value = re.search(r'value="([^"]*)"', field)
        values.append(value.group(1) if value else "")
    return values
