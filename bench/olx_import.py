"""Open edX import benchmark: a large course (500 HTML components, 30 problems, 10
videos, 100 static files, about 20 MB) read and created as a draft course, next to
a baseline in the same run: the same content created as stock Plone items (a Folder
per section, a Document per subsection with the same HTML, a File or Image per
static file) with no archive to read.

    .venv/bin/python bench/olx_import.py [--html 500] [--static 100] [--static-kb 200]

It prints a table; it never passes or fails on a speed (the goal, under 60 s, is in
docs/performance.md). It exits with status 1 only when the course created is wrong
(a count that does not match the archive). It runs in-process on a real Zope and
Plone site over a temporary FileStorage (bench/load.py's write_zope_instance), as
the worker would: the whole creation in one transaction, committed at the end
(with a blob directory beside the FileStorage, where Files and Images go).
"""

from load import enter_zope
from load import machine_info
from load import step
from load import write_zope_instance

import argparse
import datetime
import io
import json
import os
import shutil
import sys
import tarfile
import tempfile
import time


SECTIONS = 10
SUBSECTIONS = 5  # per section: 50 subsections


def paragraph(number):
    return (f"<p>Paragraph {number} on <a href=\"/static/file{number % 100}.pdf\">the"
            f" guide</a>: " + "Wikipedia is an encyclopedia anyone can edit. " * 12 + "</p>")


PROBLEM = """<problem display_name="Question {n}" weight="1" max_attempts="2">
<multiplechoiceresponse><label>Which pillar is number {n}?</label>
<choicegroup type="MultipleChoice">
<choice correct="true">Neutral point of view<choicehint>Yes.</choicehint></choice>
<choice correct="false">Original research<choicehint>No.</choicehint></choice>
</choicegroup></multiplechoiceresponse>
<solution><p>See the five pillars.</p></solution>
<demandhint><hint>Think of neutrality.</hint></demandhint></problem>"""


