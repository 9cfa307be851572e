"""Certificates for names and titles in every script: each is written in a font of
its script from the registry (``wikimooc.certificate_fonts``, Debian's Noto and
Droid fonts by default), Arabic shaped (its letters joined: the PDF holds their
contextual forms) and in right-to-left order; where the registry has no font for a
script, the certificate names the missing font instead of printing boxes."""

from io import BytesIO
from plone import api
from pypdf import PdfReader
from wikimooc.policy.certificates.document import certificate_pdf
from wikimooc.policy.certificates.fonts import CertificateFonts
from wikimooc.policy.certificates.fonts import DEFAULT_FONTS
from wikimooc.policy.certificates.fonts import script_of
from wikimooc.policy.certificates.issuing import issue
from wikimooc.policy.certificates.storage import Certificate
from wikimooc.policy.enrollment import add_learners

import os
import pytest
import transaction
import unicodedata


NOWHERE = "/nowhere/fonts/"
SESSION = "/en/intro/public-session"


def certificate(name, course="Wikipedia 101", language="en", **values):
    return Certificate(**{
        "code": "Sc_1", "session_uid": "uid", "wiki_username": name, "user_id": None,
        "name": name, "course": course, "session": "Spring", "start": "2027-03-01",
        "end": "2027-04-30", "organisation": "Wikimedia", "language": language,
        "wiki": "ar.wikipedia.org", "exercises": (course,), "pages": (f"User:{name}/Draft",),
        "issued": "2027-05-02T09:00:00+00:00", "revocation": None, **values,
    })


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def embedded_fonts(content):
    page = PdfReader(BytesIO(content)).pages[0]
    return {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}


