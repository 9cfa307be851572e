"""Text from video hosts is untrusted: it is kept as plain text, and subtitles are
read laxly and written back out without any markup."""

from wikimooc.policy.video.subtitles import as_transcript
from wikimooc.policy.video.subtitles import as_webvtt
from wikimooc.policy.video.subtitles import read_cues
from wikimooc.policy.video.text import language_code
from wikimooc.policy.video.text import plain_text
from wikimooc.policy.video.text import safe_url

import pytest


@pytest.mark.parametrize(
    "value, text",
    [
        ('<a href="//commons.wikimedia.org/wiki/User:Ada">Ada</a>', "Ada"),
        ("Ada <script>alert(1)</script>Lovelace", "Ada Lovelace"),
        ("Ada <style>body{display:none}</style>", "Ada"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Grace", "Grace"),
        ("Line\u202eone\x00\ttwo\n", "Lineone two"),
        ("<img src=x onerror=alert(1)>", ""),
        (42, ""),
        (None, ""),
        ("x" * 400, "x" * 300),
    ],
)
def test_plain_text(value, text):
    assert plain_text(value) == text


@pytest.mark.parametrize(
    "value, url",
    [("https://commons.wikimedia.org/wiki/File:A.webm", "https://commons.wikimedia.org/wiki/File:A.webm"),
     ("javascript:alert(1)", ""), ('https://x.org/"onmouseover=1', ""), (None, "")],
)
def test_safe_url(value, url):
    assert safe_url(value) == url


@pytest.mark.parametrize("value, code", [("fr", "fr"), ("pt-BR", "pt-br"), ("../x", ""),
                                         ("fr.srt", ""), ("", "")])
def test_language_code(value, code):
    assert language_code(value) == code


@pytest.mark.parametrize(
    "text, cues",
    [
        ("1\n00:00:01,000 --> 00:00:02,500\nHello\nthere\n\n2\n00:00:03,000 --> 00:00:04,000\n"
         "<i>Bye</i>\n", [(1.0, 2.5, "Hello there"), (3.0, 4.0, "Bye")]),
        ("WEBVTT\n\n00:05.000 --> 00:06.000 align:start\nVTT cue\n",
         [(5.0, 6.0, "VTT cue")]),
        ("1\r\n01:00:00,000 --> 01:00:01,000\r\nAn hour in\r\n", [(3600.0, 3601.0, "An hour in")]),
        ("00:00:02,000 --> 00:00:01,000\nbackwards\n\n00:00:03,000 --> 00:00:04,000\n\n",
         []),  # an end before its start, a cue without text
        ("not subtitles at all", []),
        (None, []),
    ],
)
def test_read_cues(text, cues):
    assert read_cues(text) == cues


def test_webvtt_and_transcript_carry_no_markup():
    cues = read_cues("00:00:01,000 --> 00:00:02,000\nA &lt;b&gt; &amp; B\n")
    assert cues == [(1.0, 2.0, "A & B")]
    assert as_webvtt(cues) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA &amp; B\n"
    assert as_transcript("Title", cues) == "Title\n\n[00:00:01] A & B\n"