def large_course(html_count, static_count, static_kb):
    """{path: bytes} of the course, and the archive (.tar.gz) of it."""
    files = {"course.xml": b'<course url_name="2027" org="WikiFr" course="BIG"/>'}
    chapters, html_number, problem_number, video_number = [], 0, 0, 0
    per_subsection = html_count // (SECTIONS * SUBSECTIONS)
    for section in range(SECTIONS):
        sequentials = []
        for subsection in range(SUBSECTIONS):
            name = f"s{section}-{subsection}"
            components = []
            for _each in range(per_subsection):
                html_number += 1
                files[f"html/h{html_number}.xml"] = (
                    f'<html filename="h{html_number}" display_name="Text {html_number}"/>'
                ).encode()
                files[f"html/h{html_number}.html"] = paragraph(html_number).encode()
                components.append(f'<html url_name="h{html_number}"/>')
            if problem_number < 30 and subsection % 5 in (0, 2, 4):
                problem_number += 1
                files[f"problem/p{problem_number}.xml"] = PROBLEM.format(
                    n=problem_number).encode()
                components.append(f'<problem url_name="p{problem_number}"/>')
            if video_number < 10 and subsection == 1:
                video_number += 1
                components.append(f'<video display_name="Video {video_number}"'
                                  f' youtube_id_1_0="dQw4w9WgXcQ"/>')
            files[f"sequential/{name}.xml"] = (
                f'<sequential display_name="Subsection {name}"><vertical display_name="Unit">'
                + "".join(components) + "</vertical></sequential>").encode()
            sequentials.append(f'<sequential url_name="{name}"/>')
        files[f"chapter/c{section}.xml"] = (
            f'<chapter display_name="Section {section}">' + "".join(sequentials)
            + "</chapter>").encode()
        chapters.append(f'<chapter url_name="c{section}"/>')
    files["course/2027.xml"] = ('<course display_name="Big course" language="en">'
                                + "".join(chapters) + "</course>").encode()
    for number in range(static_count):
        suffix = "png" if number % 4 == 0 else "pdf"
        files[f"static/file{number}.{suffix}"] = os.urandom(static_kb * 1024)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as archive:
        for path, data in files.items():
            info = tarfile.TarInfo(f"course/{path}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return files, buffer.getvalue(), (html_number, problem_number, video_number)


def baseline(site, plan, files):
    """The same content as stock Plone items, nothing read from an archive."""
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from plone.namedfile.file import NamedBlobFile
    from plone.namedfile.file import NamedBlobImage

    folder = api.content.create(container=site["en"], type="Folder", title="Baseline")
    for path in plan["files"]:
        name = path.rsplit("/", 1)[-1]
        if name.endswith(".png"):
            api.content.create(container=folder, type="Image", title=name,
                               image=NamedBlobImage(data=files[path], filename=name))
        else:
            api.content.create(container=folder, type="File", title=name,
                               file=NamedBlobFile(data=files[path], filename=name))
    for module in plan["modules"]:
        section = api.content.create(container=folder, type="Folder", title=module["title"])
        for subsection in module["subsections"]:
            lesson = subsection["lesson"]
            api.content.create(container=section, type="Document", title=lesson["title"],
                               text=RichTextValue(lesson["text"], "text/html",
                                                  "text/x-html-safe"))
    return folder


def count(container, portal_type):
    """The items of ``portal_type`` anywhere under ``container``."""
    found = 0
    for item in container.objectValues():
        found += item.portal_type == portal_type
        if hasattr(item, "objectValues"):
            found += count(item, portal_type)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=int, default=500)
    parser.add_argument("--static", type=int, default=100)
    parser.add_argument("--static-kb", type=int, default=200)
    args = parser.parse_args(argv)
    when = datetime.datetime.now(datetime.UTC)
    print(f"WikiMOOC Open edX import benchmark, {when:%Y-%m-%d %H:%M} UTC", flush=True)
    print(machine_info("FileStorage in-process (temporary directory)"), flush=True)
    files, archive, (html, problems, videos) = large_course(args.html, args.static,
                                                            args.static_kb)
    unpacked = sum(len(data) for data in files.values())
    print(f"course: {html} html, {problems} problems, {videos} videos, {args.static} static"
          f" files; {len(files)} files, {unpacked / 1e6:.1f} MB unpacked,"
          f" {len(archive) / 1e6:.1f} MB archive", flush=True)
    directory = tempfile.mkdtemp(prefix="wikimooc-bench-olx-")
    try:
        return run(directory, archive, problems, args.static)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def run(directory, archive, problems, static_count):
    from pathlib import Path

    zope_conf = write_zope_instance(Path(directory), cache_size=30000)
    # Files and images are blobs: the FileStorage gets a blob directory.
    zope_conf.write_text(zope_conf.read_text().replace(
        "    path ", f"    blob-dir {directory}/var/blobs\n    path "))
    from Zope2.Startup.run import make_wsgi_app

    make_wsgi_app({}, str(zope_conf))
    from plone import api
    from wikimooc.policy.olx.archive import Limits
    from wikimooc.policy.olx.archive import read_archive
    from wikimooc.policy.olx.creating import create_course
    from wikimooc.policy.olx.reading import read_course
    from wikimooc.policy.site import ensure_site

    import transaction
    import Zope2

    app = enter_zope(Zope2.app())
    site, _created = ensure_site(app, with_demo_content=False)
    transaction.commit()
    step("site created")

    started = time.perf_counter()
    files = read_archive(archive, Limits())
    plan = read_course(files)
    reading = time.perf_counter() - started
    with api.env.adopt_roles(["Manager"]):
        started = time.perf_counter()
        course = create_course(plan, files, site["en"])
        transaction.commit()
        creating = time.perf_counter() - started
        started = time.perf_counter()
        baseline(site, plan, files)
        transaction.commit()
        base = time.perf_counter() - started
        found = {
            "modules": count(course, "Module"), "lessons": count(course, "Lesson"),
            "questions": count(course, "QuizQuestion"),
            "files": count(course, "File") + count(course, "Image"),
        }
    wanted = {"modules": SECTIONS, "lessons": SECTIONS * SUBSECTIONS,
              "questions": problems, "files": static_count}
    print()
    print("| step | seconds |")
    print("| --- | ---: |")
    print(f"| read the archive and make the plan (report) | {reading:.1f} |")
    print(f"| create the draft course (one transaction, committed) | {creating:.1f} |")
    print(f"| import in all (target < 60 s) | {reading + creating:.1f} |")
    print(f"| baseline: the same content as stock Plone items | {base:.1f} |")
    print(f"\ncreated: {json.dumps(found)}")
    if found != wanted:
        print(f"WRONG: expected {json.dumps(wanted)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
