"""The fonts of certificates: one TrueType file per script, from the registry record
``wikimooc.certificate_fonts`` (script → file). Each character of a name or a title
is written in the font of its script, else in the first font that has it; a
character no font has is not printed as a box but replaced by a notice naming the
font it needs.

The defaults are Debian's: fonts-noto-core (Noto Sans for Latin, Greek and
Cyrillic; Noto Naskh Arabic, Noto Sans Hebrew, Noto Sans Devanagari),
fonts-droid-fallback for Chinese and Japanese (Debian's Noto CJK fonts are
OpenType/CFF, which reportlab cannot embed) and fonts-nanum for Korean. The bold
face of a file is the file of the same name with "Bold" for "Regular"
(NotoSans-Bold.ttf), or "Bold" added (NanumGothicBold.ttf), where there is one."""

from plone import api
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError
from typing import NamedTuple
from wikimooc.policy.certificates import shaping
from wikimooc.policy.certificates.shaping import TextFont
from xml.sax.saxutils import escape

import hashlib
import os
import unicodedata


shaping.install()

NOTO = "/usr/share/fonts/truetype/noto/"
DROID_FALLBACK = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
DEFAULT_FONTS = {
    "latin": NOTO + "NotoSans-Regular.ttf",
    "greek": NOTO + "NotoSans-Regular.ttf",
    "cyrillic": NOTO + "NotoSans-Regular.ttf",
    "arabic": NOTO + "NotoNaskhArabic-Regular.ttf",
    "hebrew": NOTO + "NotoSansHebrew-Regular.ttf",
    "devanagari": NOTO + "NotoSansDevanagari-Regular.ttf",
    "han": DROID_FALLBACK,
    "hiragana": DROID_FALLBACK,
    "katakana": DROID_FALLBACK,
    "hangul": "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
}
# The first word of a character's Unicode name that is not its script's name.
SCRIPT_ALIASES = {"cjk": "han", "ideographic": "han"}
# Written in the base font (the one of "latin"): reportlab's own Vera when that
# file is missing too, so that the rest of a certificate is always printed.
VERA = ("Vera.ttf", "VeraBd.ttf")
FONT_PREFIX = "WikiMOOC-"
# Where the font changes inside a word ("User:عمر"): reportlab shapes a word in the
# font of its first letter, which would draw the others as boxes; a space too small
# to be seen makes two words of it.
WORD_BREAK = '<font size="0.1"> </font>'


class MissingFont(NamedTuple):
    script: str
    path: str | None  # the registry's file that is not there, or None: no font named


class Face(NamedTuple):
    regular: str
    bold: str
    font: TextFont


def script_of(char):
    """"arabic", "cyrillic", "han"…; None for digits, punctuation, symbols and spaces."""
    if unicodedata.category(char)[0] not in "LM":
        return None
    first = unicodedata.name(char, "").split(" ", 1)[0].lower()
    return SCRIPT_ALIASES.get(first, first) or None


def bold_path(path):
    stem, extension = os.path.splitext(path)
    for bold in (path.replace("-Regular.", "-Bold."), stem + "Bold" + extension):
        if bold != path and os.path.exists(bold):
            return bold
    return path


def configured_fonts():
    found = api.portal.get_registry_record("wikimooc.certificate_fonts", default=None)
    return DEFAULT_FONTS if found is None else dict(found)


class CertificateFonts:
    """The faces of the registry's fonts that can be read, registered with reportlab
    once per file."""

    def __init__(self, fonts=None):
        self.paths = configured_fonts() if fonts is None else dict(fonts)
        self.faces = {}
        for path in dict.fromkeys(self.paths.values()):
            face = load_face(path)
            if face is not None:
                self.faces[path] = face
        base = self.faces.get(self.paths.get("latin"))
        self.base = base or Face(*register_pair("Vera", *VERA))

    def face_for(self, char):
        """The face to write ``char`` in, or a MissingFont."""
        script = script_of(char)
        path = self.paths.get(script)
        own = self.faces.get(path)
        if own is not None and covers(own, char):
            return own
        for face in (self.base, *self.faces.values()):
            if covers(face, char):
                return face
        return MissingFont(script or f"U+{ord(char):04X}", path if own is None else None)

    def missing(self, text):
        """The fonts ``text`` needs that are not there, once each."""
        found = (self.face_for(char) for char in text if not char.isspace())
        return list(dict.fromkeys(face for face in found if isinstance(face, MissingFont)))

    def markup(self, text, notice, bold=False):
        """``text`` escaped as reportlab markup, each run in its face; a run no face has
        becomes ``notice(missing_font)`` (markup)."""
        pieces = []
        previous = None
        for face, run in self.runs(text):
            drawn_in = self.base if isinstance(face, MissingFont) else face
            if previous and previous[0] != drawn_in \
                    and not previous[1][-1:].isspace() and not run[:1].isspace():
                pieces.append(WORD_BREAK)
            previous = (drawn_in, run)
            if isinstance(face, MissingFont):
                pieces.append(notice(face))
            else:
                name = face.bold if bold else face.regular
                pieces.append(f'<font name="{name}">{escape(run)}</font>')
        return "".join(pieces)

    def runs(self, text):
        """(face, text) of the stretches of ``text`` written in one face; spaces,
        digits and punctuation stay in the run they are in."""
        runs = []
        for char in text:
            current = runs[-1][0] if runs else None
            goes_on = isinstance(current, Face) and self.goes_on(current, char)
            face = current if goes_on else self.face_for(char)
            if runs and runs[-1][0] == face:
                runs[-1][1].append(char)
            else:
                runs.append((face, [char]))
        pieces = []
        for index, (face, chars) in enumerate(runs):
            run = "".join(chars)
            kept = run.rstrip()
            # A space between two scripts goes with neither: in a right-to-left run it
            # would be drawn on the run's other side.
            if face != self.base and kept != run and index + 1 < len(runs):
                pieces += [(face, kept), (self.base, run[len(kept):])]
            else:
                pieces.append((face, run))
        return pieces

    def goes_on(self, face, char):
        """Spaces, digits, punctuation and the marks of no script of the registry
        stay in the run they are in."""
        return char.isspace() or (self.paths.get(script_of(char)) is None and covers(face, char))


def covers(face, char):
    return ord(char) in face.font.face.charToGlyph


def load_face(path):
    if not path or not os.path.isfile(path):
        return None
    # The same file name may be in two folders (a test's registry, a site's own).
    name = FONT_PREFIX + hashlib.sha1(path.encode("utf-8")).hexdigest()[:12]
    try:
        return Face(*register_pair(name, path, bold_path(path)))
    except TTFError:
        return None


def register_pair(name, regular_path, bold_path_):
    registered = pdfmetrics.getRegisteredFontNames()
    bold_name = name + "-Bold"
    if name not in registered:
        pdfmetrics.registerFont(TextFont(name, regular_path))
    if bold_name not in registered:
        pdfmetrics.registerFont(TextFont(bold_name, bold_path_))
    return name, bold_name, pdfmetrics.getFont(name)
