"""Plural-aware messages: zope.i18n's own, a Message with ``msgid_plural`` and
``number`` looked up with gettext's plural rules (French: 0 and 1 take the
singular, "1 apprenant·e", "2 apprenant·es"; English: 1 only).

They are kept in a domain of their own, ``wikimooc-plurals``, whose catalogues
(``locales/<language>/LC_MESSAGES/wikimooc-plurals.po``) are written by hand:
i18ndude, which ``make i18n`` runs for the ``wikimooc`` domain, knows nothing of
``msgid_plural`` and would fold such entries into broken ones; and zope.i18n
(6.0) asks only the first of a language's catalogues of a domain for a plural
message, while the ``wikimooc`` domain has one catalogue per package. The English
catalogue is needed too: without one, zope.i18n answers the singular whatever the
number. tests/setup/test_plurals.py checks that every message given here has its
forms in each catalogue."""

from wikimooc.policy.readable import number_message
from zope.i18n import translate
from zope.i18nmessageid import Message


DOMAIN = "wikimooc-plurals"


def plural_message(singular, plural, number, mapping=None):
    """The message; ``${count}`` in it is the number, written in the message's
    language ("1,234", "1 234")."""
    return Message(
        singular, domain=DOMAIN, msgid_plural=plural, number=number,
        mapping={"count": number_message(number), **(mapping or {})},
    )


def plural(singular, plural, number, request, mapping=None):
    """The message for ``number``, in the request's language."""
    return translate(plural_message(singular, plural, number, mapping), context=request)
