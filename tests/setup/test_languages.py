from plone import api
from plone.app.multilingual.interfaces import ITranslationManager

import pytest


@pytest.mark.parametrize("language", ["en", "fr"])
def test_language_root_exists(portal, language):
    root = portal[language]
    assert root.portal_type == "LRF"
    assert root.Language() == language


def test_french_root_is_the_translation_of_the_english_one(portal):
    assert ITranslationManager(portal["en"]).get_translation("fr") == portal["fr"]


def test_interface_languages(portal):
    assert api.portal.get_registry_record("plone.available_languages") == ["en", "fr"]
    assert api.portal.get_registry_record("plone.default_language") == "en"


def test_content_added_to_a_root_takes_its_language(portal):
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(container=portal["fr"], type="Document", title="Essai")
    assert page.Language() == "fr"
