"""An exercise's rubric is one of peer review's settings: a field of the
wikimooc.peer_review_exercise behavior instead of the Exercise schema. The behavior
keeps its fields on the exercise under the same names, so existing rubrics stay
where they are; the Exercise type needs the behavior for them to be read and
edited, which a site whose type lost it gets back."""

from plone import api


EXERCISE_TYPE = "Exercise"
PEER_REVIEW_BEHAVIOR = "wikimooc.peer_review_exercise"


def upgrade(setup_tool):
    fti = api.portal.get_tool("portal_types")[EXERCISE_TYPE]
    if PEER_REVIEW_BEHAVIOR not in fti.behaviors:
        fti.manage_changeProperties(behaviors=(*fti.behaviors, PEER_REVIEW_BEHAVIOR))
