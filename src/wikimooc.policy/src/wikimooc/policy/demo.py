"""Demo content: the example courses of the platform's brief, each in its own language.

Until the Course and CourseSession types exist, a course is a Folder and each of its
sessions a Page; the content-model upgrade converts them.
"""

from dataclasses import dataclass
from dataclasses import field
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite


@dataclass(frozen=True)
class DemoSession:
    id: str
    title: str
    description: str
    private: bool = False


@dataclass(frozen=True)
class DemoCourse:
    language: str
    id: str
    title: str
    description: str
    sessions: tuple[DemoSession, ...] = field(default_factory=tuple)


DEMO_COURSES = (
    DemoCourse(
        language="en",
        id="how-to-contribute-to-wikipedia",
        title="How to contribute to Wikipedia: rules, community and technical aspects",
        description=(
            "For the general public, by the English Wikipedia community: how Wikipedia"
            " works, its core content policies, its community and how to edit."
        ),
        sessions=(
            DemoSession(
                id="public-session-2027",
                title="Public session, spring 2027",
                description="Open to everyone, from 1 March to 30 April 2027.",
            ),
            DemoSession(
                id="university-session-2027",
                title="University session, spring 2027",
                description=(
                    "Private session for 200 university students, from 1 March"
                    " to 30 April 2027."
                ),
                private=True,
            ),
        ),
    ),
    DemoCourse(
        language="de",
        id="wikidata-und-das-semantic-web",
        title="Wikidata und das Semantic Web",
        description=(
            "Von Wikimedia Deutschland: Daten, Aussagen und Abfragen in Wikidata und"
            " ihr Platz im Semantic Web."
        ),
        sessions=(
            DemoSession(
                id="offene-sitzung-2027",
                title="Offene Sitzung, Frühjahr 2027",
                description="Offen für alle, vom 1. März bis 30. April 2027.",
            ),
        ),
    ),
    DemoCourse(
        language="nl",
        id="wikimedia-commons-vrije-licenties",
        title=(
            "Wikimedia Commons: wat zijn vrije licenties en hoe upload je"
            " afbeeldingen?"
        ),
        description=(
            "Door de Commons-gemeenschap: vrije licenties begrijpen en je eigen foto's"
            " uploaden naar Wikimedia Commons."
        ),
        sessions=(
            DemoSession(
                id="open-sessie-2027",
                title="Open sessie, voorjaar 2027",
                description="Open voor iedereen, van 1 maart tot 30 april 2027.",
            ),
        ),
    ),
    DemoCourse(
        language="fr",
        id="organiser-un-editathon",
        title="Comment organiser un édit-a-thon",
        description=(
            "Par Wikimédia France, pour les partenaires et les bénévoles des chapitres :"
            " préparer, animer et suivre un atelier de contribution."
        ),
        sessions=(
            DemoSession(
                id="session-publique-2027",
                title="Session publique, printemps 2027",
                description="Ouverte à toutes et à tous, du 1er mars au 30 avril 2027.",
            ),
        ),
    ),
    DemoCourse(
        language="es",
        id="wikipedia-en-el-aula",
        title="Wikipedia en el aula",
        description=(
            "De Wikimedia España, para docentes y personal del Ministerio de Educación:"
            " usar Wikipedia con el alumnado."
        ),
        sessions=(
            DemoSession(
                id="sesion-publica-2027",
                title="Sesión pública, primavera de 2027",
                description="Abierta a todo el mundo, del 1 de marzo al 30 de abril de 2027.",
            ),
        ),
    ),
)


def add_content_languages(site, languages):
    """Make ``languages`` available and give each its language root folder."""
    available = api.portal.get_registry_record("plone.available_languages")
    missing = [code for code in languages if code not in available]
    if missing:
        api.portal.set_registry_record(
            "plone.available_languages", [*available, *missing]
        )
    SetupMultilingualSite().setupSite(site)


def create_demo_content(site):
    add_content_languages(site, [course.language for course in DEMO_COURSES])
    for course in DEMO_COURSES:
        folder = api.content.create(
            container=site[course.language],
            type="Folder",
            id=course.id,
            title=course.title,
            description=course.description,
        )
        api.content.transition(folder, "publish")
        for session in course.sessions:
            page = api.content.create(
                container=folder,
                type="Document",
                id=session.id,
                title=session.title,
                description=session.description,
            )
            if not session.private:
                api.content.transition(page, "publish")
