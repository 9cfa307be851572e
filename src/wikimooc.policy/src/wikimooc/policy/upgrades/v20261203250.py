"""Certificates in every script: the record wikimooc.certificate_fonts (script →
TrueType file), written here as it was introduced, so that the step does not depend
on later schemas."""

from plone.registry import field
from plone.registry.interfaces import IRegistry
from plone.registry.record import Record
from zope.component import getUtility


INTERFACE = "wikimooc.policy.interfaces.IWikimoocSettings"
NAME = "certificate_fonts"
NOTO = "/usr/share/fonts/truetype/noto/"
DROID_FALLBACK = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
FONTS = {
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


def upgrade(setup_tool):
    registry = getUtility(IRegistry)
    if f"wikimooc.{NAME}" in registry.records:
        return
    # No default given here: plone.registry's Dict validates one before it knows its
    # key and value types.
    definition = field.Dict(
        title="Certificate fonts", key_type=field.TextLine(), value_type=field.TextLine(),
        required=False,
    )
    definition.interfaceName, definition.fieldName = INTERFACE, NAME
    registry.records[f"wikimooc.{NAME}"] = Record(definition, dict(FONTS))
