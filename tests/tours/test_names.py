"""Tour and step names follow GuidedTour's rules: lowercase, no - or ."""

from wikimooc.policy.tours.names import NotATourName
from wikimooc.policy.tours.names import tour_name
from wikimooc.policy.tours.wiki import tour_name_of

import pytest


@pytest.mark.parametrize("name", ["twa1", "firstedit", "first_edit"])
def test_good_names(name):
    assert tour_name(name)


@pytest.mark.parametrize("name", ["First", "first-edit", "tour.one", "two words", ""])
def test_bad_names(name):
    with pytest.raises(NotATourName):
        tour_name(name)


@pytest.mark.parametrize("title, name", [
    ("MediaWiki:Guidedtour-tour-twa1.js", "twa1"),
    ("MediaWiki:Guidedtour-tour-twa1.css", None),
    ("MediaWiki:Guidedtour-tour-twa1.js/doc", None),
    ("MediaWiki:Guidedtour-tour-Bad-Name.js", None),
    ("MediaWiki:Guidedtour-misc.js", None),
])
def test_tour_pages_give_their_tour_name(title, name):
    assert tour_name_of(title) == name
