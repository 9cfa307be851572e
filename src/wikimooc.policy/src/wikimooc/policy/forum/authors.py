"""Who wrote a post, as the forum shows it: by their wiki username, linked to their
contributions and pages on the session's wiki (never by their real name)."""

from wikimooc.policy.wikis import user_links


def author_name(post):
    return post.author_wiki_username or post.author


def author_info(post, host):
    username = post.author_wiki_username
    return {
        "id": post.author,
        "wiki_username": username,
        "wiki_links": user_links(host, username) if username else None,
        "teacher": post.by_teacher,
    }
