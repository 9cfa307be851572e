"""Does a contribution do what an exercise asks? Cheap tests first (action, title,
bytes); the revision's text is read from the wiki only when an exercise needs it."""

from wikimooc.policy.tracking.titles import normalise
from wikimooc.policy.tracking.titles import split_title

import re


FILE_NAMESPACE = 6
REFERENCE = re.compile(r"<ref[\s>/]", re.IGNORECASE)
# Wikibase's automatic edit summaries for a new statement.
NEW_STATEMENT = re.compile(r"wb(?:create|set)claim-create")


def page_name(contribution, info):
    """The contribution's title without its namespace (the wiki gives its local name)."""
    name = contribution.title.partition(":")[2] if contribution.namespace else contribution.title
    return normalise(name, info)


def title_matches(exercise, contribution, info):
    if not exercise.title_pattern:
        return exercise.namespace is None or contribution.namespace == exercise.namespace
    namespace, title = split_title(
        exercise.title_pattern.format(username=contribution.username), info
    )
    if namespace == 0 and exercise.namespace:
        namespace = exercise.namespace
    return (contribution.namespace, page_name(contribution, info)) == (namespace, title)


def action_matches(action, contribution):
    if action == "create_page":
        return contribution.new
    if action == "upload_file":
        return contribution.new and contribution.namespace == FILE_NAMESPACE
    if action == "add_statement":
        return bool(NEW_STATEMENT.search(contribution.comment))
    return action in ("edit_page", "add_reference")


def needs_text(exercise):
    return exercise.wiki_action == "add_reference" or bool(exercise.required_text)


def cheap_match(exercise, contribution, info):
    """Everything but the revision's text."""
    return (
        action_matches(exercise.wiki_action, contribution)
        and title_matches(exercise, contribution, info)
        and contribution.sizediff >= (exercise.min_bytes or 0)
    )


def text_matches(exercise, text, parent_text):
    if exercise.wiki_action == "add_reference" and (
        len(REFERENCE.findall(text)) <= len(REFERENCE.findall(parent_text))
    ):
        return False
    required = exercise.required_text
    if not required:
        return True
    if exercise.required_text_is_pattern:
        return re.search(required, text) is not None
    return required in text
