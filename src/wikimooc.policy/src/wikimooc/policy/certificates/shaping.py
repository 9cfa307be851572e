"""Shaped text that reads back as what was written.

reportlab shapes a word with uharfbuzz and writes each glyph as a character code
whose ToUnicode entry (what a PDF reader copies or searches) is one character the
font's own table maps to that glyph, else a private-use character. Devanagari
loses letters on the way: a pre-base vowel sign (ि in "हिन्दी") is drawn before its
consonant, so it reads back before it, and the font draws it with a variant glyph
of no character, which reads back as a private-use character; half forms,
conjuncts (क्ष, न्द) and the reph of "कर्म" are glyphs of no character either.
pypdf reads no /ActualText, so the text has to be in the ToUnicode map.

Here each cluster HarfBuzz shapes (a consonant with its vowel signs, a conjunct)
that would not read back as its text has its glyphs written with codes of their
own, whose ToUnicode entries are the cluster's text in logical order: the first
glyph reads as the first character, and so on, the last glyph as the rest (a
conjunct of one glyph reads as all its letters). A code stands for a glyph and a
text, so the same glyph reads as "ह" in one word and "ि" in another. Clusters that
read back as their text, or as its compatibility forms (Arabic's contextual forms,
U+FExx), keep reportlab's codes.

reportlab gives no hook for it: its paragraphs call ``shapeFragWord``, which
``install()`` wraps for fonts of this module's TextFont only.
"""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import makeToUnicodeCMap
from reportlab.pdfbase.ttfonts import ShapedFragWord
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfbase.ttfonts import SUBSETN
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

import threading
import unicodedata


# The private-use codes reportlab gives glyphs of no character come from here too;
# each side skips the codes the font maps already.
PRIVATE_USE = range(0xE000, 0xF900)


class TextFont(TTFont):
    """A TrueType font whose glyphs may have codes that stand for a text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = {}  # (glyph, text) → code
        self.texts = {}  # code → text
        self.lock = threading.Lock()

    def code_for(self, glyph, text, width):
        with self.lock:
            code = self.codes.get((glyph, text))
            if code is None:
                face = self.face
                code = next(code for code in PRIVATE_USE if code not in face.charToGlyph)
                face.charToGlyph[code] = glyph
                face.charWidths[code] = width
                self.codes[(glyph, text)] = code
                self.texts[code] = text
            return code

    def addObjects(self, doc):
        """reportlab's objects, with the texts of this font's codes in the ToUnicode
        map of each subset that has them."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not self.texts.keys() & set(subset):
                continue
            name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            name = name.decode("pdfdoc")
            cmap = makeToUnicodeCMap(name, subset)
            for index, code in enumerate(subset):
                if code in self.texts:
                    cmap = cmap.replace(
                        f"<{index:02X}> <{code:04X}>",
                        f"<{index:02X}> <{self.texts[code].encode('utf-16-be').hex().upper()}>",
                    )
            doc.idToObject["toUnicodeCMap:" + name].content = cmap


def readable(text):
    return unicodedata.normalize("NFKC", text)


def word_text(word):
    """The text reportlab shaped for ``word`` (a frag word: [width, (frag, text)…])."""
    return "".join(text for frag, text in word[1:] if not hasattr(frag, "cbDefn"))


def cluster_pieces(logical, count, right_to_left):
    """What each of ``count`` glyphs (in drawing order) reads as, for a cluster whose
    text is ``logical``. pypdf reads a right-to-left word's glyphs from the right."""
    chars = list(logical[::-1] if right_to_left else logical)
    pieces = [chars[index] if index < len(chars) else "" for index in range(count - 1)]
    rest = "".join(chars[count - 1:])
    pieces.append(rest[::-1] if right_to_left else rest)
    return pieces


def keep_text(shaped, word):
    """``shaped``, with the codes of the clusters that would not read back as their
    text replaced by codes of TextFont that do."""
    text = word_text(word)
    glyphs = []  # (item, position, cluster, code, font)
    for item, part in enumerate(shaped[1:], 1):
        if not isinstance(part, tuple) or not isinstance(part[1], ShapedStr):
            continue
        font = pdfmetrics.getFont(part[0].fontName)
        if isinstance(font, TextFont):
            drawn = zip(part[1], part[1].__shapeData__, strict=True)
            glyphs.extend(
                (item, position, data.cluster, ord(char), font)
                for position, (char, data) in enumerate(drawn)
            )
    if not glyphs:
        return shaped
    starts = sorted({glyph[2] for glyph in glyphs})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    clusters = {}
    for glyph in glyphs:
        clusters.setdefault(glyph[2], []).append(glyph)
    right_to_left = glyphs[0][2] > glyphs[-1][2]
    codes = {}
    for start, members in clusters.items():
        logical = text[start:ends[start]]
        if readable("".join(chr(glyph[3]) for glyph in members)) == readable(logical):
            continue
        pieces = cluster_pieces(logical, len(members), right_to_left)
        for (item, position, _cluster, code, font), piece in zip(members, pieces, strict=True):
            face = font.face
            codes[item, position] = font.code_for(
                face.charToGlyph[code], piece, face.charWidths[code]
            )
    if not codes:
        return shaped
    parts = [shaped[0]]
    for item, part in enumerate(shaped[1:], 1):
        if any(key[0] == item for key in codes):
            old = part[1]
            new = "".join(chr(codes.get((item, position), ord(char)))
                          for position, char in enumerate(old))
            part = part.__class__((part[0], ShapedStr(new, shapeData=old.__shapeData__)))
        parts.append(part)
    return shaped.__class__(parts)


def shape_keeping_text(word, *args, **kwargs):
    shaped = ttfonts.shapeFragWord(word, *args, **kwargs)
    if shaped is word or not isinstance(shaped, ShapedFragWord):
        return shaped
    return keep_text(shaped, word)


def install():
    """reportlab's paragraphs shape words with ``shape_keeping_text``."""
    paragraph.shapeFragWord = shape_keeping_text
