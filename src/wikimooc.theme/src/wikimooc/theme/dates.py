"""Days, moments and numbers as the reader reads them: in the page's language (with
the reader's country where their browser gives one for that language: en-GB writes
"1 March 2027", en "March 1, 2027"), from Babel's CLDR data
(wikimooc.policy.readable, which mails and certificates use too), and the reader's
time zone.

Moments are rendered in the time zone of the member's preferences, else the site's,
inside ``<time datetime="…" data-wikimooc-moment>``; a script of the page's footer
(layout/) writes them again in the browser's own time zone."""

from babel.dates import format_date
from babel.dates import format_time
from datetime import date
from datetime import datetime
from datetime import UTC
from html import escape
from plone import api
from wikimooc.policy.readable import as_day
from wikimooc.policy.readable import babel_locale
from wikimooc.policy.readable import number_text
from wikimooc.policy.readable import percent_text
from wikimooc.theme import _
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError
from zope.i18n import translate
from zope.publisher.browser import BrowserLanguages


def page_language(request):
    return request.get("LANGUAGE") or api.portal.get_default_language() or "en"


def reader_locale(request):
    """The Babel locale of the page's language, with the reader's country."""
    language = page_language(request).split("-")[0]
    # The browser's own list (Plone's adapter of IUserPreferredLanguages gives the
    # negotiated language only).
    for code in BrowserLanguages(request).getPreferredLanguages():
        parts = code.replace("_", "-").split("-")
        if parts[0].lower() == language and len(parts) > 1:
            return babel_locale(f"{language}_{parts[1].upper()}")
    return babel_locale(language)


def reader_timezone():
    member = None if api.user.is_anonymous() else api.user.get_current()
    names = [
        member.getProperty("timezone", "") if member is not None else "",
        api.portal.get_registry_record("plone.portal_timezone", default="") or "",
    ]
    for name in filter(None, names):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return UTC


def long_date(day, request):
    """"1 March 2027", "1 mars 2027" for a date, a datetime or an ISO day; "" for none."""
    if not day:
        return ""
    return format_date(as_day(day), "long", locale=reader_locale(request))


def short_date(day, request):
    """"Mar 1, 2027", "1 mars 2027": where room is short (a chart's labels)."""
    if not day:
        return ""
    return format_date(as_day(day), "medium", locale=reader_locale(request))


def reader_number(value, request):
    """"12,345", "12 345", "12.345"; "4.67", "4,67" (at most two decimals)."""
    return number_text(value, reader_locale(request))


def reader_percent(percent, request):
    """"66.7%", "66,7 %": a value given in percent."""
    return percent_text(percent, reader_locale(request))


def parse_moment(value):
    """A wiki timestamp (2027-03-01T10:05:00Z), an ISO moment or a datetime, in UTC."""
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def moment(value, request):
    """A moment as the reader reads it: ``{"iso", "text"}``; None for none."""
    if not value:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return {"iso": value.isoformat(), "text": long_date(value, request)}
    utc = parse_moment(value)
    local = utc.astimezone(reader_timezone())
    locale = reader_locale(request)
    text = translate(
        _("${date} at ${time}", mapping={
            "date": format_date(local.date(), "long", locale=locale),
            "time": format_time(local.time(), "short", locale=locale),
        }),
        context=request,
    )
    return {"iso": utc.strftime("%Y-%m-%dT%H:%M:%SZ"), "text": text}


def time_tag(value, request, empty="—"):
    """``moment`` as HTML: a ``<time>`` element the footer's script writes again in
    the browser's time zone; ``empty`` (escaped) for no moment."""
    found = moment(value, request)
    if found is None:
        return escape(empty)
    return (
        f'<time datetime="{found["iso"]}" data-wikimooc-moment="">'
        f'{escape(found["text"])}</time>'
    )


class ReaderDates:
    """For page classes: ``view/day`` and ``view/time`` in their templates."""

    def day(self, value):
        return long_date(value, self.request)

    def short_day(self, value):
        return short_date(value, self.request)

    def number(self, value):
        return reader_number(value, self.request)

    def percent(self, value):
        return reader_percent(value, self.request)

    def time(self, value, empty="—"):
        return time_tag(value, self.request, empty)
