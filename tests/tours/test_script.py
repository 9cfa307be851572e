"""The tour builder writes GuidedTour's TourBuilder JavaScript from a draft's steps."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from wikimooc.policy.tours.script import tour_script
from wikimooc.theme.tours.views import TourBuilderView

import json
import pytest
import re


def script_of(draft):
    return TourBuilderView(draft, draft.REQUEST).script()


def test_the_script_builds_the_tour_step_by_step(draft):
    script = script_of(draft)
    assert 'new gt.TourBuilder( { name: "firstedit" } );' in script
    assert script.count("tour.firstStep(") == 1 and script.count("tour.step(") == 2
    assert re.search(
        r'tour\.firstStep\( \{\s+name: "welcome".*?\} \)\s+\.next\( "edit" \);', script, re.S
    )
    assert re.search(
        r'tour\.step\( \{\s+name: "edit".*?\} \)\s+'
        r'\.back\( "welcome" \)\s+\.next\( "done" \);',
        script, re.S,
    )
    assert re.search(r'tour\.step\( \{\s+name: "done".*?\} \)\s+\.back\( "edit" \);', script, re.S)
    assert script.rstrip().endswith("}( mw.guidedTour ) );")


def test_steps_point_at_elements_or_sit_in_the_middle(draft):
    script = script_of(draft)
    assert 'attachTo: "#ca-edit",\n\t\tposition: "bottom"' in script
    welcome = script.split("tour.step(")[0]
    assert "overlay: true" in welcome and "attachTo" not in welcome


def test_text_stays_text_on_the_wiki(draft):
    script = script_of(draft)
    assert 'title: "Edit &lt;here&gt;"' in script
    assert 'description: "Click &quot;Edit&quot; to write."' in script


def test_buttons_and_the_way_back_to_the_course(draft):
    script = script_of(draft)
    assert 'buttons: [ { action: "back" }, { action: "next" } ]' in script
    course_url = json.dumps(draft.__parent__.absolute_url())
    assert (
        f"{{ name: \"Back to the course\", action: 'externalLink', url: {course_url} }}"
        in script
    )


def test_a_title_cannot_end_the_header_comment(draft):
    draft.title = "Tricky */ title"
    assert "Tricky * / title" in tour_script(draft, [], "https://example.org", "en")


@pytest.fixture
def french_draft(portal, draft):
    """The draft and its steps translated as plone.app.multilingual translates them."""
    with api.env.adopt_roles(["Manager"]):
        french_course = api.content.create(
            container=portal["fr"], type="Course", id="introduction", title="Introduction",
            projects=("wikipedia",), organisation="Wikimédia France",
        )
        ITranslationManager(draft.__parent__).register_translation("fr", french_course)
        manager = ITranslationManager(draft)
        manager.add_translation("fr")
        translated = manager.get_translation("fr")
        translated.title = "Première modification"
        for step in draft.objectValues():
            step_manager = ITranslationManager(step)
            step_manager.add_translation("fr")
            step_manager.get_translation("fr").title = "Étape " + step.title
    return translated


def test_a_translated_draft_keeps_names_targets_and_buttons(french_draft):
    assert french_draft.tour_name == "firstedit"
    steps = french_draft.objectValues()
    assert [step.step_name for step in steps] == ["welcome", "edit", "done"]
    assert steps[1].attach_to == "#ca-edit" and steps[2].buttons == ("back", "course")
    script = script_of(french_draft)
    assert 'title: "Étape Welcome"' in script
    assert '"Retour au cours"' in script
    assert 'new gt.TourBuilder( { name: "firstedit" } );' in script
