import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from posts.models import OriginalURL, Post
from posts.tests.factories import make_post

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


def test_changelist_lists_posts_with_tags(staff_client):
    for number in range(3):
        make_post(f"Post {number}", tags=["go", "k8s"])
    response = staff_client.get(reverse("admin:posts_post_changelist"))
    assert response.status_code == 200
    assert "go, k8s" in response.content.decode()


def changelist(client, **params):
    response = client.get(reverse("admin:posts_post_changelist"), params)
    assert response.status_code == 200
    return response


def listed_titles(response):
    return sorted(post.title for post in response.context["cl"].result_list)


@pytest.fixture
def three_states():
    make_post("Live", tags=["go"], days_ago=400)
    make_post("Later", tags=["k8s"], days_ago=-3)
    make_post("Unfinished", status=Post.Status.DRAFT, days_ago=0)


def test_changelist_shows_status_counts_tags_and_site_links(staff_client, three_states):
    live = Post.objects.get(title="Live")
    for status in ["approved", "approved", "pending", "spam"]:
        Comment.objects.create(post=live, name="r", body="hi", status=status)
    soup = BeautifulSoup(changelist(staff_client).content, "html.parser")
    rows = {
        row.select_one(".field-title").get_text(): row
        for row in soup.select("#result_list tbody tr")
    }
    status = {title: row.select_one(".post-status")["class"][1] for title, row in rows.items()}
    assert status == {
        "Live": "post-status-published",
        "Later": "post-status-scheduled",
        "Unfinished": "post-status-draft",
    }
    assert rows["Live"].select_one(".field-tag_list").get_text() == "go"
    assert rows["Live"].select_one(".field-approved_comments").get_text() == "2"
    assert rows["Live"].select_one(".field-pending_comments").get_text() == "1"
    assert rows["Live"].select_one(".field-site_link a")["href"] == live.get_absolute_url()


def test_changelist_query_count_is_the_same_for_1_and_50_posts(staff_client):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            changelist(staff_client)
        return len(queries)

    first = make_post("Post 0", tags=["go", "k8s"])
    Comment.objects.create(post=first, name="r", body="hi", status="approved")
    one = count_queries()
    for number in range(1, 50):
        post = make_post(f"Post {number}", tags=["go", f"tag{number}"], days_ago=number * 40)
        Comment.objects.create(post=post, name="r", body="hi", status="pending")
    assert count_queries() == one


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"publication": "draft"}, ["Unfinished"]),
        ({"publication": "scheduled"}, ["Later"]),
        ({"publication": "published"}, ["Live"]),
        ({"q": "Unfin"}, ["Unfinished"]),
    ],
)
def test_changelist_filters_and_search(staff_client, three_states, params, expected):
    assert listed_titles(changelist(staff_client, **params)) == expected


def test_changelist_filters_by_tag_and_year(staff_client, three_states):
    go = Post.objects.get(title="Live").tags.get()
    assert listed_titles(changelist(staff_client, tags__id__exact=go.pk)) == ["Live"]
    # "Live" is 400 days old: its year holds no other post.
    year = timezone.localtime(Post.objects.get(title="Live").publish_at).year
    assert listed_titles(changelist(staff_client, year=str(year))) == ["Live"]


def run_action(client, action, posts):
    return client.post(
        reverse("admin:posts_post_changelist"),
        {"action": action, "_selected_action": [post.pk for post in posts]},
        follow=True,
    )


@pytest.mark.usefixtures("english")
def test_bulk_publish_and_unpublish(staff_client):
    old_draft = make_post("Old draft", status=Post.Status.DRAFT, days_ago=30)
    future_draft = make_post("Future draft", status=Post.Status.DRAFT, days_ago=-2)
    planned_time = future_draft.publish_at
    response = run_action(staff_client, "publish", [old_draft, future_draft])
    assert "2 posts published." in response.content.decode()
    old_draft.refresh_from_db()
    future_draft.refresh_from_db()
    # A stale draft appears now, at the top; a future time stays: scheduled.
    assert old_draft.is_published
    assert timezone.now() - old_draft.publish_at < timedelta(minutes=1)
    assert future_draft.is_scheduled and future_draft.publish_at == planned_time

    response = run_action(staff_client, "unpublish", [old_draft, future_draft])
    assert "2 posts moved back to draft." in response.content.decode()
    assert not Post.objects.published().exists()
    assert set(Post.objects.values_list("status", flat=True)) == {"draft"}


