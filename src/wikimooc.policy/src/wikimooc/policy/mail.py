"""Mails to members, through the site's MailHost: queued (sent when the transaction
commits: an aborted transaction sends nothing), or at once for the worker, which
records what the mail server answered (wikimooc.policy.announcements.sending)."""

from email import policy
from email.message import EmailMessage
from email.utils import formataddr
from plone import api
from wikimooc.policy.content.session import session_language
from zope.i18n import translate
from zope.i18nmessageid import Message

import logging


logger = logging.getLogger(__name__)

SIGNATURE_SEPARATOR = "-- "
# Lines end with CRLF, as SMTP wants them (strict servers refuse bare LFs); headers
# are folded only past RFC 5322's limit, so that the List-Unsubscribe address, longer
# than 78 characters and without spaces, stays a plain <URL> mail programs read (the
# default would write it as encoded words, which they do not).
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def compose(paragraphs, why, link, language):
    """The text of a mail in ``language``: its paragraphs, then the signature that
    says why the reader gets it (``why`` is given the unsubscribe link as ${url})."""
    footer = SIGNATURE_SEPARATOR + "\n" + translate(
        Message(why, mapping={**(getattr(why, "mapping", None) or {}), "url": link}),
        target_language=language,
    )
    return "\n\n".join(
        [translate(paragraph, target_language=language) for paragraph in paragraphs] + [footer]
    )


def send_mail(recipient, subject, text, unsubscribe_url, language=None, immediate=False):
    """A plain-text mail; False when the site has no sender address to send it from.
    ``immediate`` sends it now, and lets the mail server's refusal through
    (smtplib's exceptions)."""
    sender = api.portal.get_registry_record("plone.email_from_address", default="")
    if not sender:
        logger.warning("No mail to %s: the site has no email_from_address.", recipient)
        return False
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = subject
    message["From"] = formataddr(
        (api.portal.get_registry_record("plone.email_from_name", default="") or "", sender)
    )
    message["To"] = recipient
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message.set_content(text)
    if language:  # after the content, which sets the Content-* headers afresh
        message["Content-Language"] = language
    api.portal.get_tool("MailHost").send(message, immediate=immediate)
    return True


def reader_language(member, session):
    """The language to write to ``member`` in about ``session``: the one they
    prefer (their ``language`` property) where the site offers it, else the
    session's."""
    preferred = member.getProperty("language", "") if member is not None else ""
    offered = api.portal.get_registry_record("plone.available_languages", default=[]) or []
    return preferred if preferred and preferred in offered else session_language(session)
