"""Days and numbers as readers of a language write them, from Babel's CLDR data:
"May 2, 2027", "2 May 2027" (en-GB), "2 mai 2027", "2. Mai 2027", "2 مايو 2027";
"1,234.5", "1 234,5", "1.234,5"; "66.67%", "66,67 %". For mails, refusals and
certificates, written in a language without knowing the page; pages add the
reader's country and time zone (wikimooc.theme.dates).

Digits are CLDR's default numbering system for the language: Latin digits for
Arabic too (CLDR's ``ar`` writes "1,234.5"; its dates have Latin digits as well).

A day given to a message as ``day_message(day)``, a number as
``number_message(count)``, is written in the language the message is translated
into, whenever and wherever that happens: the message's domain translates it
through the translation domains ``wikimooc-dates`` and ``wikimooc-numbers`` below."""

from babel import Locale
from babel import UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent
from datetime import date
from datetime import datetime
from zope.i18n.interfaces import ITranslationDomain
from zope.i18nmessageid import Message
from zope.interface import implementer

import decimal


DATES_DOMAIN = "wikimooc-dates"
NUMBERS_DOMAIN = "wikimooc-numbers"
# Decimals a number or a percentage keeps (a quiz's 4.6667 points: 4.67).
PLACES = 2


def babel_locale(language):
    """The locale of a language code ("fr", "pt-br", "en_GB"), else its language's,
    else English; a Babel Locale as it is."""
    if isinstance(language, Locale):
        return language
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


def number_text(value, language):
    """A count or a score: "1,234", "1 234", "1.234"; "4.67", "4,67" (at most
    PLACES decimals). ``language``: a code or a Babel Locale."""
    return format_decimal(round(value, PLACES), locale=babel_locale(language))


def percent_text(percent, language):
    """A value in percent (a grade, a pass mark): "80%", "66,67 %" (at most PLACES
    decimals, none for a whole number)."""
    share = decimal.Decimal(str(round(percent, PLACES))) / 100
    return format_percent(share, locale=babel_locale(language), decimal_quantization=False)


def day_message(value):
    """A day for a message's mapping, written out in the message's language."""
    return Message(as_day(value).isoformat(), domain=DATES_DOMAIN)


def number_message(value):
    """A number for a message's mapping (a count in a mail), written in the
    message's language."""
    return Message(str(value), domain=NUMBERS_DOMAIN)


@implementer(ITranslationDomain)
class Readable:
    """A translation domain whose message ids are values: ``write(msgid,
    language)`` writes them in the language they are translated into."""

    def __init__(self, domain, write):
        self.domain = domain
        self.write = write

    def translate(self, msgid, mapping=None, context=None, target_language=None,
                  default=None, msgid_plural=None, default_plural=None, number=None):
        language = target_language or (context.get("LANGUAGE") if context is not None else None)
        return self.write(str(msgid), language)


readable_days = Readable(DATES_DOMAIN, long_day)
readable_numbers = Readable(
    NUMBERS_DOMAIN, lambda msgid, language: number_text(decimal.Decimal(msgid), language)
)
