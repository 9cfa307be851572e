"""Every ``Location`` header the site sends is ASCII, as HTTP requires (RFC 9110).

Wiki usernames, hence logins and the addresses of members (``/@users/<login>``), are
written in every script; plone.restapi puts them in ``Location`` as they are, and the
web server could not send the response (``POST /@users`` with an Arabic username
answered 500 after creating the member). Before the transaction commits, any other
character of the header is percent-encoded as UTF-8, as Zope does for redirects."""

from urllib.parse import quote


# What a URL keeps as it is: RFC 3986's reserved and unreserved characters, and "%"
# for what is encoded already.
URL_CHARACTERS = ":/?#[]@!$&'()*+,;=-._~%"


def ascii_url(url):
    """``url`` with every other character percent-encoded as UTF-8."""
    return quote(url, safe=URL_CHARACTERS)


def encode_location(event):
    """IPubBeforeCommit subscriber."""
    response = event.request.response
    location = response.getHeader("Location")
    if location and not location.isascii():
        response.setHeader("Location", ascii_url(location))
