"""Which wikis a session follows, and on which of them each exercise is checked."""

from wikimooc.policy.content.course import exercises_of


COMMONS = "commons.wikimedia.org"


def session_wikis(session):
    """The hosts of the wikis the session (or its catalog entry) follows: its home
    wiki first, then the others it names, each once."""
    hosts = [session.wiki]
    for host in getattr(session, "other_wikis", None) or ():
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def exercise_wiki(session, exercise):
    """The wiki of ``session`` where ``exercise`` is checked: the one it names if the
    session follows it; an upload on Commons when the session follows Commons; else
    the home wiki."""
    hosts = session_wikis(session)
    named = getattr(exercise, "checked_on", None)
    if named in hosts:
        return named
    if not named and exercise.wiki_action == "upload_file" and COMMONS in hosts:
        return COMMONS
    return session.wiki


def exercises_checked_on(session, host):
    """The session's exercises checked on the wiki ``host``, in the course's order."""
    return [
        exercise for exercise in exercises_of(session.__parent__)
        if exercise.check == "wiki" and exercise_wiki(session, exercise) == host
    ]


def practice_wiki(session, item):
    """Where a learner of ``session`` practises ``item``: an exercise checked on the
    wiki, on its wiki; anything else, on the home wiki."""
    if getattr(item, "portal_type", None) == "Exercise" and item.check == "wiki":
        return exercise_wiki(session, item)
    return session.wiki
