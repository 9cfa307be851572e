"""The site's root leads to a language's home page: the language the visitor chose
before (the language cookie), else the first language of their browser
(Accept-Language) that has a language root, else the site's default language."""

from plone import api
from plone.app.multilingual.browser.switcher import LanguageSwitcher
from zope.publisher.browser import BrowserLanguages


class RootLanguageSwitcher(LanguageSwitcher):
    def __call__(self):
        target = self.language_root()
        tool = api.portal.get_tool("portal_languages")
        tool.setLanguageCookie(target, request=self.request)
        self.request.response.redirect(f"{self.context.absolute_url()}/{target}", status=302)
        # Proxies must not keep one language's answer for every visitor.
        self.request.response.setHeader("Vary", "Accept-Language, Cookie")
        return ""

    def language_root(self):
        roots = set(self.context.objectIds())
        tool = api.portal.get_tool("portal_languages")
        chosen = tool.getLanguageCookie(self.request)
        if chosen in roots:
            return chosen
        for code in BrowserLanguages(self.request).getPreferredLanguages():
            for candidate in (code.lower(), code.split("-")[0].lower()):
                if candidate in roots and candidate in tool.getSupportedLanguages():
                    return candidate
        return tool.getDefaultLanguage()
