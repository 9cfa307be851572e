"""A program never contains itself, not even through other programs: the edit
form refuses such a choice (a report would anyway follow each program once)."""

from plone.app.uuid.utils import uuidToObject
from wikimooc.policy import _
from wikimooc.policy.programs.content import IProgram
from z3c.form import validator
from zope.interface import Invalid


def reaches(uids, wanted):
    """Whether following the programs ``uids`` (and theirs) reaches ``wanted``."""
    seen, waiting = set(), list(uids)
    while waiting:
        uid = waiting.pop()
        if uid == wanted:
            return True
        if uid in seen:
            continue
        seen.add(uid)
        found = uuidToObject(uid, unrestricted=True)
        waiting.extend(getattr(found, "programs", None) or ())
    return False


class NoCycleValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        own = self.context.UID() if IProgram.providedBy(self.context) else None
        if own and reaches(value or (), own):
            raise Invalid(_("A program cannot contain itself, not even through other programs."))


validator.WidgetValidatorDiscriminators(NoCycleValidator, field=IProgram["programs"])
