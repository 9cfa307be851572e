"""The course catalogue says which languages the interface speaks: those with
catalogues under the packages' locales/ (found here on disk, as a translator adds
them), each named in its own language and linked to its section where the site has
one; the rest of the page is in the section's language, Spanish and Arabic included
once the site has their roots."""

from html import unescape
from pathlib import Path
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite

import importlib
import pytest
import re
import transaction


# The languages' names in themselves, as Plone's language list gives them.
NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


def languages_on_disk():
    """English, the messages' own, and every language a package has a catalogue of."""
    return {"en"} | {
        po.parent.parent.name
        for package in ("policy", "theme", "workflows")
        for po in (
            Path(importlib.import_module(f"wikimooc.{package}").__file__).parent / "locales"
        ).glob("*/LC_MESSAGES/wikimooc.po")
    }


def listed_languages(html):
    """(code, name, address or None) of each language the section lists."""
    section = re.search(
        r'<section class="wikimooc-section wikimooc-interface-languages".*?</section>', html, re.S
    ).group(0)
    listed = []
    for attributes, item in re.findall(r"<li\b([^>]*)>(.*?)</li>", section, re.S):
        href = re.search(r'href="([^"]+)"', item)
        listed.append((
            re.search(r'\blang="([^"]+)"', attributes).group(1),
            unescape(re.sub(r"<[^>]+>", "", item)).strip(),
            href.group(1) if href else None,
        ))
    return listed


def heading(html):
    return unescape(re.search(r'id="wikimooc-interface-languages-heading">([^<]+)<', html).group(1))


@pytest.fixture
def spanish_and_arabic_roots(site):
    portal = site["portal"]
    languages = api.portal.get_registry_record("plone.available_languages")
    api.portal.set_registry_record(
        "plone.available_languages", [*languages, *({"es", "ar"} - set(languages))]
    )
    with api.env.adopt_roles(["Manager"]):
        SetupMultilingualSite().setupSite(portal)
        for code in ("es", "ar"):
            if api.content.get_state(portal[code]) != "published":
                api.content.transition(portal[code], "publish")
    transaction.commit()
    return portal


def test_the_catalogue_lists_the_interface_languages(site, page):
    portal_url = site["portal"].absolute_url()
    listed = listed_languages(page().get("/en").text)
    codes = [code for code, _, _ in listed]
    assert codes[0] == "en" and set(codes) == languages_on_disk()
    assert {"en", "fr", "es", "ar"} <= set(codes)
    names = {code: name for code, name, _ in listed}
    assert {code: names[code] for code in NAMES} == NAMES
    links = {code: href for code, _, href in listed}
    assert links["en"] == f"{portal_url}/en" and links["fr"] == f"{portal_url}/fr"
    # A language without a section on this site is listed, not linked.
    roots = site["portal"].objectIds()
    assert links == {code: f"{portal_url}/{code}" if code in roots else None for code in codes}
    assert None in links.values()


@pytest.mark.parametrize(
    "root, title, count",
    [
        ("fr", "Langues de l\u2019interface", "0 cours trouvé"),
        ("es", "Idiomas de la interfaz", "0 cursos encontrados"),
        ("ar", "لغات الواجهة", "لم يُعثر على أي مساق"),
    ],
)
def test_the_section_speaks_the_pages_language(spanish_and_arabic_roots, page, root, title, count):
    html = page().get(f"/{root}").text
    assert heading(html) == title
    assert count in unescape(html)
    assert re.search(rf'<html[^>]*\blang="{root}"', html)
    listed = {code: (name, href) for code, name, href in listed_languages(html)}
    # The names stay in their own language, whatever the page's.
    assert listed["es"] == ("Español", f"{spanish_and_arabic_roots.absolute_url()}/es")
    assert listed["ar"][0] == "العربية"
