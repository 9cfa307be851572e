"""The one way to refuse (wikimooc.workflows.refusals): every domain's refusal reaches
REST clients with its status, its error ``type`` (docs/api.md) and its message in the
language of the site section; every REST service of ours is a RefusingService; and
no service or page catches a refusal by hand."""

from datetime import date
from pathlib import Path
from plone import api
from plone.rest.service import Service
from wikimooc.workflows.refusals import Refused
from wikimooc.workflows.refusals import RefusingService
from zope.component import getGlobalSiteManager

import ast
import importlib
import pytest
import transaction
import wikimooc.policy
import wikimooc.theme
import wikimooc.workflows


COURSE = "/fr/bases"
SESSION = COURSE + "/session"


@pytest.fixture
def french(site):
    """A published French course whose licence keeps it its authors', with an open
    public session taught by "teacher", where ada is a learner."""
    with api.env.adopt_roles(["Manager"]):
        course = api.content.create(
            container=site["portal"]["fr"], type="Course", id="bases", title="Les bases",
            projects=("wikipedia",), organisation="Wikimédia France",
            license="all-rights-reserved",
        )
        api.content.create(container=course, type="Module", id="about", title="À propos")
        api.content.transition(course, to_state="published")
        session = api.content.create(
            container=course, type="CourseSession", id="session", title="Session",
            kind="public", enrollment_policy="key", enrollment_key="piliers",
            start=date(2027, 3, 1), end=date(2027, 4, 30), wiki="fr.wikipedia.org",
            teachers=["teacher"],
        )
        api.content.transition(session, "open")
    transaction.commit()
    return session


@pytest.mark.parametrize(
    "login, method, path, body, status, error_type, message",
    [
        # Enrollment
        ("ada", "post", SESSION + "/@enroll", {"key": "faux"}, 403, "EnrollmentRefused",
         "La clé d'inscription est incorrecte."),
        ("bob", "delete", SESSION + "/@enroll", None, 404, "NotEnrolled",
         "Vous n’êtes pas inscrit·e à cette session."),  # noqa: RUF001
        # The request itself
        ("teacher", "post", SESSION + "/@enrollments", {"usernames": 5}, 400, "BadRequest",
         "Indiquez « usernames » : une liste de noms d’utilisateur wiki, ou un nom par ligne."),  # noqa: RUF001
        # Reuse
        ("bob", "post", COURSE + "/@adapt", {"container": "/fr"}, 403, "ReuseRefused",
         "La licence de ce cours ne permet pas de le réutiliser."),
        # Edit tracking
        (None, "get", SESSION + "/@progress", None, 401, "Unauthorized",
         "Connectez-vous pour voir votre progression."),
        ("bob", "get", SESSION + "/@progress?learner=Ada", None, 403, "Forbidden",
         "Seul·es les enseignant·es de la session voient la progression des autres apprenant·es."),
        # Forum
        ("bob", "post", SESSION + "/@forum", {"title": "Sources ?", "text": "Lesquelles ?"},
         403, "ForumRefused",
         "Seul·es les apprenant·es et enseignant·es de la session peuvent écrire dans son forum."),
        # Certificates
        (None, "get", SESSION + "/@certificate", None, 401, "CertificateRefused",
         "Connectez-vous pour voir votre certificat."),
        # Peer review
        ("bob", "post", SESSION + "/@submissions", {"exercise": "x", "text": "Fait."},
         403, "PeerReviewRefused",
         "Seul·es les apprenant·es de cette session peuvent rendre un travail."),
    ],
)
def test_a_refusal_answers_with_its_status_type_and_french_message(
    french, client, login, method, path, body, status, error_type, message
):
    response = getattr(client(login), method)(path, json=body)
    assert response.status_code == status, response.text
    assert response.json() == {"error": {"type": error_type, "message": message}}


