"""The archive is checked whole before a restore writes anything (backups.archive)."""

import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from backups import archive as backup_archive
from backups.archive import ArchiveError, read_archive, write_archive
from backups.tests.factories import make_blog
from posts.models import Image, Post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def good(tmp_path):
    """A genuine archive of a small blog, with the database emptied afterwards."""
    make_blog()
    path = tmp_path / "good.zip"
    write_archive(path)
    image_name = Image.objects.get().file.name
    for model in reversed(backup_archive.archived_models()):
        model._default_manager.all().delete()
    default_storage.delete(image_name)
    return path, image_name


def altered(source, target, change):
    """Copy archive ``source`` to ``target`` with ``change(members)`` applied."""
    with zipfile.ZipFile(source) as original:
        members = {name: original.read(name) for name in original.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w") as copy:
        for name, content in members.items():
            copy.writestr(name, content)
    return target


def manifest_change(edit):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        edit(manifest)
        members["manifest.json"] = json.dumps(manifest)

    return change


def image_member(members):
    return next(name for name in members if name.startswith("media/"))


def test_a_genuine_archive_reads_with_every_model_and_file(good):
    result = read_archive(good[0])
    assert result.manifest["format"] == "happy-coding-blog-backup"
    assert result.manifest["models"]["posts.post"] == 4
    assert result.manifest["models"]["comments.comment"] == 3
    assert [name.startswith("uploads/") for name in result.files()] == [True]


def break_record(members):
    records = json.loads(members["data/comments.comment.json"])
    records[1]["fields"]["created_at"] = "not a date"
    members["data/comments.comment.json"] = json.dumps(records)


def swap_image(members):
    members[image_member(members)] = members[image_member(members)][::-1]


def truncate_image(members):
    members[image_member(members)] = members[image_member(members)][:-1]


def drop_image(members):
    del members[image_member(members)]


def outside_media(manifest):
    manifest["files"]["../../etc/passwd"] = {"size": 1, "sha256": "0"}


def unknown_model(manifest):
    manifest["models"]["polls.poll"] = 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (manifest_change(lambda m: m.update(version=2)), "format version 2"),
        (manifest_change(lambda m: m.update(format="other")), "not a backup of this blog"),
        (lambda members: members.pop("manifest.json"), "has no manifest.json"),
        (lambda members: members.pop("data/posts.post.json"), "has no data/posts.post.json"),
        (break_record, "A record of comments.comment cannot be read"),
        (manifest_change(lambda m: m["models"].update({"posts.post": 5})), "the manifest says 5"),
        (manifest_change(unknown_model), "polls.poll, which this blog does not have"),
        (truncate_image, "the manifest says"),
        (swap_image, "is damaged"),
        (drop_image, "The archive has no media/uploads/"),
        (manifest_change(outside_media), "outside the media folder"),
    ],
)
def test_a_bad_archive_is_refused_before_anything_is_written(good, tmp_path, change, message):
    path, image_name = good
    bad = altered(path, tmp_path / "bad.zip", change)
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore", str(bad))
    assert str(refused.value).startswith("Nothing was restored")
    assert not Post.objects.exists()
    assert not default_storage.exists(image_name)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("not a zip")
    with pytest.raises(ArchiveError, match="not a readable backup archive"):
        read_archive(path)


def test_a_file_gone_from_storage_is_left_out_and_reported(tmp_path, capsys):
    make_blog()
    default_storage.delete(Image.objects.get().file.name)
    call_command("backup", str(tmp_path / "blog.zip"))
    assert "Left out uploads/" in capsys.readouterr().err
    assert read_archive(tmp_path / "blog.zip").files() == {}
