"""A program's page (totals, per wiki, per session, the chart of edits per week)
and its CSV and JSON exports: the figures of wikimooc.policy.programs.report, for
the current visitor. No page names a learner."""

from Products.Five.browser import BrowserView
from wikimooc.policy.programs.report import program_report
from wikimooc.theme import _
from wikimooc.theme.dates import ReaderDates
from wikimooc.theme.downloads import csv_attachment
from wikimooc.theme.plurals import plural
from wikimooc.theme.programs.chart import chart
from zope.i18n import translate

import csv
import io
import json


FIGURES = (
    ("enrolled", _("Learners enrolled")),
    ("editing", _("Learners with at least one edit")),
    ("completed", _("Learners who completed")),
    ("retained_30", _("Still editing 30 days after the end")),
    ("retained_90", _("Still editing 90 days after the end")),
    ("new_editors", _("New editors")),
    ("edits", _("Edits")),
    ("pages_created", _("Pages created")),
    ("pages_edited", _("Pages edited")),
    ("bytes_added", _("Bytes added")),
    ("uploads", _("Uploads on Commons")),
    ("statements", _("Wikidata statements")),
)


class ProgramView(ReaderDates, BrowserView):
    def __call__(self):
        self.report = program_report(self.context)
        self.chart = chart(self.report["weeks"])
        return self.index()

    def sessions_counted(self):
        return plural(
            "Figures over ${count} session you may see; a learner of several sessions, and"
            " an edit counted by several, count once.",
            "Figures over ${count} sessions you may see; a learner of several sessions, and"
            " an edit counted by several, count once.",
            self.report["sessions_total"], self.request)

    def sessions_waiting(self):
        return plural(
            "${count} session waits for its first summary: the worker makes it within the"
            " hour.",
            "${count} sessions wait for their first summary: the worker makes it within the"
            " hour.",
            self.report["sessions_waiting"], self.request)

    def figures(self):
        return [{"name": name, "label": label} for name, label in FIGURES]

    def chart_description(self):
        found = self.chart
        return translate(_(
            "${total} edits from the week of ${first} to the week of ${last}; the busiest"
            " week, that of ${busiest}, had ${most}.",
            mapping={"total": self.number(found["total"]), "first": self.day(found["first"]),
                     "last": self.day(found["last"]), "busiest": self.day(found["busiest"][0]),
                     "most": self.number(found["busiest"][1])},
        ), context=self.request)


def csv_rows(report, request):
    """A header, then the totals, each wiki and each session (the wikis it follows,
    home first, separated by spaces; its figures, or empty cells while its summary
    waits for the worker)."""
    names = [name for name, _label in FIGURES]
    header = [translate(text, context=request) for text in
              (_("Scope"), _("Name"), _("Wiki"), *(label for _name, label in FIGURES))]
    yield header
    yield [translate(_("Total"), context=request), report["title"], "",
           *(report["totals"][name] for name in names)]
    for wiki in report["wikis"]:
        yield [translate(_("Wiki"), context=request), wiki["wiki"], wiki["wiki"],
               *(wiki[name] for name in names)]
    for session in report["sessions"]:
        figures = session["figures"] or {}
        yield [translate(_("Session"), context=request),
               f"{session['course']}: {session['title']}", " ".join(session["wikis"]),
               *(figures.get(name, "") for name in names)]


class ProgramCSV(BrowserView):
    def __call__(self):
        out = io.StringIO()
        csv.writer(out).writerows(csv_rows(program_report(self.context), self.request))
        return csv_attachment(self.request, f"{self.context.getId()}-report.csv", out.getvalue())


class ProgramJSON(BrowserView):
    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}-report.json"'
        )
        return json.dumps(program_report(self.context), indent=2, ensure_ascii=False)
