"""Reading an uploaded ``.tar.gz`` as hostile input: every member is checked before
anything is read, and the archive is refused as a whole (``OlxRefused``) when one
member is a link, a device, a path outside the archive, or when it holds more files
or more bytes than the limits (registry records ``wikimooc.olx_max_files`` and
``wikimooc.olx_max_bytes``; defaults below, docs/api.md). XML is parsed with
defusedxml: no entity expansion, no external entity, no DTD fetched."""

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from plone import api
from typing import NamedTuple
from wikimooc.policy import _
from wikimooc.workflows.refusals import Refused
from xml.etree.ElementTree import ParseError

import io
import posixpath
import tarfile
import zlib


DEFAULT_MAX_FILES = 5000
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class OlxRefused(Refused):
    """An Open edX archive that cannot be imported, and why (nothing is created)."""

    error_type = "OlxRefused"


class Limits(NamedTuple):
    files: int = DEFAULT_MAX_FILES
    bytes: int = DEFAULT_MAX_BYTES


def site_limits():
    return Limits(
        files=api.portal.get_registry_record("wikimooc.olx_max_files", default=None)
        or DEFAULT_MAX_FILES,
        bytes=api.portal.get_registry_record("wikimooc.olx_max_bytes", default=None)
        or DEFAULT_MAX_BYTES,
    )


def safe_name(name):
    """The member's path inside the archive, or None when it points outside it."""
    if name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or ":" in parts[0]:
        return None
    return posixpath.join(*parts)


def refuse_member(member):
    if member.issym() or member.islnk():
        raise OlxRefused(400, _(
            "The archive holds a link (${name}): links are refused.",
            mapping={"name": member.name}))
    if not (member.isfile() or member.isdir()):
        raise OlxRefused(400, _(
            "The archive holds ${name}, which is neither a file nor a folder.",
            mapping={"name": member.name}))
    if safe_name(member.name) is None:
        raise OlxRefused(400, _(
            "The archive holds a path outside itself (${name}).",
            mapping={"name": member.name}))


def too_big(limits):
    return OlxRefused(400, _(
        "The archive unpacks to more than ${files} files or ${megabytes} MB.",
        mapping={"files": limits.files, "megabytes": limits.bytes // (1024 * 1024)}))


def read_archive(data, limits=None):
    """{path: bytes} of the archive's files, paths relative to the folder that holds
    ``course.xml`` (Studio's exports have one top folder, ``course/``)."""
    limits = limits or site_limits()
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            return rooted(members(archive, limits))
    except (tarfile.TarError, zlib.error, EOFError, OSError):
        raise OlxRefused(400, _("This is not a .tar.gz archive.")) from None


def members(archive, limits):
    """The archive's files, each checked before it is read."""
    files, total = {}, 0
    for member in archive:
        refuse_member(member)
        if member.isdir():
            continue
        total += member.size
        if len(files) >= limits.files or total > limits.bytes:
            raise too_big(limits)
        files[safe_name(member.name)] = archive.extractfile(member).read()
    return files


def rooted(files):
    roots = sorted((path for path in files if posixpath.basename(path) == "course.xml"),
                   key=lambda path: path.count("/"))
    if not roots:
        raise OlxRefused(400, _("The archive holds no course.xml: it is no Open edX course."))
    prefix = posixpath.dirname(roots[0])
    if not prefix:
        return files
    return {path[len(prefix) + 1:]: content for path, content in files.items()
            if path.startswith(prefix + "/")}


def parse_xml(content, path):
    """The root element of ``content``; OlxRefused for XML that is broken or asks
    for entities (entity expansion, external entities, a DTD)."""
    try:
        return fromstring(content, forbid_dtd=True)
    except DefusedXmlException:
        raise OlxRefused(400, _(
            "${path} declares entities or a DTD: such XML is refused.",
            mapping={"path": path})) from None
    except ParseError as error:
        raise OlxRefused(400, _(
            "${path} is not well-formed XML: ${error}",
            mapping={"path": path, "error": str(error)})) from None
