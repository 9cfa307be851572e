"""Course dates over REST: a session's schedule (the team reads and changes it),
learners' extensions of a due date, and a learner's agenda."""

from plone import api
from wikimooc.policy.coursedates.agenda import agenda
from wikimooc.policy.coursedates.agenda import agenda_entry
from wikimooc.policy.coursedates.rules import clock
from wikimooc.policy.coursedates.rules import extend
from wikimooc.policy.coursedates.rules import extensions
from wikimooc.policy.coursedates.rules import set_schedule
from wikimooc.policy.coursedates.schedule_table import schedule_table
from wikimooc.policy.services.tracking import requested_learner
from wikimooc.workflows.refusals import RefusingService
from wikimooc.workflows.refusals import request_data


class ScheduleGet(RefusingService):
    def answer(self):
        return {"@id": self.context.absolute_url() + "/@schedule",
                **schedule_table(self.context)}


class SchedulePatch(RefusingService):
    """Changes some dates: ``{"pacing", "dates": {UID: {opens|due|late: value or
    null}}}``; the whole schedule after, or a 400 and nothing changed."""

    def answer(self):
        set_schedule(self.context, request_data(self.request))
        return {"@id": self.context.absolute_url() + "/@schedule",
                **schedule_table(self.context)}


def extension_entry(uid, username, extension):
    return {"item": uid, "wiki_username": username, **extension._asdict()}


class ExtensionsGet(RefusingService):
    def answer(self):
        items = [extension_entry(*found) for found in extensions(self.context)]
        return {"@id": self.context.absolute_url() + "/@extensions", "items": items,
                "items_total": len(items)}


class ExtensionsPost(RefusingService):
    """``{"learner", "item", "due", "reason"}``: 201 with the extension."""

    def answer(self):
        data = request_data(self.request)
        data = data if isinstance(data, dict) else {}
        username, extension = extend(
            self.context, str(data.get("learner", "")), data.get("item"), data.get("due"),
            data.get("reason"), api.user.get_current().getId(), clock(),
        )
        self.request.response.setStatus(201)
        return extension_entry(data["item"], username, extension)


class AgendaGet(RefusingService):
    """A learner's agenda (teachers: ``?learner=``): every module and item with its
    dates and where the learner is with it."""

    def answer(self):
        username = requested_learner(self.context, self.request)
        items = [agenda_entry(item) for item in agenda(self.context, username, clock())]
        return {"@id": self.context.absolute_url() + "/@agenda", "wiki_username": username,
                "items": items}
