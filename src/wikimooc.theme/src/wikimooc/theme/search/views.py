"""Plone's search page (``@@search``), which answers 500 to a ``b_start`` that is no
number and to a ``SearchableText`` given twice: it gets the first page and the
first text instead, and shows them as it does any other. What a learner's locked
modules hold is never found (coursedates.locks)."""

from pathlib import Path
from Products.CMFPlone.browser.search import Search
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from wikimooc.policy.coursedates.locks import without_locked
from wikimooc.workflows.batching import page_start

import Products.CMFPlone.browser


PLONE_TEMPLATES = Path(Products.CMFPlone.browser.__file__).parent / "templates"


class SearchView(Search):
    index = ViewPageTemplateFile(str(PLONE_TEMPLATES / "search.pt"))

    def __call__(self):
        request = self.request
        if "b_start" in request.form:
            request.form["b_start"] = page_start(request.form)
            request.set("b_start", request.form["b_start"])
        text = request.form.get("SearchableText")
        if text is not None and not isinstance(text, str):
            request.form["SearchableText"] = next((t for t in text if isinstance(t, str)), "")
            request.set("SearchableText", request.form["SearchableText"])
        return self.index()

    def filter_query(self, query):
        query = super().filter_query(query)
        return None if query is None else without_locked(query, self.request)
