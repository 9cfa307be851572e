"""WikiMOOC's control panel: the home wiki, wiki API addresses and the Wikimedia
login. The OAuth consumer secret is write-only: stored apart from the registry,
never shown back."""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.z3cform import layout
from wikimooc.policy.identity.settings import consumer_secret
from wikimooc.policy.identity.settings import store_consumer_secret
from wikimooc.policy.interfaces import IWikimoocSettings
from wikimooc.theme import _
from z3c.form import field
from zope import schema
from zope.interface import Interface


class IConsumerSecret(Interface):
    oauth_consumer_secret = schema.Password(
        title=_("OAuth consumer secret"),
        description=_(
            "Leave empty to keep the current one. The environment variable"
            " WIKIMOOC_OAUTH_CONSUMER_SECRET wins over it."
        ),
        required=False,
    )


class WikimoocSettingsForm(RegistryEditForm):
    schema = IWikimoocSettings
    schema_prefix = "wikimooc"
    label = _("WikiMOOC settings")

    def updateFields(self):
        super().updateFields()
        secret = field.Fields(IConsumerSecret)
        secret["oauth_consumer_secret"].ignoreContext = True
        self.fields += secret

    def updateWidgets(self):
        super().updateWidgets()
        if consumer_secret():
            self.widgets["oauth_consumer_secret"].placeholder = "••••••••"

    def applyChanges(self, data):
        if secret := data.pop("oauth_consumer_secret", None):
            store_consumer_secret(secret)
        return super().applyChanges(data)


WikimoocSettingsView = layout.wrap_form(WikimoocSettingsForm, ControlPanelFormWrapper)
