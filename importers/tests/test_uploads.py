import io
import stat
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from importers import uploads
from importers.report import Report
from importers.uploads import BadArchive, read_zip

# These tests read report messages, which the site would give in Chinese.
pytestmark = pytest.mark.usefixtures("english")

POST = b"---\ntitle: Zipped\n---\nBody"


def make_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if isinstance(data, zipfile.ZipInfo):
                archive.writestr(data, b"/etc/passwd")
            else:
                archive.writestr(name, data)
    return SimpleUploadedFile("posts.zip", buffer.getvalue(), content_type="application/zip")


def read(members):
    report = Report("Posts")
    return [source.name for source in read_zip(make_zip(members), report)], report


def test_only_markdown_files_in_posts_are_read():
    link = zipfile.ZipInfo("site/_posts/2013-01-03-link.md")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    names, report = read(
        {
            "site/_posts/2013-01-01-a.markdown": POST,
            "site/_posts/2013/2013-01-02-b.md": POST,
            "site/_posts/image.png": b"\x89PNG",
            "site/_posts/2013-01-03-link.md": link,
            "site/_posts/.hidden.md": POST,
            "__MACOSX/site/_posts/._2013-01-01-a.markdown": b"junk",
            "site/about.markdown": POST,
        }
    )
    assert names == ["2013-01-01-a.markdown", "2013/2013-01-02-b.md"]
    assert [str(note) for note in report.skipped] == [
        "site/_posts/image.png: not a .markdown or .md file",
        "site/_posts/2013-01-03-link.md: a link, not a file",
    ]


def test_a_zip_without_posts_folder_uses_every_markdown_file():
    names, _report = read({"2013-01-01-a.markdown": POST, "2013-09-06-Hello.World:Again-.md": POST})
    assert names == ["2013-01-01-a.markdown", "2013-09-06-Hello.World:Again-.md"]


@pytest.mark.parametrize(
    "name", ["../2013-01-01-a.md", "/etc/2013-01-01-a.md", "C:/x/2013-01-01-a.md", "a/../../b.md"]
)
def test_paths_leaving_the_archive_are_refused(name):
    names, report = read({name: POST})
    assert names == [] and report.skipped[0].message == "a path outside the archive"


def test_limits(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_MEMBERS", 2)
    with pytest.raises(BadArchive, match="more than 2 files"):
        read({f"2013-01-0{day}-a.md": POST for day in range(1, 4)})
    monkeypatch.setattr(uploads, "MAX_TOTAL_BYTES", len(POST) + 1)
    with pytest.raises(BadArchive, match="once unpacked"):
        read({"2013-01-01-a.md": POST, "2013-01-02-a.md": POST})
    monkeypatch.setattr(uploads, "MAX_ZIP_BYTES", 10)
    with pytest.raises(BadArchive, match="larger than"):
        read({"2013-01-01-a.md": POST})


def test_a_member_larger_than_a_post_is_skipped(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_POST_BYTES", 100)
    names, report = read({"2013-01-01-a.md": b"x" * 101, "2013-01-02-b.md": POST})
    assert names == ["2013-01-02-b.md"]
    assert report.skipped[0].name == "2013-01-01-a.md"


def test_a_member_lying_about_its_size_is_caught(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_POST_BYTES", 100)
    upload = make_zip({"2013-01-01-a.md": b"x" * 5000})
    data = bytearray(upload.read())
    # Rewrite the uncompressed size in the central directory to look small.
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    report = Report("Posts")
    sources = read_zip(SimpleUploadedFile("p.zip", bytes(data)), report)
    assert sources == [] and report.skipped[0].message == "cannot be read from the zip"


def test_not_a_zip():
    with pytest.raises(BadArchive, match="not a zip file"):
        read_zip(SimpleUploadedFile("p.zip", b"plain text"), Report("Posts"))
