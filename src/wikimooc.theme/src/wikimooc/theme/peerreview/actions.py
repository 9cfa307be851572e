"""The forms of the peer-review pages: each acts through wikimooc.workflows'
peer-review actions, which refuse before changing anything."""

from Acquisition import aq_parent
from wikimooc.theme import _
from wikimooc.workflows.peerreview.actions import cancel_review
from wikimooc.workflows.peerreview.actions import create_submission
from wikimooc.workflows.peerreview.actions import override_grade
from wikimooc.workflows.peerreview.actions import post_review
from wikimooc.workflows.peerreview.actions import transition
from wikimooc.workflows.peerreview.relations import exercise_of
from wikimooc.workflows.peerreview.relations import rubric_of
from wikimooc.workflows.refusals import RefusingAction


def number(text):
    """What was typed in a form field, as a number where it is one; else as it
    is, for the action to refuse with its message."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


def whole_number(text):
    """As ``number``, for a level's index."""
    return int(text) if isinstance(text, str) and text.isdigit() else text


class HandIn(RefusingAction):
    """On a session: create the learner's submission and hand it in at once."""

    def act(self, form):
        links = [line.strip() for line in form.get("links", "").splitlines() if line.strip()]
        self.submission = create_submission(
            self.context, form.get("exercise"), form.get("text"), links
        )
        transition(self.submission, "submit", "")
        return _("Your work is handed in.")

    def page(self):
        return getattr(self, "submission", self.context)


class Review(RefusingAction):
    def act(self, form):
        criteria = rubric_of(exercise_of(self.context))
        choices = [
            {
                "level": whole_number(form.get(f"level-{index}")),
                "comment": form.get(f"comment-{index}"),
            }
            for index in range(len(criteria))
        ]
        post_review(self.context, choices, form.get("comment"))
        return _("Your review is saved.")


class CancelReview(RefusingAction):
    def act(self, form):
        cancel_review(self.context, form.get("reason"))
        return _("The review no longer counts.")

    def page(self):
        return aq_parent(self.context)


class OverrideGrade(RefusingAction):
    def act(self, form):
        override_grade(self.context, number(form.get("points")), form.get("reason"))
        return _("The grade is set.")
