"""The session's grade book: learners by counted items, in wiki-username order (the
enrollments' BTree order, so a page reads only its own learners), or sorted by the
grade or one item (which reads every learner), searched by wiki username, and one
learner's detail. Every figure is read from the stores when asked: nothing here can
go stale."""

from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.policy.enrollment import LearnerSequence
from wikimooc.policy.grades.computation import category_results
from wikimooc.policy.grades.results import SessionResults
from wikimooc.policy.grades.settings import GradingRefused
from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.usernames import normalise_username


SORT_ORDERS = ("ascending", "descending")


class Query(NamedTuple):
    search: str = ""
    module: str = ""
    sort_on: str = "wiki_username"  # or "grade", or an item's UID
    descending: bool = False


def percent(share):
    return None if share is None else round(100.0 * share, 2)


def item_info(item):
    return {"uid": item.uid, "@id": item.url, "title": item.title, "category": item.category,
            "module": item.module_id, "module_title": item.module_title,
            "max_points": item.maximum}


def learner_report(results, grades, module=""):
    """One learner's row (their detail with ``module`` empty): grade, pass mark,
    each item's score in percent and what is left."""
    pass_mark = results.policy.pass_mark
    work = results.work_of(grades.username)
    items = []
    for item, result, detail in zip(results.items, grades.results, grades.details, strict=True):
        if module and item.module_id != module:
            continue
        dated = work.get(item.uid)
        items.append({**item_info(item), "done": result.done, "score": percent(result.share),
                      "due": dated.due.isoformat() if dated and dated.due else None,
                      "late": bool(dated) and dated.status == "done_late",
                      "missing": bool(dated) and dated.status == "late",
                      **detail})
    return {
        "wiki_username": grades.username,
        "grade": None if grades.grade is None else round(grades.grade, 2),
        "passed": grades.passed,
        "pass_mark": pass_mark,
        "to_pass": round(max(0.0, pass_mark - (grades.grade or 0.0)), 2),
        "categories": {category: percent(share)
                       for category, share in category_results(grades.results).items()},
        "items": items,
    }


def read_query(form, results):
    """The Query ``form`` asks for; GradingRefused for what the grade book cannot do."""
    given = {name: form.get(name) or "" for name in
             ("search", "module", "sort_on", "sort_order")}
    if not all(isinstance(value, str) for value in given.values()):
        raise GradingRefused(400, _(
            "Give \"search\", \"module\", \"sort_on\" and \"sort_order\" once each, as text."
        ))
    sort_on = given["sort_on"] or "wiki_username"
    if sort_on not in ("wiki_username", "grade") and sort_on not in {
        item.uid for item in results.items
    }:
        raise GradingRefused(400, _(
            "\"sort_on\" must be wiki_username, grade or the UID of an item of the grade book."
        ))
    order = given["sort_order"] or "ascending"
    if order not in SORT_ORDERS:
        raise GradingRefused(400, _("\"sort_order\" must be ascending or descending."))
    module = given["module"]
    if module and module not in {item.module_id for item in results.items}:
        raise GradingRefused(400, _(
            "This grade book has no module ${module}.", mapping={"module": module}
        ))
    return Query(given["search"].strip().casefold(), module, sort_on, order == "descending")


class LearnerRows:
    """The grade book's learners as the sized, sliceable sequence batching needs. In
    wiki-username order a page computes only its own rows; sorted by the grade or an
    item, every learner's grades are computed first."""

    def __init__(self, session, results, query):
        self.results = results
        self.query = query
        learners = session.enrollments.learners
        if query.search:
            found = [enrollment for username, enrollment in learners.items()
                     if query.search in username.casefold()]
        elif query.descending or query.sort_on != "wiki_username":
            found = list(learners.values())
        else:
            found = LearnerSequence(session.enrollments)
        self.sorted_grades = None
        if query.sort_on != "wiki_username":
            self.sorted_grades = self.sorted_by_value(found)
        elif query.descending:
            found = found[::-1]
        self.enrollments = found

    def sorted_by_value(self, enrollments):
        """Every learner's grades, by grade or by one item's share; those without
        one last."""
        self.results.read_every_submission()
        everyone = [self.results.learner(enrollment.username, enrollment.user_id)
                    for enrollment in enrollments]
        if self.query.sort_on == "grade":
            def value(grades):
                return grades.grade
        else:
            position = [item.uid for item in self.results.items].index(self.query.sort_on)

            def value(grades):
                return grades.results[position].share
        present = [grades for grades in everyone if value(grades) is not None]
        present.sort(key=value, reverse=self.query.descending)
        return present + [grades for grades in everyone if value(grades) is None]

    def __len__(self):
        return len(self.enrollments)

    def row(self, grades):
        return learner_report(self.results, grades, self.query.module)

    def grades_of(self, enrollment):
        return self.results.learner(enrollment.username, enrollment.user_id)

    def __getitem__(self, index):
        if self.sorted_grades is not None:
            found = self.sorted_grades[index]
        elif isinstance(index, slice):
            found = [self.grades_of(enrollment) for enrollment in self.enrollments[index]]
        else:
            found = self.grades_of(self.enrollments[index])
        return [self.row(grades) for grades in found] if isinstance(index, slice) else (
            self.row(found))


def grade_book(session, form):
    """(the columns, the rows as a LearnerRows) of the session's grade book as ``form``
    (a request's) asks: ``search``, ``module``, ``sort_on``, ``sort_order``."""
    results = SessionResults(session)
    query = read_query(form, results)
    columns = [item_info(item) for item in results.items
               if not query.module or item.module_id == query.module]
    return columns, LearnerRows(session, results, query)


def every_row(session):
    """Every learner's full row, in wiki-username order (the CSV export)."""
    results = SessionResults(session)
    results.read_every_submission()
    return results, (
        results.learner(enrollment.username, enrollment.user_id)
        for enrollment in session.enrollments.learners.values()
    )


def learner_in_book(session, given):
    """The detail of the learner ``given`` names; GradingRefused when none is."""
    try:
        username = normalise_username(given) if isinstance(given, str) else None
    except InvalidUsername:
        username = None
    enrollment = session.enrollments.learners.get(username) if username else None
    if enrollment is None:
        raise GradingRefused(404, _(
            "${name} is not a learner of this session.", mapping={"name": str(given)}
        ))
    return learner_detail(session, enrollment.username)


def learner_detail(session, username):
    """The full row of ``username``, a learner of the session."""
    results = SessionResults(session)
    enrollment = session.enrollments.learners[username]
    return learner_report(results, results.learner(username, enrollment.user_id))
