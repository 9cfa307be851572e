"""Pages say their direction: ``<html dir="rtl">`` on Arabic (and Urdu, which Plone's
own list of right-to-left languages leaves out) pages, ``dir="ltr"`` on English and
French ones, decided from the language code; the upgrade step that gives an existing
site its Arabic language root."""

from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from wikimooc.policy.upgrades.v20261203230 import upgrade as add_arabic
from wikimooc.theme.layout.direction import text_direction
from wikimooc.theme.layout.direction import with_page_direction

import lxml.html
import pytest
import requests
import transaction


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("ar", "rtl"), ("ar-EG", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"),
        ("ps", "rtl"), ("ckb", "rtl"), ("yi", "rtl"), ("dv", "rtl"), ("sd", "rtl"),
        ("en", "ltr"), ("en-GB", "ltr"), ("fr", "ltr"), ("de", "ltr"), ("pt_BR", "ltr"),
        ("zh-Hant", "ltr"), ("zz", "ltr"), ("", "ltr"), ("not a language", "ltr"),
    ],
)
def test_direction_of_a_language_code(language, direction):
    assert text_direction(language) == direction


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<!DOCTYPE html>\n<html lang="ar" xmlns="x"><head><title>a</title></head>\n'
         '<body class="b" dir="ltr"><p>c</p></body></html>',
         '<!DOCTYPE html>\n<html lang="ar" xmlns="x" dir="rtl"><head><title>a</title></head>\n'
         '<body class="b" dir="rtl"><p>c</p></body></html>'),
        ("<html lang=en-GB><head></head><body></body></html>",
         '<html lang=en-GB dir="ltr"><head></head><body dir="ltr"></body></html>'),
        # A byte order mark, comments, capitals, quotes holding ">", "<body>" in a script.
        ("\ufeff<!-- a --><HTML LANG='fa'><head><script>b = '<body>';</script></head>"
         "<!-- c -->\n<BODY data-d='e>f'>",
         "\ufeff<!-- a --><HTML LANG='fa' dir=\"rtl\"><head><script>b = '<body>';</script>"
         "</head><!-- c -->\n<BODY data-d='e>f' dir=\"rtl\">"),
        ('<html data-lang="ar" lang="en" dir="rtl"><head></head><body dir=\'rtl\'>',
         '<html data-lang="ar" lang="en" dir="ltr"><head></head><body dir="ltr">'),
        # Left as they are: a fragment, no language, no </head>.
        ('<div lang="ar">a</div>', None),
        ("<html><head></head><body></body></html>", None),
        ('<html lang="ar"><body>a</body></html>', None),
    ],
)
def test_the_two_start_tags_are_edited_in_the_text(page, expected):
    assert with_page_direction(page) == expected


@pytest.fixture
def arabic_and_urdu(functional_portal):
    add_arabic(functional_portal.portal_setup)
    languages = api.portal.get_registry_record("plone.available_languages")
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("plone.available_languages", [*languages, "ur"])
        SetupMultilingualSite().setupSite(functional_portal)
    transaction.commit()
    return functional_portal


def directions(url):
    response = requests.get(url, timeout=60)
    assert response.status_code == 200, url
    page = lxml.html.fromstring(response.content)
    return page.get("lang"), page.get("dir"), page.find("body").get("dir")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("ar", ("ar", "rtl", "rtl")),
        ("ar/login", ("ar", "rtl", "rtl")),
        ("ur", ("ur", "rtl", "rtl")),
        ("en", ("en", "ltr", "ltr")),
        ("en/login", ("en", "ltr", "ltr")),
        ("fr", ("fr", "ltr", "ltr")),
    ],
)
def test_pages_say_their_direction(arabic_and_urdu, path, expected):
    assert directions(f"{arabic_and_urdu.absolute_url()}/{path}") == expected


def test_pages_unthemed_by_diazo_say_their_direction_in_their_encoding(arabic_and_urdu):
    """Without Diazo the page is parsed here: it is written back in UTF-8, not as
    character references."""
    api.portal.set_registry_record("plone.app.theming.interfaces.IThemeSettings.enabled", False)
    transaction.commit()
    response = requests.get(f"{arabic_and_urdu.absolute_url()}/ar", timeout=60)
    assert 'dir="rtl"' in response.text.split("<head>")[0]
    assert "العربية" in response.content.decode("utf-8")
    assert "&#" not in response.text


def test_the_upgrade_gives_an_existing_site_its_arabic_root(portal, setup_tool):
    assert "ar" not in portal.objectIds()
    add_arabic(setup_tool)
    assert api.portal.get_registry_record("plone.available_languages") == ["en", "fr", "ar"]
    root = portal["ar"]
    assert (root.portal_type, root.Language()) == ("LRF", "ar")
    assert api.content.get_state(root) == api.content.get_state(portal["en"])
    add_arabic(setup_tool)
    assert api.portal.get_registry_record("plone.available_languages") == ["en", "fr", "ar"]
