"""The Program type: sessions (of any course, on any wiki) and other programs a
chapter reports on together, for a period and an organisation."""

from plone.dexterity.content import Item
from plone.supermodel import model
from wikimooc.policy import _
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IProgram(model.Schema):
    """Sessions and programs reported on as a whole."""

    period_start = schema.Date(title=_("Period start"), required=False)
    period_end = schema.Date(title=_("Period end"), required=False)
    organisation = schema.TextLine(title=_("Organisation"), required=False)
    sessions = schema.List(
        title=_("Sessions"),
        description=_("The sessions this program groups: any you may see, of any course."),
        value_type=schema.Choice(vocabulary="wikimooc.ProgramSessions"),
        required=False,
        default=[],
    )
    programs = schema.List(
        title=_("Programs"),
        description=_("Programs whose sessions this program counts too."),
        value_type=schema.Choice(vocabulary="wikimooc.Programs"),
        required=False,
        default=[],
    )

    @invariant
    def period_in_order(data):
        if data.period_start and data.period_end and data.period_end < data.period_start:
            raise Invalid(_("The period cannot end before it starts."))


@implementer(IProgram)
class Program(Item):
    pass
