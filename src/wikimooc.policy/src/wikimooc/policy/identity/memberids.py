"""ASCII member ids for logins in any script, as members of Wikimedia accounts have.

Plone takes a login as the member id, and allows only ids of word characters
(``^\\w[\\w.\\-@+]+\\w$``): Devanagari's vowel signs and viramas, Arabic's vowels,
are marks, not word characters, so "अमित" was refused; other scripts passed, with a
member id in that script in every address. Here a login that is not ASCII gets an
ASCII member id instead, transliterated the way Plone writes ids of titles (plone.i18n:
"अमित" → "amit", "Мария" → "mariia", "李小龙" → "li-xiao-long"; "-1", "-2"… when taken)
and keeps its own text as the login name. Plone's add-user form, its registration
form and ``POST @users`` all ask for ids here (plone.app.users' IUserIdGenerator);
the two forms' user name field, ASCII only in Plone, takes any text here (their
validation then refuses what Plone refuses).

A login is given an id only if it has the shape Plone allows, with marks counted as
letters: letters, digits, marks and ``_ . - @ +``, beginning with a letter or digit
and not ending with punctuation, at least two characters (a Chinese name often has
two), in Unicode's composed form (NFC, so that two spellings of one name are not two
logins), and no member has it yet. Any other login is left to Plone, which refuses
it ("The login name you selected is already in use or is not valid"): spaces, bidi
controls, zero-width joiners and other invisible characters stay refused, as in Latin.
"""

from plone import api
from plone.app.users.browser.register import BaseRegistrationForm
from plone.app.users.schema import IRegisterSchema
from plone.base.interfaces import INavigationRoot
from plone.i18n.normalizer import idnormalizer
from plone.z3cform.fieldsets.extensible import FormExtender
from zope import schema
from zope.component import adapter
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserRequest

import unicodedata


LOGIN_PUNCTUATION = frozenset("_.-@+")
# The base of an id whose login transliterates to nothing Plone would take.
FALLBACK_ID = "member"
MOST_TRIES = 100


def is_script_login(login):
    """A login of the shape Plone allows, in a script with marks."""
    if len(login) < 2 or unicodedata.normalize("NFC", login) != login:
        return False
    if not login[0].isalnum() or login[-1] in LOGIN_PUNCTUATION:
        return False
    return all(
        char.isalnum() or char in LOGIN_PUNCTUATION or unicodedata.category(char)[0] == "M"
        for char in login
    )


def ascii_member_id(data):
    """plone.app.users' IUserIdGenerator: an ASCII id for a login in another script,
    None (Plone's own choice) for an ASCII login or one Plone must refuse."""
    login = data.get("username") or ""
    if login.isascii() or not is_script_login(login):
        return None
    registration = api.portal.get_tool("portal_registration")
    if registration.principal_id_or_login_name_exists(login):
        return None
    base = idnormalizer.normalize(login) or FALLBACK_ID
    for candidate in (base, *(f"{base}-{number}" for number in range(1, MOST_TRIES))):
        if registration.isMemberIdAllowed(candidate):
            return candidate
    return None


class IScriptLogin(Interface):
    username = schema.TextLine(
        title=IRegisterSchema["username"].title,
        description=IRegisterSchema["username"].description,
    )


@adapter(INavigationRoot, IBrowserRequest, BaseRegistrationForm)
class ScriptLoginField(FormExtender):
    """The user name field of Plone's registration and add-user forms, as text."""

    def update(self):
        names = list(self.form.fields)
        if "username" in names:
            self.remove("username")
            self.add(IScriptLogin, index=names.index("username"))
