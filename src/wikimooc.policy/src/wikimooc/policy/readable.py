"""Days and numbers as readers of a language write them, from Babel's CLDR data:
"May 2, 2027", "2 May 2027" (en-GB), "2 mai 2027", "2. Mai 2027", "2 مايو 2027";
"12,345.5", "12 345,5", "12.345,5". For mails and certificates, which are written
in a language without a request; pages add the reader's country and time zone
(wikimooc.theme.dates)."""

from babel import Locale
from babel import UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from datetime import date
from datetime import datetime
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18nmessageid import Message


def babel_locale(language):
    """The locale of a language code ("fr", "pt-br", "en_GB"), else its language's,
    else English."""
    code = (language or "en").replace("-", "_")
    for candidate in (code, code.split("_")[0]):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def as_day(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def long_day(value, language):
    """A date, a datetime or an ISO day or moment, written out; "" for none."""
    if not value:
        return ""
    return format_date(as_day(value), "long", locale=babel_locale(language))


def request_language():
    """The language the current request's messages are translated into; the site's
    for the worker, which has no request."""
    request = getRequest()
    language = request.get("LANGUAGE") if request is not None else None
    return language or api.portal.get_default_language() or "en"


def answered_day(value):
    """``long_day`` in the language of the request being answered: for messages
    (refusals) that are translated when they are answered."""
    return long_day(value, request_language())


def number(value, language):
    return format_decimal(value, locale=babel_locale(language))


def readable(value, language):
    if isinstance(value, date):
        return long_day(value, language)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, language)
    return value


def in_language(message, language):
    """``message`` translated into ``language``, its dates and numbers written as
    that language writes them."""
    mapping = getattr(message, "mapping", None)
    if mapping:
        message = Message(message, mapping={
            key: readable(value, language) for key, value in mapping.items()
        })
    return translate(message, target_language=language)
