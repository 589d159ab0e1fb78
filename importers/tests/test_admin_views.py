import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comments.models import Comment
from importers.tests.factories import EXPORT, JEKYLL_SITE, SITE, WORDPRESS_EXPORT
from posts.models import OriginalURL, Post

pytestmark = pytest.mark.django_db

JEKYLL = reverse("admin:import_jekyll")
DISQUS = reverse("admin:import_disqus")


def site_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((SITE / "_posts").iterdir()):
            archive.write(path, f"octopress/_posts/{path.name}")
    return SimpleUploadedFile("site.zip", buffer.getvalue(), content_type="application/zip")


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_pages_are_for_staff_only(client, django_user_model):
    for url in (JEKYLL, DISQUS):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    user = django_user_model.objects.create_user("writer", password="pw-writer-123", is_staff=True)
    client.force_login(user)
    assert client.get(JEKYLL).status_code == 403
    assert client.get(DISQUS).status_code == 403


def test_the_wordpress_upload_needs_the_right_to_write_pages(client, django_user_model):
    """A WordPress export brings pages, which show in every page's navigation."""
    user = django_user_model.objects.create_user("writer", password="pw-writer-123", is_staff=True)
    wanted = [
        Permission.objects.get(codename=f"{action}_{model}")
        for action in ("add", "change")
        for model in ("post", "comment")
    ]
    user.user_permissions.set(wanted)
    client.force_login(user)
    assert client.get(reverse("admin:import_wordpress")).status_code == 403
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_page", "change_page"]))
    assert client.get(reverse("admin:import_wordpress")).status_code == 200


def test_upload_form_is_an_admin_page(staff_client, english):
    response = staff_client.get(JEKYLL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and "Import Octopress/Jekyll posts" in html
    assert 'id="site-name"' in html  # the admin header


def test_zip_upload_imports_and_shows_the_same_report(staff_client, english):
    response = staff_client.post(JEKYLL, {"archive": site_zip()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Posts: 10 created, 4 skipped." in html
    assert "2019-02-03-broken-yaml.markdown" in html and "broken YAML front matter" in html
    assert "unknown tag {% youtube dQw4w9WgXcQ %} kept as text" in html
    assert Post.objects.count() == 10
    again = staff_client.post(JEKYLL, {"archive": site_zip()}).content.decode()
    assert "Posts: 10 unchanged, 4 skipped." in again and Post.objects.count() == 10


def test_zip_dry_run(staff_client, english):
    html = staff_client.post(JEKYLL, {"archive": site_zip(), "dry_run": "on"}).content.decode()
    assert "Dry run, nothing was saved. Posts: 10 created" in html
    items = [li.text for li in BeautifulSoup(html, "html.parser").select("#import-items li")]
    assert len(items) == 14
    assert "2013-09-06-hello.markdown: new" in items
    assert "octopress/_posts/notes.txt: skipped (not a .markdown or .md file)" in items
    assert not Post.objects.exists()


def test_a_bad_zip_is_a_form_error(staff_client, english):
    upload = SimpleUploadedFile("site.zip", b"not a zip")
    response = staff_client.post(JEKYLL, {"archive": upload})
    assert response.status_code == 200 and "not a zip file" in response.content.decode()
    assert 'id="import-report"' not in response.content.decode()


def test_disqus_upload_imports_comments(staff_client, english):
    staff_client.post(JEKYLL, {"archive": site_zip()})
    upload = SimpleUploadedFile("export.xml", EXPORT.read_bytes(), content_type="text/xml")
    html = staff_client.post(DISQUS, {"export": upload}).content.decode()
    assert "Comments: 7 created" in html and "http://blog.example.com/about/" in html
    assert Comment.objects.count() == 7


def test_disqus_upload_reports_a_broken_file(staff_client, english):
    upload = SimpleUploadedFile("export.xml", b"<disqus>")
    html = staff_client.post(DISQUS, {"export": upload}).content.decode()
    assert "export.xml" in html and "not well-formed XML" in html


def test_admin_index_links_to_the_imports(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert f'href="{JEKYLL}"' in html and f'href="{DISQUS}"' in html


def test_wordpress_upload_imports_and_reports(staff_client, english):
    upload = SimpleUploadedFile("wp.xml", WORDPRESS_EXPORT.read_bytes(), content_type="text/xml")
    response = staff_client.post(
        reverse("admin:import_wordpress"), {"export": upload, "dry_run": "on"}
    )
    assert response.status_code == 200
    assert response.context["report"].summary.startswith("Dry run, nothing was saved. WordPress: 7")
    assert not Post.objects.exists()
    upload.seek(0)
    staff_client.post(reverse("admin:import_wordpress"), {"export": upload})
    assert Post.objects.count() == 7 and Comment.objects.count() == 4
    index = staff_client.get(reverse("admin:index"))
    assert reverse("admin:import_wordpress").encode() in index.content


def test_a_zip_of_a_jekyll_site_uses_its_config(staff_client, english):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(JEKYLL_SITE / "_config.yml", "site/_config.yml")
        for path in sorted((JEKYLL_SITE / "_posts").iterdir()):
            archive.write(path, f"site/_posts/{path.name}")
    upload = SimpleUploadedFile("site.zip", buffer.getvalue(), content_type="application/zip")
    html = staff_client.post(JEKYLL, {"archive": upload}).content.decode()
    assert "Posts: 6 created, 5 old addresses redirected." in html
    assert OriginalURL.objects.filter(path="/blog/plain-post.html").exists()
    upload.seek(0)
    html = staff_client.post(JEKYLL, {"archive": upload, "permalink": "none"}).content.decode()
    assert OriginalURL.objects.filter(path="/go/tools/plain-post.html").exists()
