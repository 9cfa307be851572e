"""Mails to members, through the site's MailHost (sent when the transaction
commits: an aborted transaction sends nothing)."""

from email.message import EmailMessage
from email.utils import formataddr
from plone import api

import logging


logger = logging.getLogger(__name__)


def send_mail(recipient, subject, text, unsubscribe_url):
    """A plain-text mail; False when the site has no sender address to send it from."""
    sender = api.portal.get_registry_record("plone.email_from_address", default="")
    if not sender:
        logger.warning("No mail to %s: the site has no email_from_address.", recipient)
        return False
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr(
        (api.portal.get_registry_record("plone.email_from_name", default="") or "", sender)
    )
    message["To"] = recipient
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message.set_content(text)
    api.portal.get_tool("MailHost").send(message, immediate=False)
    return True
