"""What completing a session means, set on the session (a behavior)."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from wikimooc.policy import _
from wikimooc.policy.content.course import course_of
from wikimooc.policy.content.course import exercises_of
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IFormFieldProvider)
class ICertificateSettings(model.Schema):
    """Learners who complete the chosen exercises get a certificate."""

    model.fieldset(
        "certificate",
        label=_("Certificate"),
        fields=[
            "certificate_exercises", "certificate_minimum_grade", "certificate_requires_pass_mark"
        ],
    )
    directives.widget(certificate_exercises=CheckBoxFieldWidget)
    certificate_exercises = schema.List(
        title=_("Exercises a certificate requires"),
        description=_(
            "Exercises checked on the wiki must be done; peer-reviewed ones graded at"
            " least the minimum grade. None chosen: no certificates."
        ),
        value_type=schema.Choice(vocabulary="wikimooc.course_exercises"),
        required=False,
        default=[],
        missing_value=[],
    )
    certificate_minimum_grade = schema.Int(
        title=_("Minimum grade of peer-reviewed exercises"),
        description=_("In percent of the points their rubric gives at most."),
        min=0,
        max=100,
        default=50,
    )
    certificate_requires_pass_mark = schema.Bool(
        title=_("The overall grade must reach the pass mark"),
        description=_(
            "The grade of the session's grade book, as its grading policy computes it:"
            " with this alone, reaching the pass mark earns the certificate."
        ),
        required=False,
        default=False,
    )


@provider(IVocabularyFactory)
def exercises_vocabulary(context):
    """The exercises of the course of the session (or, adding one, of the course)."""
    course = course_of(context)
    exercises = exercises_of(course) if course is not None else []
    return SimpleVocabulary(
        [SimpleTerm(exercise.UID(), exercise.UID(), exercise.Title()) for exercise in exercises]
    )