def readable(text):
    """What a reader reads: contextual forms (shaped Arabic) as their letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def drawn(text, script):
    """Right-to-left words as the PDF draws them, left to right: pypdf reads them in
    that order."""
    return " ".join(reversed(text.split())) if script in RIGHT_TO_LEFT else text


RIGHT_TO_LEFT = {"arabic", "hebrew"}


# (script, a name in it, a course title in it, the font file that must be embedded)
SCRIPTS = [
    ("arabic", "عمر الخيام", "مدخل إلى ويكيبيديا", "NotoNaskhArabic-Regular.ttf"),
    ("cyrillic", "Жанна Петрова", "Введение в Википедию", "NotoSans-Regular.ttf"),
    ("greek", "Ελένη Παππά", "Εισαγωγή στη Βικιπαίδεια", "NotoSans-Regular.ttf"),
    ("devanagari", "अमित शर्मा", "हिन्दी विकिपीडिया", "NotoSansDevanagari-Regular.ttf"),
    ("han", "李小龙", "维基百科入门", "DroidSansFallbackFull.ttf"),
    ("hebrew", "דוד לוי", "מבוא לויקיפדיה", "NotoSansHebrew-Regular.ttf"),
    ("hangul", "김민수", "위키백과 입문", "NanumGothic.ttf"),
]


def test_the_default_fonts_are_installed():
    """Debian's fonts-noto-core, fonts-droid-fallback and fonts-nanum (.ci/run
    installs them)."""
    missing = sorted({path for path in DEFAULT_FONTS.values() if not os.path.isfile(path)})
    assert not missing


@pytest.mark.parametrize("script, name, course, font_file", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_a_name_and_a_course_in_every_script(portal, script, name, course, font_file):
    assert {script_of(char) for char in name if not char.isspace()} == {script}
    content = certificate_pdf(certificate(name, course), "https://example.org/v")
    text = readable(pdf_text(content))
    assert "missing" not in text and "no font" not in text
    assert drawn(name, script) in text
    assert drawn(course, script) in text
    assert f"wiki username {drawn(name, script)} on ar.wikipedia.org" in text
    # Where a word changes font the certificate breaks it with a space too small to
    # be seen (0.1 pt), which text extraction reads as a space.
    assert f"User:{drawn(name, script)}/Draft".replace(" ", "") in text.replace(" ", "")
    [face] = [face for face in CertificateFonts().faces.values()
              if face.font.face.filename.endswith(font_file)]
    font_name = face.font.face.name.decode() if isinstance(face.font.face.name, bytes) \
        else face.font.face.name
    assert any(embedded.endswith("+" + font_name) for embedded in embedded_fonts(content))


def test_arabic_is_shaped_and_right_to_left(portal):
    """Shaped: the letters of عمر are its initial, medial and final forms (U+FExx),
    not the isolated letters; right to left: of the two words, the first is read
    first from the right, so it comes out of the PDF last."""
    raw = pdf_text(certificate_pdf(certificate("عمر الخيام"), "https://example.org/v"))
    assert "\ufecb\ufee4\ufeae" in raw  # ﻋﻤﺮ: ain initial, meem medial, reh final
    assert "عمر" not in raw
    assert "الخيام عمر" in readable(raw)


def test_a_name_mixing_scripts_keeps_each_in_its_font(portal):
    content = certificate_pdf(certificate("Ada عمر 李"), "https://example.org/v")
    assert "Ada عمر 李" in readable(pdf_text(content))
    assert "User:Adaعمر李/Draft" in readable(pdf_text(content)).replace(" ", "")
    assert len(embedded_fonts(content)) >= 3


# Devanagari words that are drawn in another order than they are written, or with
# glyphs of no character (policy/certificates/shaping.py): each reads back as written.
DEVANAGARI = [
    ("a pre-base vowel sign", "किताब"),
    ("pre-base signs and a conjunct", "हिन्दी"),
    ("three pre-base signs", "विकिपीडिया"),
    ("a reph", "कर्म"),
    ("a conjunct with a reph-less ra", "श्रीमती"),
    ("two conjuncts and a pre-base sign", "क्षत्रिय"),
    ("a pre-base sign after a conjunct", "प्रिया"),
    ("a nukta and a pre-base sign", "ज़िंदगी"),
]


@pytest.mark.parametrize("what, word", DEVANAGARI, ids=[row[0] for row in DEVANAGARI])
def test_devanagari_reads_back_as_written(portal, what, word):
    """In the name (bold) and in a page title (regular)."""
    content = certificate_pdf(certificate(word, course=f"{word} 101"), "https://example.org/v")
    text = pdf_text(content)
    assert word in [line.strip() for line in text.splitlines()]  # the name's own line
    assert f"User:{word}/Draft" in text.replace(" ", "")
    assert not any("\ue000" <= char <= "\uf8ff" for char in text)


def test_the_same_glyph_reads_as_each_word_has_it(portal):
    """The vowel sign of "कि" is drawn first in both words; it reads as क in one,
    as the sign after क in the other."""
    text = pdf_text(certificate_pdf(certificate("किताब", course="किकि"), "https://example.org/v"))
    assert "किताब" in text and "किकि" in text


@pytest.fixture
def fonts_nowhere(portal):
    """The registry names files that are not there, and no font for Han."""
    record = "wikimooc.certificate_fonts"
    kept = api.portal.get_registry_record(record)
    api.portal.set_registry_record(record, {
        "latin": NOWHERE + "NotoSans-Regular.ttf", "arabic": NOWHERE + "NotoNaskhArabic.ttf",
    })
    yield
    api.portal.set_registry_record(record, kept)


def test_a_missing_font_is_named_instead_of_boxes(fonts_nowhere):
    text = readable(pdf_text(
        certificate_pdf(certificate("عمر", course="李小龙"), "https://example.org/v")
    ))
    assert f"[the font for arabic is missing: {NOWHERE}NotoNaskhArabic.ttf]" in text
    assert "[no font for han]" in text
    assert "عمر" not in text and "李" not in text
    # Latin text falls back on reportlab's own Vera.
    assert "Certificate of completion" in text and "on ar.wikipedia.org" in text


def test_in_french_the_missing_font_is_named_in_french(fonts_nowhere):
    text = readable(pdf_text(
        certificate_pdf(certificate("عمر", language="fr"), "https://example.org/v")
    ))
    assert f"[la police pour arabic manque : {NOWHERE}NotoNaskhArabic.ttf]" in text


def test_the_missing_fonts_of_a_name(portal):
    fonts = CertificateFonts({"latin": DEFAULT_FONTS["latin"], "arabic": NOWHERE + "A.ttf"})
    assert [tuple(missing) for missing in fonts.missing("Ada عمر 李")] == [
        ("arabic", NOWHERE + "A.ttf"), ("han", None),
    ]
    assert fonts.missing("Ada Ελένη Жанна 12") == []


@pytest.mark.parametrize("char, script", [
    ("A", "latin"), ("é", "latin"), ("Ж", "cyrillic"), ("λ", "greek"), ("ع", "arabic"),
    ("\u064e", "arabic"),  # fatha, a mark
    ("ि", "devanagari"), ("李", "han"), ("か", "hiragana"), ("カ", "katakana"),
    ("한", "hangul"), ("1", None), ("٣", None), ("،", None), (" ", None),
])
def test_the_script_of_a_character(char, script):
    assert script_of(char) == script


def test_the_upgrade_adds_the_record(portal):
    from plone.registry.interfaces import IRegistry
    from wikimooc.policy.upgrades.v20261203250 import upgrade
    from zope.component import getUtility

    registry = getUtility(IRegistry)
    del registry.records["wikimooc.certificate_fonts"]
    upgrade(None)
    assert registry["wikimooc.certificate_fonts"] == DEFAULT_FONTS
    transaction.abort()


def test_the_teaching_teams_page_says_which_font_is_missing(certified, client):
    """The same registry pointing nowhere, on the site the pages are served from."""
    session = certified["session"]
    with api.env.adopt_roles(["Manager"]):
        add_learners(session, ["عمر"], added_by="teacher")
        issue(session, session.enrollments.learners["عمر"], (), ())
        api.portal.set_registry_record("wikimooc.certificate_fonts", {
            "latin": DEFAULT_FONTS["latin"], "arabic": NOWHERE + "NotoNaskhArabic.ttf",
        })
    transaction.commit()
    teacher = client("teacher")
    teacher.session.headers["Accept"] = "text/html"
    page = teacher.get(SESSION + "/@@certificates").text
    assert "The certificate needs fonts this site lacks: arabic" \
        f" ({NOWHERE}NotoNaskhArabic.ttf)." in page
    with api.env.adopt_roles(["Manager"]):
        api.portal.set_registry_record("wikimooc.certificate_fonts", DEFAULT_FONTS)
    transaction.commit()
    assert "needs fonts" not in teacher.get(SESSION + "/@@certificates").text
