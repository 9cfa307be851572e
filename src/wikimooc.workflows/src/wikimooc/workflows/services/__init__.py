"""REST services of peer review (plone.restapi), documented in docs/api.md."""
