import pytest
from taggit.models import Tag

from importers.tagging import TagCache, TagLinks, existing_tag_ids
from posts.tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_tags_are_found_by_name_in_any_case_and_created_once():
    Tag.objects.create(name="Go", slug="go")
    cache = TagCache(dry_run=False)
    first = cache.ids(["go", "容器"])
    assert cache.ids(["GO", "容器"]) == first and Tag.objects.count() == 2


def test_a_dry_run_creates_no_tag():
    TagCache(dry_run=True).ids(["New"])
    assert not Tag.objects.exists()


def test_links_change_in_bulk():
    post = make_post("P", slug="p")
    go, k8s = Tag.objects.create(name="Go", slug="go"), Tag.objects.create(name="K8s", slug="k8s")
    links = TagLinks()
    assert links.change(post, set(), {go.pk}) is True
    links.save()
    assert existing_tag_ids([post]) == {post.pk: {go.pk}}
    links = TagLinks()
    assert links.change(post, {go.pk}, {go.pk}) is False
    links.change(post, {go.pk}, {k8s.pk})
    links.save()
    assert [tag.name for tag in post.tags.all()] == ["K8s"]
