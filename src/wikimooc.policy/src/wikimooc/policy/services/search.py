"""``GET @search`` as plone.restapi answers it, except that input it would crash on
is refused with a 400 first: query syntax the catalog cannot parse in
``SearchableText`` (``")(``, a lone ``AND``), a ``SearchableText`` given twice, and
``b_start``, ``b_size`` or ``sort_limit`` that are no whole numbers it can use."""

from plone.restapi.services.search.get import SearchGet as RestapiSearchGet
from Products.ZCTextIndex.ParseTree import ParseError
from wikimooc.policy.catalogue import UnreadableSearch
from wikimooc.workflows.batching import check_numbers
from wikimooc.workflows.batching import MINIMUMS
from wikimooc.workflows.refusals import RefusingService


NUMBERS = {**MINIMUMS, "sort_limit": 1}


class SearchGet(RefusingService, RestapiSearchGet):
    def answer(self):
        form = self.request.form
        check_numbers(form, NUMBERS)
        if "SearchableText" in form and not isinstance(form["SearchableText"], str):
            raise UnreadableSearch()
        try:
            return RestapiSearchGet.reply(self)
        except ParseError:
            raise UnreadableSearch() from None
