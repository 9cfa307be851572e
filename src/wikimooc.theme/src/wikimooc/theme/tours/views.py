"""The tour builder: a draft's page shows its steps and the tour's JavaScript, and
publishes it on a wiki of the course's sessions (POST, CSRF-checked)."""

from plone import api
from Products.Five.browser import BrowserView
from wikimooc.policy.content.course import course_of
from wikimooc.policy.tours.script import tour_script
from wikimooc.policy.tours.vocabulary import course_wikis
from wikimooc.policy.tours.wiki import publish_tour
from wikimooc.policy.tours.wiki import tour_page
from wikimooc.policy.wikis import page_url
from wikimooc.theme import _
from wikimooc.workflows.refusals import RefusingAction
from zExceptions import BadRequest
from zope.i18n import translate


class TourDraftMixin:
    def course(self):
        return course_of(self.context)

    def steps(self):
        return [
            item for item in self.context.objectValues() if item.portal_type == "GuidedTourStep"
        ]

    def language(self):
        return self.context.Language() or api.portal.get_current_language()

    def script(self):
        return tour_script(
            self.context, self.steps(), self.course().absolute_url(), self.language()
        )

    def wikis(self):
        return course_wikis(self.course())


class TourBuilderView(TourDraftMixin, BrowserView):
    def can_edit(self):
        return api.user.has_permission("Modify portal content", obj=self.context)

    def tour_page(self):
        return tour_page(self.context.tour_name)

    def wiki_links(self):
        name = self.context.tour_name
        return [
            {
                "wiki": host,
                "page": page_url(host, tour_page(name)),
                "try": page_url(host, "Special:MyPage", query={"tour": name}),
            }
            for host in self.wikis()
        ]


class PublishTourView(TourDraftMixin, RefusingAction):
    def act(self, form):
        host = form.get("wiki")
        if host not in self.wikis():
            raise BadRequest("Publish on a wiki of the course's sessions.")
        name = self.context.tour_name
        summary = translate(
            _("Guided tour from WikiMOOC: ${url}", mapping={"url": self.context.absolute_url()}),
            target_language=self.language(),
        )
        publish_tour(host, name, self.script(), summary)
        return _("The tour is published on ${wiki} as ${page}.",
                 mapping={"wiki": host, "page": tour_page(name)})
