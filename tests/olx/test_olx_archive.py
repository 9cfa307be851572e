"""Reading uploaded archives as hostile input: each refusal in a table."""

from olx_archives import full_course
from olx_archives import tar_gz
from wikimooc.policy.olx.archive import Limits
from wikimooc.policy.olx.archive import OlxRefused
from wikimooc.policy.olx.archive import parse_xml
from wikimooc.policy.olx.archive import read_archive
from wikimooc.policy.olx.reading import read_course

import io
import pytest
import tarfile


def member_archive(name, kind=tarfile.REGTYPE, data=b"x", linkname=""):
    """A .tar.gz holding a course.xml and one crafted member."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        course = b'<course url_name="r"/>'
        info = tarfile.TarInfo("course/course.xml")
        info.size = len(course)
        archive.addfile(info, io.BytesIO(course))
        info = tarfile.TarInfo(name)
        info.type = kind
        info.linkname = linkname
        info.size = len(data) if kind == tarfile.REGTYPE else 0
        archive.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    return buffer.getvalue()


HOSTILE = [
    ("parent", member_archive("course/../../etc/passwd"), "outside"),
    ("parent-middle", member_archive("course/static/../../x"), "outside"),
    ("absolute", member_archive("/etc/passwd"), "outside"),
    ("backslash", member_archive("course\\..\\x"), "outside"),
    ("drive", member_archive("C:/x"), "outside"),
    ("symlink", member_archive("course/static/a", tarfile.SYMTYPE, linkname="/etc/passwd"),
     "link"),
    ("hardlink", member_archive("course/static/b", tarfile.LNKTYPE, linkname="course/course.xml"),
     "link"),
    ("character-device", member_archive("course/dev", tarfile.CHRTYPE), "neither"),
    ("block-device", member_archive("course/blk", tarfile.BLKTYPE), "neither"),
    ("fifo", member_archive("course/fifo", tarfile.FIFOTYPE), "neither"),
    ("not-gzip", b"PK\x03\x04 a zip file", "not a .tar.gz"),
    ("truncated", tar_gz(full_course())[:200], "not a .tar.gz"),
    ("no-course", tar_gz({"readme.txt": "hello"}), "no course.xml"),
]


@pytest.mark.parametrize(("name", "data", "reason"), HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_archive_is_refused(name, data, reason):
    with pytest.raises(OlxRefused) as refused:
        read_archive(data, Limits())
    assert refused.value.status == 400
    assert reason in str(refused.value.message).lower()


@pytest.mark.parametrize(("limits", "refused"), [
    (Limits(files=3, bytes=10**9), True),
    (Limits(files=10**4, bytes=100), True),
    (Limits(files=10**4, bytes=10**9), False),
])
def test_limits_on_files_and_unpacked_bytes(limits, refused):
    data = tar_gz(full_course())
    if refused:
        with pytest.raises(OlxRefused, match="more than"):
            read_archive(data, limits)
    else:
        files = read_archive(data, limits)
        assert files["course.xml"].startswith(b"<course")
        assert "static/docs/guide.pdf" in files


def test_a_gzip_bomb_stops_at_the_byte_limit():
    """Ten times the limit of zeros, compressed to almost nothing: refused while
    reading, before it is all unpacked."""
    bomb = tar_gz({"course.xml": "<course/>", "static/zeros.bin": b"\0" * (10 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(OlxRefused, match="more than"):
        read_archive(bomb, Limits(files=100, bytes=1024 * 1024))


def test_paths_are_relative_to_the_folder_of_course_xml():
    files = read_archive(tar_gz({"course.xml": "<course/>", "static/a.txt": "a"},
                                top="export/course"), Limits())
    assert set(files) == {"course.xml", "static/a.txt"}


ENTITIES = [
    ("billion-laughs", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
     '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><course>&lol2;</course>'),
    ("external", '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     '<course>&x;</course>'),
    ("dtd", '<?xml version="1.0"?><!DOCTYPE course SYSTEM "http://127.0.0.1:9/x.dtd">'
     '<course/>'),
]


@pytest.mark.parametrize(("name", "xml"), ENTITIES, ids=[case[0] for case in ENTITIES])
def test_xml_with_entities_or_a_dtd_is_refused(name, xml):
    with pytest.raises(OlxRefused, match="entities or a DTD"):
        parse_xml(xml.encode(), "course.xml")


def test_broken_xml_is_refused_with_its_path():
    with pytest.raises(OlxRefused) as refused:
        parse_xml(b"<course><chapter></course>", "course/2027.xml")
    assert refused.value.message.mapping["path"] == "course/2027.xml"


def looping_course():
    return {"course.xml": '<course url_name="r"/>',
            "course/r.xml": '<course><chapter url_name="c"/></course>',
            "chapter/c.xml": '<chapter><sequential url_name="s"/></chapter>',
            "sequential/s.xml": '<sequential><vertical url_name="v"/></sequential>',
            "vertical/v.xml": '<vertical><vertical url_name="v"/></vertical>'}


def deep_course():
    nested = "<vertical>" * 50 + "<html><p>deep</p></html>" + "</vertical>" * 50
    return {"course.xml": '<course url_name="r"/>',
            "course/r.xml": f"<course><chapter><sequential>{nested}</sequential></chapter>"
                            "</course>"}


@pytest.mark.parametrize(("files", "reason"), [
    (looping_course(), "loops on itself"),
    (deep_course(), "nested more than"),
], ids=["loop", "deep"])
def test_courses_that_loop_or_nest_without_end_are_refused(files, reason):
    with pytest.raises(OlxRefused) as refused:
        read_course(read_archive(tar_gz(files), Limits()))
    assert reason in str(refused.value.message)
