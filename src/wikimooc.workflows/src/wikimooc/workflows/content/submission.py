from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from plone.dexterity.content import Container
from plone.supermodel import model
from urllib.parse import urlsplit
from wikimooc.workflows import _
from wikimooc.workflows.peerreview.grading import expected_review_state
from zope import schema
from zope.interface import implementer
from zope.schema import ValidationError


class NotAWebAddress(ValidationError):
    __doc__ = _("Give web addresses starting with https:// or http://.")


def is_web_address(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def web_address(value):
    if not is_web_address(value):
        raise NotAWebAddress(value)
    return True


class ISubmission(model.Schema):
    """A learner's work for a peer-reviewed exercise, inside the session it was
    done in; its reviews are inside it."""

    text = schema.Text(
        title=_("Your work"),
        description=_("What you did, for your reviewers."),
    )
    links = schema.List(
        title=_("Links"),
        description=_("Your wiki page, or the diff of your edit."),
        value_type=schema.URI(constraint=web_address),
        required=False,
        default=[],
        missing_value=[],
    )
    # Set when the submission is created; moving it to another exercise would
    # leave its reviews behind in the first one's round.
    exercise = schema.TextLine(title=_("Exercise"), readonly=True)


@implementer(ISubmission)
class Submission(Container):
    # The learner's user id; "Owner" would also match the session's own owner.
    author = None
    # A TeacherGrade (peerreview.grading) once the teaching team grades it.
    teacher_grade = None
    # HistoryEntry tuples (peerreview.history): allocations, reviews, cancellations.
    history = ()

    security = ClassSecurityInfo()

    # Public: the guards run as whoever moves the round, the worker's user included.
    @security.public
    def expected_review_state(self):
        """The state the peer review has reached: the guards of the transitions
        nobody triggers by hand (start_review, grade, resume_review) compare it."""
        return expected_review_state(self)


InitializeClass(Submission)
