"""``GET @search`` as plone.restapi answers it, except that input it would crash on
is refused with a 400 first: query syntax the catalog cannot parse in
``SearchableText`` (``")(``, a lone ``AND``), a ``SearchableText`` given twice, and
``b_start``, ``b_size`` or ``sort_limit`` that are no whole numbers it can use.
What a learner's locked modules hold is never found (coursedates.locks)."""

from plone.restapi.search.handler import SearchHandler
from plone.restapi.search.utils import unflatten_dotted_dict
from Products.ZCTextIndex.ParseTree import ParseError
from wikimooc.policy.catalogue import UnreadableSearch
from wikimooc.policy.coursedates.locks import without_locked
from wikimooc.workflows.batching import check_numbers
from wikimooc.workflows.batching import MINIMUMS
from wikimooc.workflows.refusals import RefusingService


NUMBERS = {**MINIMUMS, "sort_limit": 1}


class UnlockedSearchHandler(SearchHandler):
    def _parse_query(self, query):
        return without_locked(super()._parse_query(query), self.request)


class SearchGet(RefusingService):
    def answer(self):
        form = self.request.form
        check_numbers(form, NUMBERS)
        if "SearchableText" in form and not isinstance(form["SearchableText"], str):
            raise UnreadableSearch()
        try:
            query = unflatten_dotted_dict(self.request.form.copy())
            return UnlockedSearchHandler(self.context, self.request).search(query)
        except ParseError:
            raise UnreadableSearch() from None
