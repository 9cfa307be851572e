"""A certificate as a PDF (reportlab), in the session's language, rendered from what
the certificate recorded when it was issued: the same certificate always gives the
same text. The verification address is given by the caller, which knows the
address the site is reached at."""

from datetime import date
from datetime import datetime
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from wikimooc.policy import _
from wikimooc.policy.wikis import page_url
from xml.sax.saxutils import escape
from zope.i18n import translate
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales
from zope.i18nmessageid import Message

import io
import os


FONT = "WikiMOOC"
BOLD_FONT = "WikiMOOC-Bold"
# DejaVu Sans (Debian's fonts-dejavu-core) also covers Greek, Cyrillic, Armenian…;
# without it, Vera, which comes with reportlab, covers the Latin scripts.
DEJAVU = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
          "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
VERA = ("Vera.ttf", "VeraBd.ttf")
LINK_COLOUR = "#3366cc"  # Wikimedia's link blue


class Markup(str):
    """Text that is reportlab markup already."""


def register_fonts():
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = DEJAVU if all(map(os.path.exists, DEJAVU)) else VERA
    pdfmetrics.registerFont(TTFont(FONT, regular))
    pdfmetrics.registerFont(TTFont(BOLD_FONT, bold))


def style(name, size, bold=False, centred=True, colour=colors.black, space_after=3, space_before=0):
    return ParagraphStyle(
        name,
        fontName=BOLD_FONT if bold else FONT,
        fontSize=size,
        leading=size * 1.3,
        alignment=TA_CENTER if centred else 0,
        textColor=colour,
        spaceAfter=space_after,
        spaceBefore=space_before,
    )


STYLES = {
    "organisation": style("organisation", 12, colour=colors.HexColor("#54595d")),
    "title": style("title", 26, bold=True, space_after=14),
    "text": style("text", 12),
    "name": style("name", 20, bold=True, space_after=6),
    "course": style("course", 16, bold=True, space_after=6),
    "heading": style("heading", 13, bold=True, centred=False, space_after=4, space_before=8),
    "item": style("item", 10, centred=False, space_after=1),
    "small": style("small", 9, centred=False),
    "revoked": style("revoked", 14, bold=True, colour=colors.HexColor("#d73333")),
}


def long_date(iso, language):
    moment = datetime.fromisoformat(iso).date() if "T" in iso else date.fromisoformat(iso)
    try:
        formatter = locales.getLocale(language).dates.getFormatter("date", "long")
    except LoadLocaleError:
        return moment.isoformat()
    return formatter.format(moment)


def link(url, text):
    return f'<a href="{escape(url, {chr(34): "&quot;"})}" color="{LINK_COLOUR}">{escape(text)}</a>'


def certificate_pdf(certificate, verify_url):
    register_fonts()
    language = certificate.language

    def text(message, **values):
        """The message in the certificate's language, its values escaped for
        reportlab's markup unless they are Markup already."""
        mapping = {
            key: value if isinstance(value, Markup) else escape(str(value))
            for key, value in values.items()
        }
        return translate(Message(message, mapping=mapping), target_language=language)

    def paragraph(markup, style_name):
        return Paragraph(markup, STYLES[style_name])

    def bullets(items):
        return ListFlowable(
            [paragraph(item, "item") for item in items],
            bulletType="bullet", bulletFontName=FONT, bulletFontSize=8, leftIndent=12,
        )

    start, end = (long_date(day, language) for day in (certificate.start, certificate.end))
    story = [
        paragraph(escape(certificate.organisation), "organisation"),
        paragraph(text(_("Certificate of completion")), "title"),
        paragraph(text(_("This certifies that")), "text"),
        paragraph(escape(certificate.name), "name"),
        paragraph(text(_("wiki username ${username} on ${wiki}"),
                       username=certificate.wiki_username, wiki=certificate.wiki), "text"),
        paragraph(text(_("has completed the course")), "text"),
        paragraph(escape(certificate.course), "course"),
        paragraph(text(_("session “${session}”, from ${start} to ${end}"),
                       session=certificate.session, start=start, end=end), "text"),
        paragraph(text(_("A course by ${organisation}"), organisation=certificate.organisation),
                  "text"),
    ]
    if certificate.revocation is not None:
        story.append(paragraph(
            text(_("This certificate was revoked on ${date}."),
                 date=long_date(certificate.revocation.when, language)), "revoked"))
    story.append(Spacer(1, 8 * mm))
    if certificate.exercises:
        story += [paragraph(text(_("Exercises completed")), "heading"),
                  bullets([escape(title) for title in certificate.exercises])]
    if certificate.pages:
        story += [paragraph(text(_("Work on ${wiki}"), wiki=certificate.wiki), "heading"),
                  bullets([link(page_url(certificate.wiki, title), title)
                           for title in certificate.pages])]
    story += [
        Spacer(1, 8 * mm),
        paragraph(text(_("Issued on ${date}. Certificate ${code}."),
                       date=long_date(certificate.issued, language), code=certificate.code),
                  "small"),
        paragraph(text(_("Anyone can verify this certificate at ${url}"),
                       url=Markup(link(verify_url, verify_url))), "small"),
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
