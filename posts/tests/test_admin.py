import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from posts.models import Post
from posts.tests.conftest import make_post

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    now = timezone.localtime()
    data = {
        "title": "新文章",
        "slug": "新文章",
        "body": "## 标题\n\n正文",
        "tags": "Kubernetes, 容器",
        "status": "published",
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "comments_open": "on",
        "summary": "",
    }
    data.update(overrides)
    return data


def test_add_form_prefills_a_unicode_slug(staff_client):
    response = staff_client.get(reverse("admin:posts_post_add"))
    assert response.status_code == 200
    script = BeautifulSoup(response.content, "html.parser").select_one(
        "#django-admin-prepopulated-fields-constants"
    )
    fields = json.loads(script["data-prepopulated-fields"])
    assert fields[0]["name"] == "slug"
    assert fields[0]["allowUnicode"] is True


def test_creating_a_post_renders_and_tags_it(staff_client):
    response = staff_client.post(reverse("admin:posts_post_add"), form_data())
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.slug == "新文章"
    assert post.author.username == "editor"
    assert 'id="标题"' in post.body_html
    assert sorted(tag.name for tag in post.tags.all()) == ["Kubernetes", "容器"]


@pytest.mark.parametrize("slug", ["Upper-Case", "has space", "a/b", "dots.here"])
def test_new_slugs_must_be_lower_case_unicode(staff_client, slug):
    response = staff_client.post(reverse("admin:posts_post_add"), form_data(slug=slug))
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    # What the author typed is still in the form.
    assert response.context["adminform"].form["body"].value() == "## 标题\n\n正文"
    assert not Post.objects.exists()


def test_imported_slug_is_kept_when_editing(staff_client):
    post = make_post("Imported", slug="Hello.World:Again-")
    data = form_data(title="Imported, edited", slug=post.slug)
    response = staff_client.post(reverse("admin:posts_post_change", args=[post.pk]), data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.slug) == ("Imported, edited", "Hello.World:Again-")


def test_same_slug_same_day_is_refused(staff_client):
    make_post("Existing", slug="新文章", days_ago=0)
    response = staff_client.post(reverse("admin:posts_post_add"), form_data())
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_changelist_lists_posts_with_tags(staff_client, django_assert_max_num_queries):
    for number in range(3):
        make_post(f"Post {number}", tags=["go", "k8s"])
    response = staff_client.get(reverse("admin:posts_post_changelist"))
    assert response.status_code == 200
    assert "go, k8s" in response.content.decode()
