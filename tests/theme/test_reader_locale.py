"""Days, moments and numbers in the reader's locale (Babel's CLDR data): pages in the
page's language with the browser's country, mails and certificates in their
language; never an ISO string. Numbers keep at most two decimals; Arabic's digits
are CLDR's default for it, Latin."""

from datetime import date
from datetime import datetime
from datetime import UTC
from wikimooc.policy import _
from wikimooc.policy.readable import babel_locale
from wikimooc.policy.readable import day_message
from wikimooc.policy.readable import long_day
from wikimooc.policy.readable import number_message
from wikimooc.policy.readable import number_text
from wikimooc.policy.readable import percent_text
from wikimooc.theme import dates
from wikimooc.theme.plurals import plural_message
from zope.i18n import translate

import pytest


MAY_2 = date(2027, 5, 2)

LANGUAGES = [
    # language, the long day, 12345.5, the browser's languages, the page's long day
    ("en", "May 2, 2027", "12,345.5", "en-GB,en;q=0.8", "2 May 2027"),
    ("fr", "2 mai 2027", "12\u202f345,5", "fr-CA,fr", "2 mai 2027"),
    ("de", "2. Mai 2027", "12.345,5", "de-CH", "2. Mai 2027"),
    ("ar", "2 مايو 2027", "12,345.5", "ar-EG", "2 مايو 2027"),
    ("nl", "2 mei 2027", "12.345,5", "nl", "2 mei 2027"),
]


@pytest.mark.parametrize("language, day, figure, browser, page_day", LANGUAGES,
                         ids=[row[0] for row in LANGUAGES])
def test_days_in_a_language(language, day, figure, browser, page_day):
    assert long_day(MAY_2, language) == day
    assert long_day("2027-05-02T09:00:00+00:00", language) == day


@pytest.mark.parametrize("language, day, figure, browser, page_day", LANGUAGES,
                         ids=[row[0] for row in LANGUAGES])
def test_pages_add_the_browsers_country(portal, http_request, language, day, figure, browser,
                                        page_day):
    http_request["LANGUAGE"] = language
    http_request.environ["HTTP_ACCEPT_LANGUAGE"] = browser
    assert dates.long_date(MAY_2, http_request) == page_day
    moment = dates.moment(datetime(2027, 5, 2, 14, 5, tzinfo=UTC), http_request)
    assert moment["iso"] == "2027-05-02T14:05:00Z" and page_day in moment["text"]
    http_request.environ["HTTP_ACCEPT_LANGUAGE"] = language
    assert dates.reader_number(12345.5, http_request).replace("\u00a0", "\u202f") == \
        figure.replace("\u00a0", "\u202f")


@pytest.mark.parametrize("language, day, figure, browser, page_day", LANGUAGES,
                         ids=[row[0] for row in LANGUAGES])
def test_a_day_in_a_message_is_written_in_its_language(portal, http_request, language, day,
                                                       figure, browser, page_day):
    """Whenever the message is translated: into a language, or for a request."""
    message = _("Week 2 opens on ${date}.", mapping={"date": day_message(MAY_2)})
    assert translate(message, target_language=language).endswith(f" {day}.")
    http_request["LANGUAGE"] = language
    assert translate(message, context=http_request).endswith(f" {day}.")


@pytest.mark.parametrize("code, expected", [
    ("pt-br", "pt_BR"), ("en_GB", "en_GB"), ("zz", "en"), ("", "en"), ("fr-XX", "fr"),
])
def test_a_language_code_gives_its_locale(code, expected):
    assert str(babel_locale(code)) == expected


NNBSP = "\u202f"  # CLDR's French groups thousands with a narrow no-break space
NUMBERS = [
    # language, 1234, 3.6667 points, a grade of 57.1428 %, a pass mark of 60 %,
    # 1234 learners (a plural message)
    ("en", "1,234", "3.67", "57.14%", "60%", "1,234 learners"),
    ("fr", f"1{NNBSP}234", "3,67", "57,14\u00a0%", "60\u00a0%", f"1{NNBSP}234 apprenant·es"),
    ("de", "1.234", "3,67", "57,14\u00a0%", "60\u00a0%", "1.234 Lernende"),
    ("ar", "1,234", "3.67", "57.14%", "60%", "1,234 متعلمًا"),
]
NUMBER_IDS = [row[0] for row in NUMBERS]


@pytest.mark.parametrize("language, count, points, grade, pass_mark, learners", NUMBERS,
                         ids=NUMBER_IDS)
def test_numbers_in_a_language(language, count, points, grade, pass_mark, learners):
    assert number_text(1234, language) == count
    assert number_text(3.666666, language) == points
    assert number_text(5.0, language) == "5"
    assert percent_text(57.142857, language) == grade
    assert percent_text(60, language) == pass_mark


@pytest.mark.parametrize("language, count, points, grade, pass_mark, learners", NUMBERS,
                         ids=NUMBER_IDS)
def test_pages_write_numbers_in_their_language(portal, http_request, language, count, points,
                                               grade, pass_mark, learners):
    http_request["LANGUAGE"] = language
    http_request.environ["HTTP_ACCEPT_LANGUAGE"] = language
    assert dates.reader_number(3.666666, http_request) == points
    assert dates.reader_percent(57.142857, http_request) == grade


@pytest.mark.parametrize("language, count, points, grade, pass_mark, learners", NUMBERS,
                         ids=NUMBER_IDS)
def test_a_number_in_a_message_is_written_in_its_language(portal, http_request, language,
                                                          count, points, grade, pass_mark,
                                                          learners):
    """A mail's count, and a plural message's: whenever the message is translated."""
    message = _("Reviews you still owe: ${count}. ${url}",
                mapping={"count": number_message(1234), "url": "https://example.org"})
    assert f": {count}. https://example.org" in translate(message, target_language=language)
    http_request["LANGUAGE"] = language
    assert f": {count}. https://example.org" in translate(message, context=http_request)
    plural = plural_message("${count} learner", "${count} learners", 1234)
    assert translate(plural, target_language=language) == learners
