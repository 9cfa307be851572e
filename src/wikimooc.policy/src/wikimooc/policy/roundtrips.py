"""Going to the wiki and coming back: the practice link of a lesson or an exercise
(the learner's own page on the session's wiki, in the exercise's editor, created
from its preload template, with its guided tour) and the wiki links around it.

The way back to the course travels with the link: a preload template gets the
page's address as $1 (and its title as $2), and the edit summary the learner is
offered names it too.
"""

from wikimooc.policy import _
from wikimooc.policy.content.exercise import IExercise
from wikimooc.policy.content.lesson import ILesson
from wikimooc.policy.wikis import page_url
from wikimooc.policy.wikis import user_links
from zope.i18n import translate

import re


# What learners' drafts are called, by language (User:<name>/<sandbox>).
SANDBOXES = {
    "de": "Spielwiese",
    "en": "sandbox",
    "es": "Taller",
    "fr": "Brouillon",
    "nl": "Kladblok",
}
DEFAULT_SANDBOX = "sandbox"

# Wikipedia's help portal in the languages of the demo courses; other wikis (and
# other editions) get Help:Contents, in the learner's language where it is translated.
WIKIPEDIA_EDITION = re.compile(r"^([a-z-]+)\.wikipedia\.org$")
WIKIPEDIA_HELP = {
    "de": "Hilfe:Übersicht",
    "en": "Help:Contents",
    "es": "Ayuda:Contenidos",
    "fr": "Aide:Accueil",
}


def practice_page(content, username, language):
    """The learner's page: the exercise's title pattern, else their sandbox."""
    # Not getattr(): on a lesson, Dexterity would search every schema for the field.
    pattern = content.title_pattern if IExercise.providedBy(content) else None
    if pattern:
        return pattern.format(username=username)
    return f"User:{username}/{SANDBOXES.get(language, DEFAULT_SANDBOX)}"


def practice_url(content, host, page, language):
    """Where the practice link goes: the learner's ``page`` (practice_page) on
    ``host``, opened in the editor ``content`` asks for, with its preload template
    and guided tour."""
    back_url = content.absolute_url()
    query = [("veaction" if content.edit_mode == "visual" else "action", "edit")]
    if content.preload_template:
        query += [
            ("preload", content.preload_template),
            ("preloadparams[]", back_url),
            ("preloadparams[]", content.Title()),
        ]
    summary = _("WikiMOOC: ${title} (${url})", mapping={"title": content.Title(), "url": back_url})
    query.append(("summary", translate(summary, target_language=language)))
    if content.tour:
        query.append(("tour", content.tour))
        if content.tour_step:
            query.append(("step", content.tour_step))
    return page_url(host, page, query)


def help_url(host, language):
    """The wiki's help pages, in the session's language where the wiki has them."""
    edition = WIKIPEDIA_EDITION.match(host)
    if edition and edition.group(1) in WIKIPEDIA_HELP:
        return page_url(host, WIKIPEDIA_HELP[edition.group(1)])
    return page_url(host, "Special:MyLanguage/Help:Contents", {"uselang": language})


def wiki_links(content, host, language):
    """The wiki's help, and the pages of a lesson, on ``host``."""
    titles = content.wiki_pages if ILesson.providedBy(content) else None
    return {
        "wiki": host,
        "help_url": help_url(host, language),
        "lesson_pages": [{"title": title, "url": page_url(host, title)} for title in titles or ()],
    }


def practice_links(content, host, username, language):
    """Everything a learner's practice panel links to."""
    page = practice_page(content, username, language)
    return {
        **wiki_links(content, host, language),
        "page": page,
        "practice_url": practice_url(content, host, page, language),
        "tour": content.tour,
        "contributions_url": user_links(host, username)["contributions"],
    }
