"""plone.app.testing's MockMailHost in place of a site's MailHost, for tests that
read the mails the server sent."""

from email import message_from_bytes
from email import policy
from plone import api
from plone.app.testing.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from zope.component import getSiteManager

import transaction


def mock_mailbox(portal):
    """Replace the site's MailHost; return ``mailbox()``, the mails sent so far, parsed."""
    mailhost = MockMailHost("MailHost")
    portal.MailHost = mailhost
    site_manager = getSiteManager(portal)
    site_manager.unregisterUtility(provided=IMailHost)
    site_manager.registerUtility(mailhost, provided=IMailHost)
    api.portal.set_registry_record("plone.email_from_address", "courses@wikimooc.example.org")
    api.portal.set_registry_record("plone.email_from_name", "WikiMOOC")
    transaction.commit()

    def mailbox():
        transaction.begin()  # see what the server committed
        return [message_from_bytes(sent, policy=policy.default) for sent in mailhost.messages]

    return mailbox
