from plone import api
from plone.app.multilingual.interfaces import ITranslationManager

import pytest


@pytest.fixture
def french_course(portal, course):
    with api.env.adopt_roles(["Manager"]):
        translated = api.content.create(
            container=portal["fr"], type="Course", id="introduction",
            title="Introduction à Wikipédia", projects=("wikipedia",),
            organisation="Wikimedia UK",
        )
    ITranslationManager(course).register_translation("fr", translated)
    return translated


def test_translations_stay_linked_both_ways(course, french_course):
    assert ITranslationManager(course).get_translation("fr") == french_course
    assert ITranslationManager(french_course).get_translation("en") == course
    assert set(ITranslationManager(course).get_translated_languages()) == {"en", "fr"}


def test_modules_are_translatable_too(course, french_course):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", title="Basics")
        module_fr = api.content.create(container=french_course, type="Module", title="Bases")
    ITranslationManager(module).register_translation("fr", module_fr)
    assert module_fr.Language() == "fr"
    assert ITranslationManager(module_fr).get_translation("en") == module


@pytest.mark.parametrize("language, titles", [
    ("en", {"Introduction to Wikipedia"}),
    ("fr", {"Introduction à Wikipédia"}),
])
def test_catalog_filters_by_language(portal, french_course, language, titles):
    found = api.content.find(portal_type="Course", Language=language)
    assert {brain.Title for brain in found} == titles
