"""A certificate as a PDF (reportlab), in the session's language, rendered from what
the certificate recorded when it was issued: the same certificate always gives the
same text. The verification address is given by the caller, which knows the
address the site is reached at."""

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from wikimooc.policy import _
from wikimooc.policy.certificates.fonts import CertificateFonts
from wikimooc.policy.readable import long_day
from wikimooc.policy.wikis import page_url
from xml.sax.saxutils import escape
from zope.i18n import translate
from zope.i18nmessageid import Message

import io
import re


LINK_COLOUR = "#3366cc"  # Wikimedia's link blue
# Placeholders a message is translated with, before its values are put in: the
# message's own text and each value are written in the fonts of their scripts.
PLACEHOLDER = re.compile("\x00([a-z]+)\x00")


class Markup(str):
    """Text that is reportlab markup already."""


STYLE_SIZES = {
    # name: (size, bold, centred, colour, space after, space before)
    "organisation": (12, False, True, "#54595d", 3, 0),
    "title": (26, True, True, "#000000", 14, 0),
    "text": (12, False, True, "#000000", 3, 0),
    "name": (20, True, True, "#000000", 6, 0),
    "course": (16, True, True, "#000000", 6, 0),
    "heading": (13, True, False, "#000000", 4, 8),
    "item": (10, False, False, "#000000", 1, 0),
    "small": (9, False, False, "#000000", 3, 0),
    "revoked": (14, True, True, "#d73333", 3, 0),
}


def styles(base):
    """The certificate's paragraph styles on the base face; shaping (uharfbuzz) joins
    Arabic letters and orders Devanagari's vowel signs."""
    return {
        name: ParagraphStyle(
            name,
            fontName=base.bold if bold else base.regular,
            fontSize=size,
            leading=size * 1.3,
            alignment=TA_CENTER if centred else 0,
            textColor=colors.HexColor(colour),
            spaceAfter=after,
            spaceBefore=before,
            shaping=1,
        )
        for name, (size, bold, centred, colour, after, before) in STYLE_SIZES.items()
    }


def link(url, markup):
    return f'<a href="{escape(url, {chr(34): "&quot;"})}" color="{LINK_COLOUR}">{markup}</a>'


def missing_fonts(certificate, fonts=None):
    """The fonts the names and titles of ``certificate`` need that are not there."""
    fonts = fonts or CertificateFonts()
    texts = (certificate.name, certificate.wiki_username, certificate.course,
             certificate.session, certificate.organisation, *certificate.exercises,
             *(title for _wiki, titles in certificate.work() for title in titles))
    return fonts.missing(" ".join(texts))


def certificate_pdf(certificate, verify_url, fonts=None):
    """``fonts``: a CertificateFonts, else the registry's."""
    fonts = fonts or CertificateFonts()
    language = certificate.language
    paragraph_styles = styles(fonts.base)

    def missing_font(missing):
        if missing.path:
            notice = _("[the font for ${script} is missing: ${path}]",
                       mapping={"script": missing.script, "path": missing.path})
        else:
            notice = _("[no font for ${script}]", mapping={"script": missing.script})
        return escape(translate(notice, target_language=language))

    def written(value, bold=False):
        return value if isinstance(value, Markup) else fonts.markup(
            str(value), bold=bold, notice=missing_font)

    def text(message, bold=False, **values):
        """The message in the certificate's language, its own text and its values
        (unless they are Markup already) in the fonts of their scripts."""
        translated = translate(
            Message(message, mapping={key: f"\x00{key}\x00" for key in values}),
            target_language=language,
        )
        pieces = PLACEHOLDER.split(translated)
        return "".join(
            written(values[piece], bold) if index % 2 else written(piece, bold)
            for index, piece in enumerate(pieces)
        )

    def paragraph(markup, style_name):
        return Paragraph(markup, paragraph_styles[style_name])

    def bullets(items):
        return ListFlowable(
            [paragraph(item, "item") for item in items],
            bulletType="bullet", bulletFontName=fonts.base.regular, bulletFontSize=8,
            leftIndent=12,
        )

    start, end = (long_day(day, language) for day in (certificate.start, certificate.end))
    story = [
        paragraph(written(certificate.organisation), "organisation"),
        paragraph(text(_("Certificate of completion"), bold=True), "title"),
        paragraph(text(_("This certifies that")), "text"),
        paragraph(written(certificate.name, bold=True), "name"),
        paragraph(text(_("wiki username ${username} on ${wiki}"),
                       username=certificate.wiki_username, wiki=certificate.wiki), "text"),
        paragraph(text(_("has completed the course")), "text"),
        paragraph(written(certificate.course, bold=True), "course"),
        paragraph(text(_("session “${session}”, from ${start} to ${end}"),
                       session=certificate.session, start=start, end=end), "text"),
        paragraph(text(_("A course by ${organisation}"), organisation=certificate.organisation),
                  "text"),
    ]
    if certificate.revocation is not None:
        story.append(paragraph(
            text(_("This certificate was revoked on ${date}."),
                 bold=True, date=long_day(certificate.revocation.when, language)), "revoked"))
    story.append(Spacer(1, 8 * mm))
    if certificate.exercises:
        story += [paragraph(text(_("Exercises completed"), bold=True), "heading"),
                  bullets([written(title) for title in certificate.exercises])]
    for wiki, titles in certificate.work():
        story += [paragraph(text(_("Work on ${wiki}"), bold=True, wiki=wiki), "heading"),
                  bullets([link(page_url(wiki, title), written(title)) for title in titles])]
    story += [
        Spacer(1, 8 * mm),
        paragraph(text(_("Issued on ${date}. Certificate ${code}."),
                       date=long_day(certificate.issued, language), code=certificate.code),
                  "small"),
        paragraph(text(_("Anyone can verify this certificate at ${url}"),
                       url=Markup(link(verify_url, escape(verify_url)))), "small"),
    ]
    output = io.BytesIO()
    SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
        title=translate(_("Certificate of completion"), target_language=language),
        author=certificate.organisation,
        subject=certificate.course,
        creator="WikiMOOC",
    ).build(story)
    return output.getvalue()
