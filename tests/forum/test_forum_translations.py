"""The forum post workflow and the forum and certificate pages speak French too."""

from html_pages import html_client
from pathlib import Path
from zope.i18n import translate

import ast
import pytest
import re
import wikimooc.policy
import wikimooc.theme


WORKFLOW = "wikimooc_forum_post_workflow"
THEME = Path(wikimooc.theme.__file__).parent
OURS = [THEME / "forum" / "templates" / name
        for name in ("forum.pt", "forum_macros.pt", "question.pt", "unsubscribe.pt",
                     "forum_viewlet.pt")]
OURS += [THEME / "certificates" / "templates" / name
         for name in ("certificates.pt", "certificate_viewlet.pt", "verify.pt")]
CATALOGUES = [Path(package.__file__).parent / "locales" / "fr" / "LC_MESSAGES" / "wikimooc.po"
              for package in (wikimooc.policy, wikimooc.theme)]
STRING = r'"(?:[^"\\]|\\.)*"'
NAMED = re.compile(r'<(\w+)[^>]*i18n:name="(\w+)"[^>]*?(?:/>|>.*?</\1>)', re.S)


def template_messages():
    found = set()
    for template in OURS:
        source = template.read_text()
        for match in re.finditer(
            r'i18n:translate=""\s*>((?:(?!i18n:translate).)*?)'
            r'</(span|a|p|h1|h2|button|label|option|th|dt|strong)>',
            source, re.S,
        ):
            found.add(" ".join(
                NAMED.sub(lambda named: "${" + named.group(2) + "}", match.group(1)).split()
            ))
        found.update(re.findall(r'i18n:attributes="placeholder" placeholder="([^"]+)"', source))
    return found


def catalogue():
    text = "\n".join(catalogue.read_text() for catalogue in CATALOGUES)
    pairs = re.findall(rf"^msgid ({STRING})\nmsgstr ({STRING})$", text, re.M)
    return {ast.literal_eval(msgid): ast.literal_eval(msgstr) for msgid, msgstr in pairs}


def test_template_messages_are_found():
    assert {
        "Forum of ${session}", "Questions and answers (${count})", "Reason for hiding"
    } <= template_messages()


@pytest.mark.parametrize("message", sorted(template_messages()))
def test_template_message_in_french(message):
    assert catalogue().get(message), f"no French for {message!r}"


@pytest.mark.parametrize(
    "kind, item_id",
    [("workflow", WORKFLOW), ("states", "visible"), ("states", "hidden"),
     ("transitions", "hide"), ("transitions", "show")],
)
def test_the_forum_post_workflow_in_french(portal, kind, item_id):
    workflow = portal.portal_workflow[WORKFLOW]
    item = workflow if kind == "workflow" else getattr(workflow, kind)[item_id]
    french = translate(item.title, domain="plone", target_language="fr")
    assert item.title and french and french != item.title


def test_a_french_sessions_forum_page(french_session, client):
    html = html_client(client, "ada").get("/fr/intro/printemps/@@forum").text
    assert "Forum de <bdi>Printemps</bdi>" in html and "Poser une question" in html
    refused = client("dan").post("/fr/intro/printemps/@forum", json={"title": "T", "text": "t"})
    assert refused.json()["error"]["message"] == (
        "Seul·es les apprenant·es et enseignant·es de la session peuvent écrire dans son forum."
    )
