from plone import api
from plone.app.multilingual.interfaces import ITranslationManager

import transaction


def test_a_course_lists_the_languages_it_exists_in(site, client):
    with api.env.adopt_roles(["Manager"]):
        french = api.content.create(
            container=site["portal"]["fr"], type="Course", id="introduction",
            title="Introduction", projects=("wikipedia",), organisation="Wikimedia UK",
        )
        api.content.create(container=french, type="Module", id="about", title="À propos")
        api.content.transition(french, to_state="published")
        ITranslationManager(site["course"]).register_translation("fr", french)
    transaction.commit()
    translations = client().get("/en/intro/@translations").json()
    assert [item["language"] for item in translations["items"]] == ["fr"]
    assert translations["items"][0]["@id"].endswith("/fr/introduction")
    expanded = client().get("/fr/introduction?expand=translations").json()
    assert [item["language"] for item in expanded["@components"]["translations"]["items"]] == ["en"]
