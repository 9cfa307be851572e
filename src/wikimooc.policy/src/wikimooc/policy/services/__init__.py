"""REST services of WikiMOOC (plone.restapi), documented in docs/api.md.

Their helpers live in wikimooc.workflows, whose peer-review services share them."""

from wikimooc.workflows.services import error_reply  # noqa: F401
from wikimooc.workflows.services import request_data  # noqa: F401
from wikimooc.workflows.services import ServiceError  # noqa: F401
