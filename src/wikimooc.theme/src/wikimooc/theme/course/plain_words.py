"""What an exercise checks, said as a learner reads it: a page called "Your
username/sandbox" in your user space rather than ``User:{username}/sandbox`` in
namespace 2, "a few sentences (200 bytes)" rather than 200 bytes."""

from wikimooc.theme import _


USER_NAMESPACE = 2
# How the user namespace is spelled in page titles on the Wikimedia wikis of the
# site's languages (MediaWiki also accepts the English name everywhere).
USER_PREFIXES = frozenset({
    "user", "utilisateur", "utilisatrice", "benutzer", "benutzerin", "usuario",
    "usuaria", "gebruiker",
})

NAMESPACES = {
    0: _("among the articles"),
    1: _("on the talk page of an article"),
    3: _("on a user talk page"),
    4: _("among the project's pages (Wikipedia:…)"),
    6: _("among the files"),
    10: _("among the templates"),
    14: _("among the categories"),
    118: _("among the drafts"),
}

# (most bytes, how much text that is), smallest first.
SIZES = (
    (150, _("a sentence or two")),
    (600, _("a few sentences")),
    (2000, _("a paragraph or two")),
)
LONGER = _("several paragraphs")


def exercise_page(pattern, namespace, username):
    """The page an exercise's title pattern names, for ``username``: its ``name``
    as the learner will see it and whether it is in their ``user_space``; None
    when the exercise names no page."""
    if not pattern:
        return None
    title = pattern.format(username=username)
    prefix, colon, rest = title.partition(":")
    if colon and prefix.strip().lower() in USER_PREFIXES:
        return {"name": rest.strip(), "user_space": True}
    return {"name": title, "user_space": namespace == USER_NAMESPACE}


def namespace_words(namespace):
    """Where on the wiki a namespace number is, in words; None for any namespace."""
    if namespace is None:
        return None
    if namespace == USER_NAMESPACE:
        return _("in your user space")
    if namespace in NAMESPACES:
        return NAMESPACES[namespace]
    return _("in namespace ${number} of the wiki", mapping={"number": namespace})


def size_words(min_bytes):
    """How much text ``min_bytes`` is, in words."""
    if not min_bytes:
        return None
    for most, words in SIZES:
        if min_bytes <= most:
            return words
    return LONGER
