from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from posts.management.commands.load_demo import DEMO_DIR, read_demo_file
from posts.models import Page, Post, Series
from posts.tests.factories import make_page, make_post

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_posts_load_once_and_cover_the_brief():
    run("load_demo", "--if-empty")
    files = sorted(DEMO_DIR.glob("*.md"))
    assert Post.objects.count() == len(files) >= 10
    run("load_demo", "--if-empty")
    run("load_demo")
    assert Post.objects.count() == len(files)
    published = Post.objects.published()
    assert Post.objects.filter(status=Post.Status.DRAFT).count() >= 1
    assert Post.objects.exclude(pk__in=published).filter(status="published").count() >= 1
    assert any(post.toc_html for post in published)
    assert all("```" in read_demo_file(path)[1] for path in files)
    assert Post.objects.filter(slug__regex=r"[\u4e00-\u9fff]").exists()
    (series,) = Series.objects.all()
    assert series.parts(published).count() >= 3
    assert list(Page.objects.in_navigation().values_list("slug", flat=True)) == ["about"]


def test_load_demo_if_empty_leaves_an_existing_blog_alone():
    make_post("Mine")
    assert "not loaded" in run("load_demo", "--if-empty")
    assert Post.objects.count() == 1


def test_ensure_admin_prints_the_password_only_the_first_time():
    first = run("ensure_admin")
    password = first.split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    second = run("ensure_admin")
    assert password not in second
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_rerender_posts_refreshes_stored_html():
    post = make_post("Stale", body="## 新的标题")
    Post.objects.filter(pk=post.pk).update(
        body_html="<p>old</p>", excerpt_html="old", search_text="old"
    )
    page = make_page("About", body="*now*")
    Page.objects.filter(pk=page.pk).update(body_html="<p>old</p>")
    assert "Re-rendered 1 posts and 1 pages" in run("rerender_posts")
    assert Page.objects.get(pk=page.pk).body_html == "<p><em>now</em></p>"
    post.refresh_from_db()
    assert 'id="新的标题"' in post.body_html and "old" not in post.excerpt_html
    assert "新的标题" in post.search_text
