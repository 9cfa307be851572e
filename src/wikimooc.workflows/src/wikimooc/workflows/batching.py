"""Which page of a list a request asks for: ``b_start`` (the first item, from 0) and
``b_size`` (items per page, from 1), as plone.batching and plone.restapi read them.

REST services refuse anything else with a 400 that says what is expected (plone.batching
cannot page by -1 items, and ``int("abc")`` fails); pages show the first page
instead, as for a link that was cut short."""

from plone.restapi.batching import HypermediaBatch
from wikimooc.workflows import _
from wikimooc.workflows.refusals import BadRequest


MINIMUMS = {"b_start": 0, "b_size": 1}


def whole_number(value, minimum):
    """``value`` (text from a query string) as an int of at least ``minimum``, or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal():
        number = int(value.strip())
    else:
        return None
    return number if number >= minimum else None


def check_numbers(form, minimums=MINIMUMS):
    """Raise BadRequest (400) for the first of ``minimums``' parameters that
    ``form`` gives and that is no whole number of at least its minimum."""
    for name, minimum in minimums.items():
        value = form.get(name)
        if value is not None and whole_number(value, minimum) is None:
            raise BadRequest(
                400,
                _("\"${name}\" must be a whole number, ${minimum} or more.",
                  mapping={"name": name, "minimum": minimum}),
            )


def hypermedia_batch(request, results):
    """plone.restapi's batch of ``results`` for a REST request, once its ``b_start``
    and ``b_size`` are numbers it can page by; else BadRequest (400)."""
    check_numbers(request.form)
    return HypermediaBatch(request, results)


def page_start(form):
    """The first item a page shows: ``b_start`` when it is a whole number, else 0."""
    return whole_number(form.get("b_start", 0), 0) or 0
