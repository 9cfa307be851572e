"""Demo content: the example courses of the platform's brief, each in its own language,
with a module, a lesson, an exercise checked on the wiki and its sessions."""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.textfield.value import RichTextValue
from wikimooc.policy.enrollment import add_learners


@dataclass(frozen=True)
class DemoExercise:
    id: str
    title: str
    instructions: str
    wiki_action: str
    namespace: int
    title_pattern: str | None = None
    min_bytes: int = 0


@dataclass(frozen=True)
class DemoModule:
    id: str
    title: str
    lesson_id: str
    lesson_title: str
    lesson_text: str
    wiki_pages: tuple[str, ...]
    exercise: DemoExercise


@dataclass(frozen=True)
class DemoSession:
    id: str
    title: str
    description: str
    wiki: str
    private: bool = False
    capacity: int | None = None
    learners: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoCourse:
    language: str
    id: str
    title: str
    description: str
    projects: tuple[str, ...]
    audience: tuple[str, ...]
    organisation: str
    organisation_kind: str
    module: DemoModule
    sessions: tuple[DemoSession, ...] = field(default_factory=tuple)


SPRING_2027 = (date(2027, 3, 1), date(2027, 4, 30))
DEMO_LEARNERS = tuple(f"WikiMOOC demo learner {number}" for number in range(1, 6))

