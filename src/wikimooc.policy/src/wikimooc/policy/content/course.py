from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.rest.interfaces import IAPIRequest
from plone.supermodel import model
from Products.CMFCore.WorkflowCore import WorkflowException
from wikimooc.policy import _
from wikimooc.policy.reuse import may_reuse
from wikimooc.policy.vocabularies import REUSABLE_LICENSES
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


class ICourse(model.Schema):
    """A course: modules of lessons and exercises, run as sessions.

    Title and summary come from the Dublin Core behavior, the rich-text description
    from the rich-text behavior, the course language from plone.app.multilingual.
    """

    directives.widget(projects=CheckBoxFieldWidget)
    # Defaults to its missing value, so that a REST client that leaves it out is
    # told it is required (not that None is of the wrong type).
    projects = schema.Tuple(
        title=_("Wikimedia projects taught"),
        value_type=schema.Choice(vocabulary="wikimooc.projects"),
        default=(),
        missing_value=(),
    )

    directives.widget(audience=CheckBoxFieldWidget)
    audience = schema.Tuple(
        title=_("Target audience"),
        value_type=schema.Choice(vocabulary="wikimooc.audiences"),
        required=False,
        default=(),
        missing_value=(),
    )

    organisation = schema.TextLine(
        title=_("Creating organisation"),
        description=_("The community, chapter, university… that made this course."),
    )

    organisation_kind = schema.Choice(
        title=_("Kind of organisation"),
        vocabulary="wikimooc.organisation_kinds",
        default="community",
    )

    license = schema.Choice(
        title=_("Licence"),
        vocabulary="wikimooc.licenses",
        default="cc-by-sa-4.0",
    )

    authors = schema.List(
        title=_("Authors"),
        description=_("Credited wherever the course or an adaptation of it is shown."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
        missing_value=[],
    )

    image = NamedBlobImage(title=_("Cover image"), required=False)

    # Set by "Adapt this course" (reuse.adapt_course) and shown in the course box,
    # never picked by hand in a form.
    directives.omitted("derived_from")
    derived_from = RelationChoice(
        title=_("Derived from"),
        description=_("The course this one was adapted from."),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )


@implementer(ICourse)
class Course(Container):
    @property
    def reusable(self):
        return self.license in REUSABLE_LICENSES

    def allowedContentTypes(self, context=None):
        """No "add session" is offered to whom the licence does not allow reuse.

        REST calls still see the type: the session guard (reuse.check_new_session)
        then refuses with the licence as the reason, where plone.restapi would only
        say "Disallowed subobject type"."""
        allowed = super().allowedContentTypes(context)
        if may_reuse(self) or IAPIRequest.providedBy(getRequest()):
            return allowed
        return [fti for fti in allowed if fti.getId() != "CourseSession"]


def exercises_of(course):
    """Every exercise of ``course``, in the course's order, whoever may see them."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Exercise",
        path="/".join(course.getPhysicalPath()),
        sort_on="getObjPositionInParent",
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def course_of(content):
    """The course ``content`` is part of (itself, for a course), or None."""
    for item in aq_chain(aq_inner(content)):
        if ICourse.providedBy(item):
            return item
    return None


def has_module(course):
    return any(item.portal_type == "Module" for item in course.objectValues())


def submission_refusal(course):
    """Why ``course`` cannot be submitted for review yet, or None."""
    if not has_module(course):
        return _(
            "A course needs at least one module before it can be submitted for review:"
            " add a module, then submit it."
        )
    return None


def refuse_empty_submission(course, event):
    """Reviewers are never asked to review an empty course, whoever submits it
    (Managers too): the workflow refuses the transition with the reason."""
    if event.transition is None or event.transition.getId() != "submit":
        return
    message = submission_refusal(course)
    if message is not None:
        raise WorkflowException(translate(message, context=getRequest()))
