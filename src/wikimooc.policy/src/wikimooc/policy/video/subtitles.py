"""Subtitles (SubRip and WebVTT, as TimedText pages and PeerTube hold them) read
laxly into cues, each cue's text plain (see text.py); and written back out as the
WebVTT the player's tracks load and the plain transcript learners download."""

from wikimooc.policy.video.text import plain_text

import re


TIMING = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})"
)
MAX_CUES = 5000
MAX_CUE_LENGTH = 500


def seconds(timestamp):
    parts = timestamp.replace(",", ".").split(":")
    total = 0.0
    for part in parts:
        total = total * 60 + float(part)
    return round(total, 3)


def read_cues(text):
    """[(start, end, text)] of the SubRip or WebVTT ``text``, in time order; cues
    without text or with an end before their start are left out."""
    if not isinstance(text, str):
        return []
    cues = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    while index < len(lines) and len(cues) < MAX_CUES:
        timing = TIMING.match(lines[index])
        index += 1
        if not timing:
            continue
        body = []
        while index < len(lines) and lines[index].strip():
            body.append(lines[index])
            index += 1
        start, end = seconds(timing.group(1)), seconds(timing.group(2))
        words = plain_text(" ".join(body), MAX_CUE_LENGTH)
        if words and end >= start:
            cues.append((start, end, words))
    return sorted(cues)


def timestamp(value, separator="."):
    milliseconds = round(value * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, thousandths = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{thousandths:03d}"


def escaped(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_webvtt(cues):
    """WebVTT whose cue texts are plain: no markup can come through."""
    blocks = [f"{timestamp(start)} --> {timestamp(end)}\n{escaped(words)}"
              for start, end, words in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def as_transcript(title, cues):
    """The transcript as plain text: the title, then one line per cue."""
    lines = [title, ""] if title else []
    lines.extend(f"[{timestamp(start)[:8]}] {words}" for start, _end, words in cues)
    return "\n".join(lines) + "\n"
