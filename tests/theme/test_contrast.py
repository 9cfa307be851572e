"""Text colours of the theme against the backgrounds it puts them on, computed from
the Codex design tokens of the stylesheet Plone serves (WCAG AA: 4.5:1)."""

from pathlib import Path

import pytest
import re
import wikimooc.theme


STYLESHEET = Path(wikimooc.theme.__file__).parent / "static" / "wikimooc.css"

# (text, background) as styles/wikimooc.css combines them.
PAIRS = [
    ("color-base", "background-color-base"),  # text
    ("color-subtle", "background-color-base"),  # descriptions, meta
    ("color-placeholder", "background-color-base"),  # search placeholder
    ("color-progressive", "background-color-base"),  # links
    ("color-visited", "background-color-base"),  # visited links in content
    ("color-error", "background-color-base"),  # catalogue errors
    ("color-subtle", "background-color-neutral-subtle"),  # footer, badges
    ("color-progressive", "background-color-neutral-subtle"),  # footer links
    ("color-progressive", "background-color-progressive-subtle"),  # practice panel links
    ("color-base", "background-color-progressive-subtle"),  # practice panel text
    ("color-progressive--active", "background-color-progressive-subtle"),  # project tags
    ("color-base", "background-color-neutral"),  # audience tags
    ("color-inverted", "background-color-progressive"),  # primary buttons
    ("color-inverted", "background-color-progressive--hover"),
    ("color-base", "background-color-interactive-subtle"),  # other buttons
    ("color-base", "background-color-interactive"),
    ("color-success", "background-color-success-subtle"),  # "open" badge, done
    ("color-warning", "background-color-warning-subtle"),  # "private" badge
    ("color-base", "background-color-error-subtle"),  # error messages
]


def tokens():
    root = re.search(r":root \{(.*?)\}", STYLESHEET.read_text(), re.S).group(1)
    return dict(re.findall(r"--([a-z0-9-]+): (#[0-9a-f]{3,6});", root))


def rgb(colour):
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return [int(digits[index:index + 2], 16) for index in (0, 2, 4)]


def luminance(colour):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value) for value in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#36c", "#fff") == pytest.approx(5.37, abs=0.01)


@pytest.mark.parametrize("text, background", PAIRS)
def test_text_is_readable_on_its_background(text, background):
    colours = tokens()
    ratio = contrast(colours[text], colours[background])
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"
