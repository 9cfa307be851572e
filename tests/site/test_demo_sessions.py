"""Demo sessions run when the site is new: their dates are counted in days from the
day the demo is created (courses.yaml), so a fresh `make start` shows sessions whose
edits count, and one to come."""

from datetime import date
from datetime import timedelta
from plone import api
from wikimooc.policy.demo import create_demo_content
from wikimooc.policy.demo import DEMO_COURSES
from wikimooc.policy.programs.report import program_sessions


RUNNING_ON_THE_CREATION_DAY = {
    "public-session-2027": True,
    "university-session-2027": True,
    "offene-sitzung-2027": False,  # starts two weeks later
    "open-sessie-2027": True,
    "session-publique-2027": True,
    "sesion-publica-2027": True,
    "dawra-amma-2027": True,
}


def demo_sessions(site):
    for course in DEMO_COURSES:
        for session in course.sessions:
            yield site[course.language][course.id][session.id]


def running_on(site, day):
    return {session.getId(): session.start <= day <= session.end for session in demo_sessions(site)}


def test_demo_created_today_has_its_sessions_running_today(portal):
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(portal)
    today = date.today()
    assert running_on(portal, today) == RUNNING_ON_THE_CREATION_DAY
    assert portal["de"]["wikidata-und-das-semantic-web"]["offene-sitzung-2027"].start > today


def test_demo_sessions_are_dated_from_the_creation_day_given(portal):
    creation_day = date.today() + timedelta(days=3650)
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(portal, creation_day)

    assert running_on(portal, creation_day) == RUNNING_ON_THE_CREATION_DAY
    assert not any(running_on(portal, date.today()).values())
    public = portal["en"]["how-to-contribute-to-wikipedia"]["public-session-2027"]
    assert (public.start, public.end) == (
        creation_day - timedelta(days=7),
        creation_day + timedelta(days=56),
    )


def test_the_demo_program_groups_demo_sessions_and_is_public(portal):
    with api.env.adopt_roles(["Manager"]):
        create_demo_content(portal)
    program = portal["en"]["demo-programme-2027"]
    assert api.content.get_state(program) == "published"
    assert program.period_start == date.today() - timedelta(days=30)
    every = [session.getId() for session in demo_sessions(portal)]
    with api.env.adopt_roles(["Manager"]):
        assert [session.getId() for session in program_sessions(program)] == every
    with api.env.adopt_roles(["Anonymous"]):
        assert api.user.has_permission("View", obj=program)
        seen = [session.getId() for session in program_sessions(program)]
    assert seen == [name for name in every if name != "university-session-2027"]
