from plone.app.layout.viewlets import ViewletBase


class LogoViewlet(ViewletBase):
    def logo_url(self):
        return f"{self.site_url}/++plone++wikimooc.theme/logo.svg"


class SearchViewlet(ViewletBase):
    """Searches the course catalogue (the home page of each language, and of the
    site's root, which otherwise only redirects to a language)."""

    def text(self):
        return self.request.form.get("q", "")
