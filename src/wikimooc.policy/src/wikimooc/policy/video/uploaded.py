"""Subtitle tracks uploaded for a lesson's videos, by its authors or brought by an
Open edX import: SubRip (.srt) files, hostile input read strictly (size, UTF-8, every
block a cue), kept as plain-text cues in an annotation of the lesson by video line
and language. They join the tracks the video's host lists; an uploaded track
replaces the host's in the same language."""

from persistent.mapping import PersistentMapping
from wikimooc.policy import _
from wikimooc.policy.video.cache import playable
from wikimooc.policy.video.sources import VideoRefused
from wikimooc.policy.video.subtitles import read_cues
from wikimooc.policy.video.subtitles import timestamp
from wikimooc.policy.video.subtitles import TIMING
from wikimooc.policy.video.text import language_code
from wikimooc.workflows.annotations import annotation

import re


TRACKS_ANNOTATION = "wikimooc.policy.video.uploaded"
MAX_TRACK_BYTES = 512 * 1024
INDEX_LINE = re.compile(r"^\s*\d+\s*$")


def read_srt(data):
    """The cues of the SubRip file ``data`` (bytes); VideoRefused (400) when it is
    too big, not UTF-8 text, or not SubRip (a block that is not a cue, no cue)."""
    if not isinstance(data, bytes) or not data.strip():
        raise VideoRefused(400, _("Choose a subtitle file (.srt)."))
    if len(data) > MAX_TRACK_BYTES:
        raise VideoRefused(400, _("A subtitle file holds at most ${size} KB.",
                                  mapping={"size": MAX_TRACK_BYTES // 1024}))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise VideoRefused(400, _("This subtitle file is not UTF-8 text: save it as UTF-8"
                                  " and send it again."))
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    for number, block in enumerate(blocks, start=1):
        lines = block.strip("\n").split("\n")
        if INDEX_LINE.match(lines[0]) and len(lines) > 1:
            lines = lines[1:]
        if not TIMING.match(lines[0]):
            raise VideoRefused(400, _(
                "This is not a SubRip (.srt) file: subtitle ${number} has no timing line"
                " (00:00:01,000 --> 00:00:04,000).", mapping={"number": number}))
    cues = read_cues(text)
    if not cues:
        raise VideoRefused(400, _("This subtitle file holds no subtitle."))
    return cues


def as_srt(cues):
    """SubRip of ``cues``, as Open edX keeps transcripts."""
    blocks = [f"{number}\n{timestamp(start, ',')} --> {timestamp(end, ',')}\n{words}"
              for number, (start, end, words) in enumerate(cues, start=1)]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def stored_tracks(lesson, create=False):
    return annotation(lesson, TRACKS_ANNOTATION, PersistentMapping, create=create)


def store_track(lesson, line, lang, cues):
    """Keep ``cues`` as the ``lang`` track of the lesson's video ``line``."""
    code = language_code(lang)
    if not code:
        raise VideoRefused(400, _("Give the subtitles' language as a code (fr, en, pt-br)."))
    if line not in (lesson.videos or ()):
        raise VideoRefused(400, _("This lesson has no such video."))
    tracks = stored_tracks(lesson, create=True)
    by_language = dict(tracks.get(line, {}))
    by_language[code] = tuple((start, end, words) for start, end, words in cues)
    tracks[line] = by_language


def upload_track(lesson, line, lang, data):
    """An author's SubRip ``data``, read and kept; nothing is kept when it is refused."""
    cues = read_srt(data)
    if line in (lesson.videos or ()) and playable(line) is None:
        raise VideoRefused(400, _("This video is only linked from the lesson: it has no"
                                  " player to show subtitles in."))
    store_track(lesson, line, lang, cues)
    return language_code(lang)


def uploaded_tracks(lesson, line):
    """{lang: cues} uploaded for the lesson's video ``line``."""
    tracks = stored_tracks(lesson)
    return dict(tracks.get(line, {})) if tracks is not None else {}


def video_tracks(lesson, line, found):
    """The tracks of the video ``line`` (``found``: what its host said, or None):
    the host's, then the uploaded ones, an uploaded track replacing the host's."""
    uploaded = uploaded_tracks(lesson, line)
    tracks = [track for track in (found or {}).get("tracks", ())
              if track["lang"] not in uploaded]
    tracks += [{"lang": lang, "label": lang, "cues": [tuple(cue) for cue in cues],
                "uploaded": True} for lang, cues in sorted(uploaded.items())]
    return tracks
