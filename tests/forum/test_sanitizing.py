"""Posts keep only harmless HTML: no scripts, styles, event handlers or embedded
content; links only to web addresses, marked rel="nofollow ugc"."""

from html_pages import html_client
from wikimooc.policy.forum.sanitizing import clean_html
from wikimooc.policy.forum.sanitizing import html_to_text
from wikimooc.policy.forum.sanitizing import plain_text_to_html

import pytest


PUBLIC = "/en/intro/public-session"
ATTACK = (
    '<p onclick="steal()">Hello<script>alert("pwned")</script></p>'
    "<style>body{display:none}</style>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">click</a>'
    '<iframe src="https://evil.example"></iframe>'
    '<a href="https://en.wikipedia.org/wiki/WP:CITE" target="_blank">WP:CITE</a>'
)


@pytest.mark.parametrize(
    "given, kept",
    [
        ("<p>Hi <script>alert(1)</script></p>", "<p>Hi </p>"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>after", "after"),
        ("<style>p{color:red}</style><p style='color:red'>x</p>", "<p>x</p>"),
        ('<p onmouseover="alert(1)">x</p>', "<p>x</p>"),
        ('<a href="javascript:alert(1)">x</a>', "x"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "x"),
        ('<a href="https://example.org" onclick="y()">x</a>',
         '<a href="https://example.org" rel="nofollow ugc">x</a>'),
        ('<a href="http://example.org" rel="follow">x</a>',
         '<a href="http://example.org" rel="nofollow ugc">x</a>'),
        ("<svg onload=alert(1)><circle/></svg>", ""),
        ("<form action='/x'><input name=y></form>ok", "ok"),
        ("<ul><li><strong>a</strong> <em>b</em> <code>c</code></li></ul>",
         "<ul><li><strong>a</strong> <em>b</em> <code>c</code></li></ul>"),
        ("5 &lt; 6", "5 &lt; 6"),
    ],
)
def test_clean_html(given, kept):
    assert clean_html(given) == kept


def test_cleaning_twice_changes_nothing():
    once = clean_html(ATTACK)
    assert clean_html(once) == once


def test_plain_text_keeps_what_was_typed_and_links_addresses():
    html = plain_text_to_html(
        "Why does <ref> break?\nSee https://en.wikipedia.org/w/index.php?diff=12&oldid=3.\n\n"
        "<script>alert(1)</script>"
    )
    assert html == (
        "<p>Why does &lt;ref&gt; break?<br>See "
        '<a href="https://en.wikipedia.org/w/index.php?diff=12&amp;oldid=3" rel="nofollow ugc">'
        "https://en.wikipedia.org/w/index.php?diff=12&amp;oldid=3</a>.</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert html_to_text(html) == (
        "Why does <ref> break?\nSee https://en.wikipedia.org/w/index.php?diff=12&oldid=3.\n\n"
        "<script>alert(1)</script>"
    )


def test_rest_stores_and_returns_the_cleaned_text(forum, ask, client):
    created = ask("ada", title="<script>alert('title')</script>", text=ATTACK)
    assert created.status_code == 201
    text = created.json()["text"]
    for bad in ("<script", "<style", "onclick", "onerror", "javascript:", "<iframe", "<img"):
        assert bad not in text.lower()
    assert '<a href="https://en.wikipedia.org/wiki/WP:CITE" rel="nofollow ugc">WP:CITE</a>' in text
    assert client("bob").get(created.json()["@id"] + "/@answers").json()["text"] == text


def test_the_question_page_runs_no_script(forum, ask, client):
    url = ask("ada", title="<script>alert('title')</script>", text=ATTACK).json()["@id"]
    html = html_client(client, "bob").get(url).text
    assert "alert(&quot;pwned&quot;)" not in html and 'alert("pwned")' not in html
    assert "<script>alert('title')</script>" not in html
    assert "&lt;script&gt;alert(" in html  # the title, shown as the text it is
    assert 'rel="nofollow ugc">WP:CITE</a>' in html
    assert "onerror" not in html and "https://evil.example" not in html


def test_an_answer_edited_by_a_manager_is_cleaned_too(forum, asked, reply, client):
    answer = reply("bob", asked).json()["@id"]
    edited = client("manager").patch(answer, json={"text": "<p>ok</p><script>alert(1)</script>"})
    assert edited.status_code == 204
    (stored,) = client("ada").get(asked + "/@answers").json()["answers"]
    assert stored["text"] == "<p>ok</p>"
