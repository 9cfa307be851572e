"""A program's report over REST: the figures its page shows, for the current user
(private sessions count only for those who may see them; no learner is named)."""

from wikimooc.policy.programs.report import program_report
from wikimooc.workflows.refusals import RefusingService


class ProgramReportGet(RefusingService):
    def answer(self):
        return program_report(self.context)
