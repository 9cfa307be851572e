"""The wikis of sessions and registrations: where their Action API is, and a client
that follows Wikimedia's API etiquette (a descriptive User-Agent with a contact
address, ``maxlag=5``, bounded retries)."""

from importlib.metadata import version
from plone import api
from urllib.parse import quote
from urllib.parse import urlsplit

import mwclient


DEFAULT_API_URL = "https://{host}/w/api.php"
MAX_LAG_SECONDS = 5


def api_url(host):
    """The Action API of ``host``: the ``wikimooc.wikis`` registry record maps hosts
    elsewhere (a local MediaWiki in tests and ``make dev-wiki``)."""
    mapped = api.portal.get_registry_record("wikimooc.wikis", default=None) or {}
    return mapped.get(host) or DEFAULT_API_URL.format(host=host)


def user_agent():
    """Wikimedia's User-Agent policy: who we are and how to reach the operator (the
    site's email address, else its contact form)."""
    site = api.portal.get().absolute_url()
    contact = api.portal.get_registry_record("plone.email_from_address", default="") or (
        f"{site}/contact-info"
    )
    return f"WikiMOOC/{version('wikimooc.policy')} ({site}; {contact}) mwclient"


def connect(host, retries=1, timeout=20):
    """An mwclient Site for ``host``, without the siteinfo request mwclient makes by
    default. ``retries`` bounds its retries on network errors, 5xx and maxlag."""
    url = urlsplit(api_url(host))
    path, _, script = url.path.rpartition("/")
    return mwclient.Site(
        url.netloc,
        path=path + "/",
        ext="." + script.rpartition(".")[2],
        scheme=url.scheme,
        clients_useragent=user_agent(),
        max_lag=MAX_LAG_SECONDS,
        max_retries=retries,
        retry_timeout=2,
        do_init=False,
        reqs={"timeout": timeout},
    )


def page_url(host, title):
    """The address of page ``title`` on ``host`` (canonical namespace names work on
    every wiki, whatever its language)."""
    mapped = api.portal.get_registry_record("wikimooc.wikis", default=None) or {}
    quoted = quote(title.replace(" ", "_"), safe="/:")
    if host in mapped:
        return mapped[host].rpartition("/")[0] + "/index.php?title=" + quoted
    return f"https://{host}/wiki/{quoted}"


def user_links(host, username):
    """Where teachers follow a learner on the session's wiki."""
    return {
        "contributions": page_url(host, f"Special:Contributions/{username}"),
        "user_page": page_url(host, f"User:{username}"),
        "talk_page": page_url(host, f"User talk:{username}"),
    }
