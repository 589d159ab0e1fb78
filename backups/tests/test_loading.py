"""Backing up and restoring the current database (backups.loading, the commands)."""

import io

import pytest
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from backups.archive import archived_fields, archived_models
from backups.tests.factories import make_blog
from posts.models import Image, Post
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot():
    """Every archived row by model, with its exact values (times to the microsecond)."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            fields=archived_fields(model),
            use_natural_foreign_keys=True,
        )
        for model in archived_models()
    }


def empty_the_database():
    for model in reversed(archived_models()):
        model._default_manager.all().delete()


def test_a_backup_restores_every_row_and_file_exactly(tmp_path, client):
    make_blog()
    before = snapshot()
    image_name = Image.objects.get().file.name
    image_content = default_storage.open(image_name, "rb").read()
    archive = tmp_path / "blog.zip"
    call_command("backup", str(archive), stdout=io.StringIO())

    empty_the_database()
    default_storage.delete(image_name)
    call_command("restore", str(archive), stdout=io.StringIO())

    assert snapshot() == before
    assert before["posts.post"] and before["posts.revision"] and before["posts.oldpermalink"]
    assert before["comments.comment"] and before["posts.taggedpost"] and before["auth.user"]
    assert default_storage.open(image_name, "rb").read() == image_content
    # Search fields were rebuilt, and new rows get fresh ids.
    assert "Pod 入门" in client.get("/search/?q=小节").content.decode()
    assert make_post("After the restore").pk > max(row["pk"] for row in before["posts.post"])


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_blog()
    archive = tmp_path / "blog.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    make_post("Written meanwhile")
    with pytest.raises(CommandError, match="this database is not empty"):
        call_command("restore", str(archive))
    assert Post.objects.filter(title="Written meanwhile").exists()


def test_delete_existing_replaces_what_is_there(tmp_path):
    make_blog()
    before = snapshot()
    archive = tmp_path / "blog.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    make_post("Written meanwhile", tags=["new"])
    call_command("restore", str(archive), delete_existing=True, stdout=io.StringIO())
    assert snapshot() == before