@pytest.mark.parametrize(
    "path, status, error_type, message",
    [
        ("/@courses?language=xx", 400, "BadRequest", "The site has no language xx."),
        ("/@courses?q=AND", 400, "BadRequest", "This search text cannot be understood."),
        ("/@login-authomatic/wikimedia?publicUrl=https://evil.example", 400, "BadRequest",
         "publicUrl must be an address of this site."),
    ],
)
def test_a_refusal_at_the_site_root_is_in_the_default_language(
    site, client, path, status, error_type, message
):
    response = client().get(path)
    assert response.status_code == status, response.text
    assert response.json() == {"error": {"type": error_type, "message": message}}


def subclasses(kind):
    for subclass in kind.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def test_every_refusal_names_its_error_type(portal):
    """A refusal raised where none is expected would otherwise answer 500."""
    kinds = list(subclasses(Refused))
    assert {"EnrollmentRefused", "NotEnrolled", "ReuseRefused", "PublishRefused",
            "ForumRefused", "CertificateRefused", "PeerReviewRefused", "Blocked",
            "RegistrationFailed", "BadRequest"} <= {kind.error_type for kind in kinds}
    assert [kind for kind in kinds if not hasattr(kind, "error_type")] == []


def registries(registry):
    yield registry
    for base in registry.__bases__:
        yield from registries(base)


def folder(package):
    return Path(package.__file__).parent


def ours(registration):
    """Registered by the ZCML of one of our packages."""
    zcml = getattr(registration.info, "file", None)
    return zcml is not None and any(
        Path(zcml).is_relative_to(folder(package))
        for package in (wikimooc.workflows, wikimooc.policy, wikimooc.theme)
    )


def our_services():
    """Every plone:service of our packages: its name and the factory it was given
    (plone.rest registers a subclass of it made for the service)."""
    found = {}
    for registry in registries(getGlobalSiteManager()):
        for registration in registry.registeredAdapters():
            factory = registration.factory
            if isinstance(factory, type) and issubclass(factory, Service) and ours(registration):
                found[registration.name] = factory.__bases__[0]
    return found


# Overrides of plone.restapi's own services keep its own errors, as its clients expect.
RESTAPI_OVERRIDES = {"@users"}


def test_every_service_of_ours_is_a_refusing_service(portal):
    services = our_services()
    names = {name.rsplit("_", 1)[-1] for name in services}
    assert {"@courses", "@enroll", "@adapt", "@progress", "@login-authomatic", "@forum",
            "@certificate", "@submissions", "@reviews"} <= names
    assert [
        f"{name}: {factory.__module__}.{factory.__name__}"
        for name, factory in sorted(services.items())
        if not issubclass(factory, RefusingService)
        and name.rsplit("_", 1)[-1] not in RESTAPI_OVERRIDES
    ] == []


def page_and_service_modules():
    """Where requests are answered: every module of the theme (pages, viewlets and
    forms), the REST services, and the OAuth server's return address."""
    policy, workflows = folder(wikimooc.policy), folder(wikimooc.workflows)
    for package, files in (
        (wikimooc.theme, folder(wikimooc.theme).rglob("*.py")),
        (wikimooc.policy, [*policy.glob("services/*.py"), policy / "identity" / "handler.py"]),
        (wikimooc.workflows, workflows.glob("services/*.py")),
    ):
        for file in files:
            parts = file.relative_to(folder(package)).with_suffix("").parts
            yield ".".join((package.__name__, *parts)).removesuffix(".__init__"), file


def caught(module, handler):
    """The classes an ``except`` clause catches; None for a bare ``except:``."""
    if handler.type is None:
        return None
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return [eval(compile(ast.Expression(node), "<except>", "eval"), vars(module))
            for node in nodes]


def catches_refusals(classes):
    return classes is None or any(
        issubclass(kind, Refused) or issubclass(Refused, kind) for kind in classes
    )


def test_no_service_or_page_catches_a_refusal_by_hand():
    """Refusals are answered by RefusingService and RefusingAction, and shown beside
    a form through Attempt: never by an ``except`` of their own."""
    found = []
    for name, file in page_and_service_modules():
        module = importlib.import_module(name)
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.ExceptHandler) and catches_refusals(caught(module, node)):
                found.append(f"{name}:{node.lineno}")
    assert found == []
