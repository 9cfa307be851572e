"""The grade book's pages. Figures come from wikimooc.policy.grades, as over REST."""

from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from wikimooc.policy.enrollment import is_enrolled
from wikimooc.policy.enrollment import wiki_username_of
from wikimooc.policy.grades.book import every_row
from wikimooc.policy.grades.book import grade_book
from wikimooc.policy.grades.book import learner_detail
from wikimooc.policy.grades.book import learner_in_book
from wikimooc.policy.grades.computation import CATEGORIES
from wikimooc.policy.grades.results import gradable_items
from wikimooc.policy.grades.settings import change
from wikimooc.policy.grades.settings import grading_policy
from wikimooc.policy.grades.settings import QUIZ_ATTEMPTS_COUNTED
from wikimooc.policy.isolated import isolated
from wikimooc.policy.wikis import user_links
from wikimooc.theme import _
from wikimooc.theme.dates import ReaderDates
from wikimooc.theme.downloads import csv_attachment
from wikimooc.theme.plurals import plural
from wikimooc.workflows.batching import page_start
from wikimooc.workflows.refusals import Attempt
from wikimooc.workflows.refusals import RefusingAction
from zExceptions import Unauthorized

import csv
import io


LEARNERS_PER_PAGE = 50
CATEGORY_TITLES = {
    "quizzes": _("Quizzes"),
    "wiki": _("Exercises checked on the wiki"),
    "peer": _("Peer-reviewed exercises"),
}
STATUS_TITLES = {
    "done": _("Done"),
    "not_done": _("Not done yet"),
    "not_started": _("Not started"),
    "attempted": _("Attempted"),
    "graded": _("Graded"),
    "private": _("Draft, not handed in"),
    "submitted": _("Handed in, waiting for reviews"),
    "in_review": _("In review"),
}


class GradePage(ReaderDates, BrowserView):
    """What the grade pages share: how scores, categories and statuses read, and a
    learner's report (``self.report``) module by module."""

    grades_macro = ViewPageTemplateFile("templates/grades.pt")

    def score_text(self, score):
        """A score in percent, in the reader's locale: "80%", "80 %"."""
        return "—" if score is None else self.percent(score)

    def category_title(self, category):
        return CATEGORY_TITLES[category]

    def status_title(self, status):
        return STATUS_TITLES.get(status, status)

    def modules(self):
        """(module title, its items) in the course's order."""
        found = {}
        for item in self.report["items"]:
            found.setdefault(item["module_title"], []).append(item)
        return list(found.items())

    def what_is_left(self, item):
        if item["category"] == "quizzes":
            if item["attempts_left"] is None:
                return _("As many attempts as you want.")
            return plural("${count} attempt left.", "${count} attempts left.",
                          item["attempts_left"], self.request)
        if item["category"] == "peer" and item["status"] != "graded":
            return _("Hand in your work and wait for its reviews.")
        if item["category"] == "wiki" and not item["done"]:
            return _("Do it on the wiki: this page shows it once the platform sees your edit.")
        return None

    def detail_url(self, username):
        return f"{self.context.absolute_url()}/@@gradebook-learner?" + urlencode(
            {"learner": username})


class GradebookView(GradePage):
    """Learners by items, batched; sorted by a column, filtered by module, searched."""

    def __call__(self):
        self.columns, self.batch = [], Batch([], size=LEARNERS_PER_PAGE)
        form = {name: self.request.form.get(name) for name in
                ("search", "module", "sort_on", "sort_order")}
        with Attempt() as attempt:
            self.columns, rows = grade_book(self.context, form)
            self.batch = Batch(rows, size=LEARNERS_PER_PAGE, start=page_start(self.request.form))
        if attempt.refused is not None:
            api.portal.show_message(attempt.refused.message, self.request, type="error")
        self.form = form
        self.module_choices = list({item.module_id: item.module_title
                             for item in gradable_items(self.context)}.items())
        self.pass_mark = grading_policy(self.context).pass_mark
        return self.index()

    def sort_url(self, column):
        """The address that sorts by ``column``; again, the other way round."""
        ascending = self.form.get("sort_on", "") == column and self.form.get(
            "sort_order") != "descending"
        query = {name: value for name, value in self.form.items() if value}
        query.update(sort_on=column, sort_order="descending" if ascending else "ascending")
        return f"{self.context.absolute_url()}/@@gradebook?{urlencode(query)}"

    def sorted_as(self, column):
        if (self.form.get("sort_on") or "wiki_username") != column:
            return None
        return "descending" if self.form.get("sort_order") == "descending" else "ascending"


class GradebookCSV(BrowserView):
    """Every learner's row: wiki username, user page, grade, passed, each item's score."""

    def __call__(self):
        session = self.context
        results, rows = every_row(session)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(("wiki_username", "user_page", "grade", "passed",
                         *(f"{item.title} ({item.uid})" for item in results.items)))
        for grades in rows:
            writer.writerow((
                grades.username, user_links(session.wiki, grades.username)["user_page"],
                "" if grades.grade is None else round(grades.grade, 2),
                "yes" if grades.passed else "no",
                *("" if result.share is None else round(100 * result.share, 2)
                  for result in grades.results),
            ))
        return csv_attachment(self.request, f"{session.getId()}-grades.csv", out.getvalue())


class LearnerDetailView(GradePage):
    """One learner's grades, for the teachers: ``?learner=<wiki username>``."""

    def __call__(self):
        self.report = None
        with Attempt() as attempt:
            self.report = learner_in_book(self.context, self.request.form.get("learner"))
        if attempt.refused is not None:
            api.portal.show_message(attempt.refused.message, self.request, type="error")
        return self.index()

    def page_title(self):
        return _("Grades of ${name}", mapping={"name": isolated(self.report["wiki_username"])
                                                if self.report else ""})


class MyGradesView(GradePage):
    """A learner's own progress in the session: each module, each item."""

    def __call__(self):
        session = self.context
        member = api.user.get_current()
        if api.user.is_anonymous() or not is_enrolled(session, member):
            raise Unauthorized("Only the session's learners have grades in it.")
        self.report = learner_detail(session, wiki_username_of(member))
        return self.index()

class GradingPolicyView(GradePage):
    """The form: weights, pass mark, which items count, which quiz attempt."""

    categories = CATEGORIES
    quiz_attempts = QUIZ_ATTEMPTS_COUNTED

    def __call__(self):
        self.policy = grading_policy(self.context)
        self.weights = self.policy.weight_of()
        self.items = gradable_items(self.context)
        return self.index()

    def counted(self, item):
        if self.policy.items is None:
            return item.category != "quizzes" or bool(item.content.graded)
        return item.uid in self.policy.items


def form_changes(form):
    """What the policy form asks to change, as the REST PATCH takes it."""
    changes = {
        "weights": {category: form.get(f"weight_{category}", "") for category in CATEGORIES},
        "pass_mark": form.get("pass_mark", ""),
        "quiz_attempt": form.get("quiz_attempt", ""),
    }
    if form.get("items_counted") == "chosen":
        chosen = form.get("items", [])
        changes["items"] = chosen if isinstance(chosen, list) else [chosen]
    else:
        changes["items"] = None
    return changes


class ChangeGradingPolicy(RefusingAction):
    def act(self, form):
        uids = {item.uid for item in gradable_items(self.context)}
        change(self.context, form_changes(form), uids)
        return _("The grading policy is saved.")

    def page_url(self):
        return self.context.absolute_url() + "/@@grading-policy"
