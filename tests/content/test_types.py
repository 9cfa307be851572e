from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.dexterity.utils import iterSchemataForType
from wikimooc.policy.content.course import ICourse
from wikimooc.policy.content.exercise import IExercise
from wikimooc.policy.content.lesson import ILesson
from wikimooc.policy.content.module import IModule
from wikimooc.policy.content.session import ICourseSession
from wikimooc.policy.quiz.content import IQuiz
from wikimooc.policy.quiz.content import IQuizQuestion
from zope.component import getUtility
from zope.schema import getFieldNames
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IBool

import pytest


TYPES = {
    "Course": (ICourse, "wikimooc.AddCourse", True),
    "Module": (IModule, "wikimooc.AddModule", False),
    "Lesson": (ILesson, "wikimooc.AddLesson", False),
    "Exercise": (IExercise, "wikimooc.AddExercise", False),
    "CourseSession": (ICourseSession, "wikimooc.AddCourseSession", False),
    "Quiz": (IQuiz, "wikimooc.AddQuiz", False),
    "QuizQuestion": (IQuizQuestion, "wikimooc.AddQuizQuestion", False),
}


@pytest.mark.parametrize("portal_type", TYPES)
def test_fti(portal, portal_type):
    schema, add_permission, global_allow = TYPES[portal_type]
    fti = getUtility(IDexterityFTI, name=portal_type)
    assert fti.lookupSchema() is schema
    assert fti.add_permission == add_permission
    assert fti.global_allow is global_allow
    assert "plone.translatable" in fti.behaviors
    assert "plone.dublincore" in fti.behaviors


@pytest.mark.parametrize(
    "portal_type, fields",
    [
        ("Course", {"projects", "audience", "organisation", "license", "authors",
                    "derived_from", "image"}),
        ("Exercise", {"check", "wiki_action", "namespace", "title_pattern", "min_bytes",
                      "required_text", "rubric"}),
        ("CourseSession", {"kind", "start", "end", "wiki", "enrollment_policy",
                           "enrollment_key", "invited", "capacity", "teachers"}),
        ("Lesson", {"videos", "watched_share", "wiki_pages"}),
    ],
)
def test_rest_contract_field_names(portal, portal_type, fields):
    """The fields of the type's schema and behaviors: REST shows them all alike."""
    names = {name for schema in iterSchemataForType(portal_type) for name in getFieldNames(schema)}
    assert fields <= names


@pytest.mark.parametrize(
    "container_type, allowed",
    [
        ("Course", {"Module", "CourseSession", "GuidedTourDraft", "Document", "File", "Image"}),
        ("Module", {"Lesson", "Exercise", "Quiz", "File", "Image"}),
        ("Quiz", {"QuizQuestion"}),
        ("CourseSession", set()),
    ],
)
def test_containment(portal, container_type, allowed):
    fti = getUtility(IDexterityFTI, name=container_type)
    assert fti.filter_content_types
    assert set(fti.allowed_content_types) == allowed


@pytest.mark.parametrize(
    "portal_type, chain",
    [
        ("Course", ("wikimooc_course_workflow",)),
        ("Module", ()),
        ("Lesson", ()),
        ("Exercise", ()),
        ("Quiz", ()),
        ("QuizQuestion", ()),
    ],
)
def test_workflow_chain(portal, portal_type, chain):
    assert tuple(api.portal.get_tool("portal_workflow").getChainForPortalType(portal_type)) == chain


def test_course_defaults_to_cc_by_sa(course):
    assert course.license == "cc-by-sa-4.0"
    assert course.reusable


def test_course_parts_take_its_language_and_visibility(course):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", title="Basics")
        lesson = api.content.create(container=module, type="Lesson", title="Five pillars")
        api.content.transition(course, to_state="published")
    assert lesson.Language() == "en"
    with api.env.adopt_roles(["Anonymous"]):
        assert api.user.has_permission("View", obj=lesson)


def test_private_course_hides_its_lessons(course):
    with api.env.adopt_roles(["Manager"]):
        module = api.content.create(container=course, type="Module", title="Basics")
        lesson = api.content.create(container=module, type="Lesson", title="Five pillars")
    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=lesson)


@pytest.mark.parametrize(
    "roles, may_add",
    [
        (["Manager"], True),
        (["Site Administrator"], True),
        (["Course Author"], True),
        (["Contributor"], True),
        (["Member"], False),
        (["Learner"], False),
        (["Anonymous"], False),
    ],
)
def test_add_course_permission(portal, roles, may_add):
    with api.env.adopt_roles(roles):
        assert api.user.has_permission("wikimooc: Add Course", obj=portal["en"]) is may_add


@pytest.mark.parametrize(
    "permission, roles, may",
    [
        ("wikimooc: Add Module", ["Owner"], True),
        ("wikimooc: Add Module", ["Editor"], True),
        ("wikimooc: Add Module", ["Course Author"], False),
        ("wikimooc: Add Module", ["Teacher"], False),
        ("wikimooc: Add CourseSession", ["Owner"], True),
        ("wikimooc: Add CourseSession", ["Course Author"], True),
        ("wikimooc: Add CourseSession", ["Member"], False),
        ("wikimooc: Add CourseSession", ["Teacher"], False),
        ("Add portal content", ["Course Author"], True),
        ("Add portal content", ["Member"], False),
    ],
)
def test_who_builds_a_course_and_its_sessions(course, permission, roles, may):
    """Its owners and editors build a course; any course author may run sessions of it."""
    with api.env.adopt_roles(roles):
        assert api.user.has_permission(permission, obj=course) is may


def wikimooc_types(portal):
    return [
        fti.getId() for fti in api.portal.get_tool("portal_types").objectValues()
        if IDexterityFTI.providedBy(fti) and fti.klass.startswith("wikimooc.")
    ]


def test_no_checkbox_must_be_ticked(portal):
    """A required Bool renders as a checkbox the browser refuses to leave unticked:
    every yes/no field of our types and their behaviors is optional."""
    required = [
        f"{portal_type}: {schema.__identifier__}.{name}"
        for portal_type in wikimooc_types(portal)
        for schema in iterSchemataForType(portal_type)
        for name, field in getFieldsInOrder(schema)
        if IBool.providedBy(field) and field.required
    ]
    assert len(wikimooc_types(portal)) >= 9
    assert not required
