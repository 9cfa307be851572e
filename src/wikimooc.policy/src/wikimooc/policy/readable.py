"""Days as readers of a language write them, from Babel's CLDR data: "May 2, 2027",
"2 May 2027" (en-GB), "2 mai 2027", "2. Mai 2027", "2 مايو 2027". For mails,
refusals and certificates, written in a language without knowing the page; pages
add the reader's country and time zone (wikimooc.theme.dates).

A day given to a message as ``day_message(day)`` is written in the language the
message is translated into, whenever and wherever that happens: the message's
domain translates it through the translation domain ``wikimooc-dates`` below."""

from babel import Locale
from babel import UnknownLocaleError
from babel.dates import format_date
from datetime import date
from datetime import datetime
from zope.i18n.interfaces import ITranslationDomain
from zope.i18nmessageid import Message
from zope.interface import implementer


DATES_DOMAIN = "wikimooc-dates"


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


def day_message(value):
    """A day for a message's mapping, written out in the message's language."""
    return Message(as_day(value).isoformat(), domain=DATES_DOMAIN)


@implementer(ITranslationDomain)
class ReadableDays:
    """The ``wikimooc-dates`` domain: its message ids are ISO days."""

    domain = DATES_DOMAIN

    def translate(self, msgid, mapping=None, context=None, target_language=None,
                  default=None, msgid_plural=None, default_plural=None, number=None):
        language = target_language or (context.get("LANGUAGE") if context is not None else None)
        return long_day(str(msgid), language)


readable_days = ReadableDays()
