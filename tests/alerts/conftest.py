from datetime import timedelta
from mailboxes import mock_mailbox
from plone import api
from wikimooc.policy.enrollment import add_learners
from wikimooc.policy.tracking.checker import SETTLE_SECONDS
from wikimooc.policy.tracking.schedule import check_and_commit
from wikimooc.policy.tracking.storage import utc_now

import pytest
import requests
import secrets
import transaction


LEARNER_PASSWORD = "Alerted-Learner-Pass-42"
TEACHER_PASSWORD = "enseignante-pw-123"
DELETION_CATEGORY = "Category:Page proposée à la suppression"
DELETION_TEMPLATE = "Template:Suppression"


def after_settling():
    return utc_now() + timedelta(seconds=SETTLE_SECONDS + 1)


@pytest.fixture
def later():
    """When a cycle runs after the wiki's last changes settled (edit checks leave the
    last SETTLE_SECONDS to the next cycle)."""
    return after_settling


@pytest.fixture
def teacher(functional_portal):
    """``teacher(login)``: a requests session of ``login`` (the session's teacher by
    default) whose browser asks for French."""

    def teacher(login="enseignante"):
        client = requests.Session()
        client.auth = (login, TEACHER_PASSWORD)
        client.headers["Accept-Language"] = "fr"
        return client

    return teacher


class Trouble:
    """What happened on the wiki to the learners' work, as the wiki's own
    administrator did it through the Action API (and Special:RenameUser)."""

    def __init__(self, mediawiki):
        self.mediawiki = mediawiki
        suffix = secrets.token_hex(3)
        self.ada, self.bob, self.cyd = (f"{name} {suffix}" for name in ("Ada", "Bob", "Cyd"))
        for name in (self.ada, self.bob, self.cyd):
            mediawiki.create_user(name, LEARNER_PASSWORD)
        self.nominated = f"Brouillon nommé {suffix}"
        self.templated = f"Brouillon bandeau {suffix}"
        self.deleted = f"Brouillon effacé {suffix}"
        self.moved = f"Brouillon déplacé {suffix}"
        self.moved_to = f"Article renommé {suffix}"
        self.renamed = f"{self.cyd} renommé"
        self.shared = f"Article commun {suffix}"
        self.admin = mediawiki.site(mediawiki.admin_user, mediawiki.admin_password)

    def learners_work(self):
        """Ada creates four pages; Bob edits a page the administrator created, enough
        to complete the "long edit" exercise."""
        ada = self.mediawiki.site(self.ada, LEARNER_PASSWORD)
        for title in (self.nominated, self.templated, self.deleted, self.moved):
            ada.pages[title].edit("Un brouillon d'article.", summary="brouillon")
        self.admin.pages[self.shared].edit("Texte de départ.", summary="départ")
        self.reverted_revid = self.mediawiki.site(self.bob, LEARNER_PASSWORD).pages[
            self.shared].edit("Texte de départ. " + "Ajout. " * 30, summary="ajout")["newrevid"]

    def strike(self):
        """Nominate (by category and by template), delete, move, roll back, block;
        and rename Cyd."""
        page = self.admin.pages[self.nominated]
        page.edit(page.text() + f"\n[[{DELETION_CATEGORY}]]", summary="proposée")
        self.admin.pages[DELETION_TEMPLATE].edit("Cette page est proposée à la suppression.",
                                                 summary="bandeau")
        self.admin.pages[self.templated].edit("{{Suppression}}\nUn brouillon d'article.",
                                              summary="bandeau")
        self.admin.pages[self.deleted].delete(reason="hors critères")
        self.admin.pages[self.moved].move(self.moved_to, reason="meilleur titre")
        self.admin.api("rollback", title=self.shared, user=self.bob,
                       token=self.admin.get_token("rollback"))
        self.admin.api("block", user=self.bob, reason="vandalisme", expiry="1 day",
                       token=self.admin.get_token("csrf"))
        self.rename(self.cyd, self.renamed)
        self.mediawiki.run_jobs()

    def rename(self, old, new):
        """Through Extension:Renameuser's Special:RenameUser form, posted with the
        administrator's (a bureaucrat's) token: the wiki writes its renameuser log
        entry, and leaves the rest of the rename to its jobs."""
        answer = self.admin.connection.post(self.mediawiki.index_url, data={
            "title": "Special:RenameUser", "oldusername": old, "newusername": new,
            "reason": "nouveau nom", "token": self.admin.get_token("csrf"),
        })
        if "mw-message-box-success" not in answer.text:
            raise AssertionError(f"Special:RenameUser did not rename {old!r}: {answer.text}")


@pytest.fixture
def mailbox(functional_portal):
    return mock_mailbox(functional_portal)


@pytest.fixture
def french_course(functional_portal, mediawiki):
    """A French course with a "long edit" exercise, on the test wiki, whose deletion
    category is French; its teacher ``enseignante`` reads French."""
    api.portal.set_registry_record("wikimooc.wikis", {mediawiki.host: mediawiki.api_url})
    api.portal.set_registry_record("wikimooc.deletion_watch",
                                   {mediawiki.host: f"{DELETION_CATEGORY}|{DELETION_TEMPLATE}"})
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="enseignante@example.org", username="enseignante",
                        password=TEACHER_PASSWORD, properties={"language": "fr"})
        api.user.create(email="curieux@example.org", username="curieux",
                        password=TEACHER_PASSWORD)
        course = api.content.create(
            container=functional_portal["fr"], type="Course", id="alertes",
            title="Écrire sur Wikipédia", projects=("wikipedia",),
        )
        module = api.content.create(container=course, type="Module", id="m", title="M")
        api.content.create(container=module, type="Exercise", id="long", title="Long ajout",
                           check="wiki", wiki_action="edit_page", namespace=0, min_bytes=100)
        api.content.transition(course, to_state="published")
    transaction.commit()
    return course


@pytest.fixture
def french_session(french_course, mediawiki, open_wiki_session):
    """A private session of the French course on the test wiki, taught by
    ``enseignante``."""
    return open_wiki_session(french_course, mediawiki.host, "enseignante",
                             title="Session d'hiver", kind="private",
                             enrollment_policy="invitation")


@pytest.fixture
def make_trouble(mediawiki):
    """``make_trouble(sessions)``: the three learners enrolled in each of the
    ``sessions`` (all on the test wiki) worked, the edit check read it (for every
    session of the wiki at once), then trouble struck on the wiki."""

    def make_trouble(sessions):
        trouble = Trouble(mediawiki)
        for session in sessions:
            add_learners(session, [trouble.ada, trouble.bob, trouble.cyd], added_by="test")
        transaction.commit()
        trouble.learners_work()
        assert check_and_commit(sessions[0], after_settling()).completed == 1
        trouble.strike()
        return trouble

    return make_trouble


@pytest.fixture
def troubled(french_session, make_trouble):
    return make_trouble([french_session])
