"""REST services of WikiMOOC (plone.restapi), documented in docs/api.md; they refuse
through wikimooc.workflows.refusals."""