@pytest.mark.usefixtures("english")
def test_bulk_publish_never_gives_two_posts_one_url(staff_client):
    make_post("Live today", slug="same", days_ago=0)
    first = make_post("Draft one", slug="same", status=Post.Status.DRAFT, days_ago=30)
    second = make_post("Draft two", slug="twin", status=Post.Status.DRAFT, days_ago=20)
    third = make_post("Draft three", slug="twin", status=Post.Status.DRAFT, days_ago=10)
    response = run_action(staff_client, "publish", [first, second, third])
    html = response.content.decode()
    assert "1 post published." in html
    assert "“Draft one” was not published" in html
    # Drafts are taken newest first: the older of the two "twin" drafts waits.
    assert "“Draft two” was not published" in html
    published = Post.objects.published()
    assert len({post.url_key for post in published}) == published.count() == 2


def test_post_form_has_the_editor_hooks(staff_client):
    response = staff_client.get(reverse("admin:posts_post_add"))
    soup = BeautifulSoup(response.content, "html.parser")
    urls = json.loads(soup.select_one("#post-editor-urls").string)
    assert urls["preview"] == reverse("admin:posts_post_preview")
    assert urls["tags"] == reverse("admin:posts_post_tags")
    assert urls["upload"] == reverse("admin:posts_post_upload")
    assert soup.select_one('script[src$="admin-editor/editor.js"]') is not None
    assert soup.select_one('link[href$="admin-editor/editor.css"]') is not None
    # Without JavaScript the image library is one click away.
    assert soup.select_one(".editor-image-library")["href"] == reverse("admin:posts_image_add")
    for name in ["title", "slug", "body", "tags", "status", "publish_at_0", "comments_open"]:
        assert soup.select_one(f'[name="{name}"]') is not None


def test_saving_in_the_admin_keeps_a_revision_that_can_be_restored(staff_client):
    post = make_post("Original title", body="first body", days_ago=0)
    change_url = reverse("admin:posts_post_change", args=[post.pk])
    data = form_data(title="Edited title", slug=post.slug, body="second body")
    assert staff_client.post(change_url, data).status_code == 302

    response = staff_client.get(change_url)
    revisions_url = reverse("admin:posts_post_revisions", args=[post.pk])
    assert f'href="{revisions_url}"' in response.content.decode()
    page = BeautifulSoup(staff_client.get(revisions_url).content, "html.parser")
    revision = post.revisions.get()
    section = page.select_one(f"#revision-{revision.pk}")
    assert "Original title → Edited title" in section.select_one(".revision-title").get_text()
    assert section.select_one(".diff-remove").get_text() == "-first body"
    assert section.select_one(".diff-add").get_text() == "+second body"

    restore_url = reverse("admin:posts_post_restore", args=[post.pk, revision.pk])
    assert staff_client.get(restore_url).status_code == 405
    response = staff_client.post(restore_url, follow=True)
    assert response.redirect_chain[-1][0] == change_url
    post.refresh_from_db()
    assert (post.title, post.body) == ("Original title", "first body")
    assert "first body" in post.body_html
    assert post.revisions.first().title == "Edited title"


def test_restore_refuses_a_revision_of_another_post(staff_client):
    one, other = make_post("One"), make_post("Other")
    other.body = "changed"
    other.save()
    url = reverse("admin:posts_post_restore", args=[one.pk, other.revisions.get().pk])
    assert staff_client.post(url).status_code == 404


def test_admin_is_branded_with_the_blog_title(staff_client, settings):
    settings.BLOG_TITLE = "My K8s Notes"
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "My K8s Notes · 管理后台" in html


def test_body_help_text_shows_the_excerpt_marker(staff_client):
    html = BeautifulSoup(staff_client.get(reverse("admin:posts_post_add")).content, "html.parser")
    assert "<!-- more -->" in html.select_one("#id_body_helptext").text


def test_staff_see_the_recorded_old_addresses(staff_client, django_assert_max_num_queries):
    post = make_post("Moved", slug="moved")
    OriginalURL.objects.create(post=post, path="/old/moved.html")
    OriginalURL.objects.create(post=post, path="/?p=7")
    with django_assert_max_num_queries(8):
        response = staff_client.get("/admin/posts/originalurl/?q=moved")
    assert response.status_code == 200
    assert [url.path for url in response.context["cl"].result_list] == ["/?p=7", "/old/moved.html"]
