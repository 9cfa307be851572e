"""Tour and step names as GuidedTour wants them: they become module names and URL
parameters (``?tour=<name>&step=<step>``)."""

from wikimooc.policy import _
from zope.schema import ValidationError

import re


NAME = re.compile(r"^[a-z0-9_]+$")


class NotATourName(ValidationError):
    __doc__ = _(
        "Tour and step names are written in lowercase letters, digits and _ only"
        " (no - or .), e.g. firstedit or twa1."
    )


def tour_name(value):
    if not NAME.match(value):
        raise NotATourName(value)
    return True
