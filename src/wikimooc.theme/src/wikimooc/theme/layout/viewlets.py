from Acquisition import aq_chain
from Acquisition import aq_inner
from html import escape
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.app.layout.viewlets.common import TitleViewlet
from plone.app.multilingual.browser.selector import LanguageSelectorViewlet
from plone.app.multilingual.interfaces import ILanguageRootFolder
from plone.app.multilingual.interfaces import ITranslatable
from plone.base.interfaces import IPloneSiteRoot
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit
from wikimooc.theme.dates import page_language
from zope.i18n import translate


# Until the registry records exist (wikimooc.policy's upgrade to 20261203030).
PRIVACY_URL = "https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy"
TERMS_URL = "https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Terms_of_Use"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.{language}"


class LogoViewlet(ViewletBase):
    def logo_url(self):
        return f"{self.site_url}/++plone++wikimooc.theme/logo.svg"


class SearchViewlet(ViewletBase):
    """Searches the course catalogue (the home page of each language, and of the
    site's root, which otherwise only redirects to a language)."""

    def text(self):
        return self.request.form.get("q", "")


class PageTitleViewlet(TitleViewlet):
    """The browser's title names the page, then WikiMOOC (the site's title), never
    the language root ("English", "Français") Plone names as the navigation root.
    A language's home page is the site's title alone; a page may give its own title
    (its view's ``page_title``), e.g. "My courses"."""

    def update(self):
        site_title = escape(self.site_title_setting or "")
        page_title = self.own_title()
        self.site_title = self.sep.join([page_title, site_title]) if page_title else site_title

    def own_title(self):
        title = getattr(self.view, "page_title", None)
        if callable(title):
            title = title()
        # Forms ("Add Course", "Edit"): their label.
        form = getattr(self.view, "form_instance", self.view)
        title = title or getattr(form, "label", None)
        if title:
            return escape(translate(title, context=self.request))
        if IPloneSiteRoot.providedBy(self.context) or ILanguageRootFolder.providedBy(self.context):
            return ""
        return self.page_title


class FooterViewlet(ViewletBase):
    """WikiMOOC's footer, in the page's language: the content's licence and the
    privacy policy and terms of use (the Wikimedia Foundation's, or the site's)."""

    def update(self):
        super().update()
        language = page_language(self.request).split("-")[0]
        self.licence_url = CONTENT_LICENCE_URL.format(language=language)
        self.privacy_url = api.portal.get_registry_record(
            "wikimooc.privacy_url", default=None
        ) or PRIVACY_URL
        self.terms_url = api.portal.get_registry_record(
            "wikimooc.terms_url", default=None
        ) or TERMS_URL


def nearest_translatable(content):
    return next(
        (item for item in aq_chain(aq_inner(content)) if ITranslatable.providedBy(item)), None
    )


def without_post_path(url):
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if key != "post_path"]
    return urlunsplit(parts._replace(query=urlencode(query)))


class LanguageSwitcherViewlet(LanguageSelectorViewlet):
    """plone.app.multilingual's selector, on every page: content that is not
    translated itself (a forum question, submitted work) leads to the translations
    of the nearest part of the site that is (its session, its course, the
    language's home page)."""

    def languages(self):
        if ITranslatable.providedBy(self.context):
            return super().languages()
        section = nearest_translatable(self.context)
        if section is None:
            return super().languages()
        switcher = LanguageSelectorViewlet(section, self.request, self.view, self.manager)
        switcher.update()
        return [{**language, "url": without_post_path(language["url"])}
                for language in switcher.languages()]
