"""Read an uploaded zip of ``_posts`` safely, without writing it to disk.

The site's ``_config.yml``, when the zip has one, is read separately
(:func:`read_zip_config`). Limits: the upload's size, the number of
members, each member's size and the total uncompressed size (checked while
reading, not trusted from the zip's directory). Only ``.md``/``.markdown``
members are read; names that climb out of the archive (``..``, absolute
paths, drive letters) and links are refused.
"""

import re
import stat
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from importers.frontmatter import POST_EXTENSIONS
from importers.jekyll import MAX_POST_BYTES, SourceFile
from importers.jekyll_site import CONFIG_NAME, MAX_CONFIG_BYTES

MAX_ZIP_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 100 * 1024 * 1024


class BadArchive(ValueError):
    """The upload cannot be read as a whole; the message says why."""


def _is_unsafe(name):
    path = PurePosixPath(name.replace("\\", "/"))
    if not path.parts or path.is_absolute() or ".." in path.parts:
        return True
    return re.match(r"[A-Za-z]:", path.parts[0]) is not None


def read_zip(upload, report):
    """Post files from a zip (a file object); other members are reported and skipped.

    When the archive has a ``_posts`` folder only the files inside it count.
    """
    if upload.size > MAX_ZIP_BYTES:
        raise BadArchive(_("the zip is larger than %(size)d MB") % {"size": MAX_ZIP_BYTES >> 20})
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadArchive(_("not a zip file")) from exc
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise BadArchive(_("more than %(count)d files in the zip") % {"count": MAX_MEMBERS})
        in_posts = [info for info in members if "_posts" in info.filename.split("/")[:-1]]
        return _read_members(archive, in_posts or members, report)


def read_zip_config(upload):
    """``(bytes of the zip's _config.yml or None, whether the site is laid out as
    Octopress)``; the shallowest ``_config.yml`` counts, read up to 1 MB + 1 byte."""
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError):
        return None, False
    with archive:
        names = [info.filename for info in archive.infolist() if not _is_unsafe(info.filename)]
        configs = sorted(
            (name for name in names if PurePosixPath(name).name == CONFIG_NAME),
            key=lambda name: name.count("/"),
        )
        if not configs:
            return None, False
        folder = configs[0].rpartition("/")[0]
        prefix = f"{folder}/" if folder else ""
        octopress = any(name.startswith(f"{prefix}source/_posts/") for name in names)
        try:
            with archive.open(configs[0]) as member:
                return member.read(MAX_CONFIG_BYTES + 1), octopress
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
            return None, False


def _read_members(archive, members, report):
    sources, total = [], 0
    for info in members:
        name = info.filename
        if _is_unsafe(name):
            report.skip(name, _("a path outside the archive"), listed=True)
        elif any(part.startswith(".") or part == "__MACOSX" for part in name.split("/")):
            continue  # hidden files and macOS resource forks
        elif stat.S_ISLNK(info.external_attr >> 16):
            report.skip(name, _("a link, not a file"), listed=True)
        elif not name.lower().endswith(POST_EXTENSIONS):
            report.skip(name, _("not a .markdown or .md file"), listed=True)
        elif info.file_size > MAX_POST_BYTES:
            report.skip(
                name, _("larger than %(size)d MB") % {"size": MAX_POST_BYTES >> 20}, listed=True
            )
        else:
            data = _read_member(archive, info)
            if data is None:
                report.skip(name, _("cannot be read from the zip"), listed=True)
                continue
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise BadArchive(
                    _("more than %(size)d MB once unpacked") % {"size": MAX_TOTAL_BYTES >> 20}
                )
            sources.append(SourceFile(name.rsplit("_posts/", 1)[-1], data))
    return sources


def _read_member(archive, info):
    # Read one byte past the limit: a member that lies about its size in the
    # zip directory is caught here.
    try:
        with archive.open(info) as member:
            data = member.read(MAX_POST_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return None
    return data if len(data) <= MAX_POST_BYTES else None