DEMO_COURSES = (
    DemoCourse(
        language="en",
        id="how-to-contribute-to-wikipedia",
        title="How to contribute to Wikipedia: rules, community and technical aspects",
        description=(
            "For the general public, by the English Wikipedia community: how Wikipedia"
            " works, its core content policies, its community and how to edit."
        ),
        projects=("wikipedia",),
        audience=("general_public",),
        organisation="English Wikipedia community",
        organisation_kind="community",
        module=DemoModule(
            id="getting-started",
            title="Getting started",
            lesson_id="the-five-pillars",
            lesson_title="The five pillars",
            lesson_text="Wikipedia is an encyclopedia, written from a neutral point of"
            " view, free content that anyone can use, edit and distribute.",
            wiki_pages=("Wikipedia:Five pillars",),
            exercise=DemoExercise(
                id="create-your-sandbox",
                title="Create your sandbox",
                instructions="Create your sandbox page and write a first paragraph.",
                wiki_action="create_page",
                namespace=2,
                title_pattern="User:{username}/sandbox",
                min_bytes=200,
            ),
        ),
        sessions=(
            DemoSession(
                id="public-session-2027",
                title="Public session, spring 2027",
                description="Open to everyone, from 1 March to 30 April 2027.",
                wiki="en.wikipedia.org",
            ),
            DemoSession(
                id="university-session-2027",
                title="University session, spring 2027",
                description="Private session for 200 university students, from 1 March"
                " to 30 April 2027.",
                wiki="en.wikipedia.org",
                private=True,
                capacity=200,
                learners=DEMO_LEARNERS,
            ),
        ),
    ),
    DemoCourse(
        language="de",
        id="wikidata-und-das-semantic-web",
        title="Wikidata und das Semantic Web",
        description="Von Wikimedia Deutschland: Daten, Aussagen und Abfragen in Wikidata"
        " und ihr Platz im Semantic Web.",
        projects=("wikidata",),
        audience=("general_public",),
        organisation="Wikimedia Deutschland",
        organisation_kind="chapter",
        module=DemoModule(
            id="grundlagen",
            title="Grundlagen",
            lesson_id="datenobjekte-und-aussagen",
            lesson_title="Datenobjekte und Aussagen",
            lesson_text="Ein Datenobjekt beschreibt einen Gegenstand; Aussagen verbinden"
            " es über Eigenschaften mit Werten.",
            wiki_pages=("Wikidata:Einführung",),
            exercise=DemoExercise(
                id="eine-aussage-hinzufuegen",
                title="Eine Aussage hinzufügen",
                instructions="Füge einem Datenobjekt eine Aussage mit Beleg hinzu.",
                wiki_action="add_statement",
                namespace=0,
            ),
        ),
        sessions=(
            DemoSession(
                id="offene-sitzung-2027",
                title="Offene Sitzung, Frühjahr 2027",
                description="Offen für alle, vom 1. März bis 30. April 2027.",
                wiki="www.wikidata.org",
            ),
        ),
    ),
    DemoCourse(
        language="nl",
        id="wikimedia-commons-vrije-licenties",
        title="Wikimedia Commons: wat zijn vrije licenties en hoe upload je"
        " afbeeldingen?",
        description="Door de Commons-gemeenschap: vrije licenties begrijpen en je eigen"
        " foto's uploaden naar Wikimedia Commons.",
        projects=("commons",),
        audience=("general_public",),
        organisation="Commons-gemeenschap",
        organisation_kind="community",
        module=DemoModule(
            id="vrije-licenties",
            title="Vrije licenties",
            lesson_id="wat-is-een-vrije-licentie",
            lesson_title="Wat is een vrije licentie?",
            lesson_text="Een vrije licentie laat iedereen een werk gebruiken, aanpassen"
            " en verspreiden, met naamsvermelding.",
            wiki_pages=("Commons:Licensing/nl",),
            exercise=DemoExercise(
                id="upload-een-eigen-foto",
                title="Upload een eigen foto",
                instructions="Upload een foto die je zelf hebt gemaakt, onder CC BY-SA 4.0.",
                wiki_action="upload_file",
                namespace=6,
            ),
        ),
        sessions=(
            DemoSession(
                id="open-sessie-2027",
                title="Open sessie, voorjaar 2027",
                description="Open voor iedereen, van 1 maart tot 30 april 2027.",
                wiki="commons.wikimedia.org",
            ),
        ),
    ),
    DemoCourse(
        language="fr",
        id="organiser-un-editathon",
        title="Comment organiser un édit-a-thon",
        description="Par Wikimédia France, pour les partenaires et les bénévoles des"
        " chapitres : préparer, animer et suivre un atelier de contribution.",
        projects=("wikipedia",),
        audience=("partners", "volunteers"),
        organisation="Wikimédia France",
        organisation_kind="chapter",
        module=DemoModule(
            id="preparer-l-atelier",
            title="Préparer l'atelier",
            lesson_id="choisir-un-theme-et-des-sources",
            lesson_title="Choisir un thème et des sources",
            lesson_text="Un bon atelier part d'un thème précis et de sources fiables"
            " réunies à l'avance avec les partenaires.",
            wiki_pages=("Wikipédia:Atelier de contribution",),
            exercise=DemoExercise(
                id="creer-la-page-de-l-atelier",
                title="Créer la page de l'atelier",
                instructions="Rédigez la page de votre atelier dans votre brouillon.",
                wiki_action="create_page",
                namespace=2,
                title_pattern="Utilisateur:{username}/Brouillon",
                min_bytes=500,
            ),
        ),
        sessions=(
            DemoSession(
                id="session-publique-2027",
                title="Session publique, printemps 2027",
                description="Ouverte à toutes et à tous, du 1er mars au 30 avril 2027.",
                wiki="fr.wikipedia.org",
            ),
        ),
    ),
    DemoCourse(
        language="es",
        id="wikipedia-en-el-aula",
        title="Wikipedia en el aula",
        description="De Wikimedia España, para docentes y personal del Ministerio de"
        " Educación: usar Wikipedia con el alumnado.",
        projects=("wikipedia",),
        audience=("educators", "public_servants"),
        organisation="Wikimedia España",
        organisation_kind="chapter",
        module=DemoModule(
            id="wikipedia-como-recurso-educativo",
            title="Wikipedia como recurso educativo",
            lesson_id="como-funciona-wikipedia",
            lesson_title="Cómo funciona Wikipedia",
            lesson_text="Cada artículo se apoya en fuentes fiables y en el trabajo"
            " colaborativo de su comunidad.",
            wiki_pages=("Wikipedia:Wikipedia en la educación",),
            exercise=DemoExercise(
                id="mejora-un-articulo-con-una-referencia",
                title="Mejora un artículo con una referencia",
                instructions="Añade una referencia fiable a un artículo de tu materia.",
                wiki_action="add_reference",
                namespace=0,
                min_bytes=100,
            ),
        ),
        sessions=(
            DemoSession(
                id="sesion-publica-2027",
                title="Sesión pública, primavera de 2027",
                description="Abierta a todo el mundo, del 1 de marzo al 30 de abril de"
                " 2027.",
                wiki="es.wikipedia.org",
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


def html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def create_demo_course(container, course):
    folder = api.content.create(
        container=container,
        type="Course",
        id=course.id,
        title=course.title,
        description=course.description,
        projects=course.projects,
        audience=course.audience,
        organisation=course.organisation,
        organisation_kind=course.organisation_kind,
        authors=[course.organisation],
    )
    module = api.content.create(
        container=folder, type="Module", id=course.module.id, title=course.module.title
    )
    api.content.create(
        container=module,
        type="Lesson",
        id=course.module.lesson_id,
        title=course.module.lesson_title,
        text=html(course.module.lesson_text),
        wiki_pages=list(course.module.wiki_pages),
    )
    exercise = course.module.exercise
    api.content.create(
        container=module,
        type="Exercise",
        id=exercise.id,
        title=exercise.title,
        instructions=html(exercise.instructions),
        check="wiki",
        wiki_action=exercise.wiki_action,
        namespace=exercise.namespace,
        title_pattern=exercise.title_pattern,
        min_bytes=exercise.min_bytes,
    )
    api.content.transition(folder, to_state="published")
    for session in course.sessions:
        create_demo_session(folder, session)
    return folder


def create_demo_session(course, session):
    start, end = SPRING_2027
    created = api.content.create(
        container=course,
        type="CourseSession",
        id=session.id,
        title=session.title,
        description=session.description,
        kind="private" if session.private else "public",
        enrollment_policy="invitation" if session.private else "open",
        invited=list(session.learners),
        capacity=session.capacity,
        start=start,
        end=end,
        wiki=session.wiki,
    )
    api.content.transition(created, "open")
    add_learners(created, session.learners, added_by=None)
    return created


def create_demo_content(site):
    add_content_languages(site, [course.language for course in DEMO_COURSES])
    for course in DEMO_COURSES:
        create_demo_course(site[course.language], course)
