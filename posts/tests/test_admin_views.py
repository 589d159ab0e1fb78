import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.models import Image
from posts.tests.factories import image_bytes, image_upload, make_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ARTICLE = """# 服务发现

Kubernetes 的 Service 给一组 Pod 一个稳定的地址。

<!-- more -->

## 一个例子

```yaml
apiVersion: v1
kind: Service
```

| 字段 | 含义 |
|---|---|
| port | 端口 |

脚注[^1]。

[^1]: 说明。

## 小结

### 细节
"""


def preview(client, body):
    return client.post(reverse("admin:posts_post_preview"), {"body": body})


def page_body_html(response):
    entry = BeautifulSoup(response.content, "html.parser").select_one(".entry-content")
    return entry.decode_contents()


def test_preview_equals_the_published_pages_body(staff_client, client):
    response = preview(staff_client, ARTICLE)
    assert response.status_code == 200
    html = response.json()["html"]
    assert 'class="highlight"' in html and "<table>" in html and 'id="服务发现"' in html
    post = make_post("服务发现", slug="service", body=ARTICLE)
    published = client.get(post.get_absolute_url())
    assert published.status_code == 200
    assert f'<div class="entry-content">{html}</div>' in published.content.decode()
    assert page_body_html(published) == BeautifulSoup(html, "html.parser").decode()
    assert response.json()["toc_html"] == post.toc_html


def test_preview_with_an_uploaded_image_matches_the_page(staff_client, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = staff_client.post(
        reverse("admin:posts_post_upload"), {"file": image_upload("arch.webp", "WEBP", (80, 60))}
    )
    assert upload.status_code == 200
    body = f"看图：\n\n{upload.json()['markdown']}\n"
    html = preview(staff_client, body).json()["html"]
    image = BeautifulSoup(html, "html.parser").select_one("img")
    assert (image["width"], image["height"], image["loading"]) == ("80", "60", "lazy")
    post = make_post("图", slug="tu", body=body)
    assert (
        f'<div class="entry-content">{html}</div>'
        in client.get(post.get_absolute_url()).content.decode()
    )


def test_preview_is_for_staff_only(client, django_user_model):
    response = preview(client, "# hi")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    reader = django_user_model.objects.create_user("reader", password="pw-reader-123")
    client.force_login(reader)
    assert preview(client, "# hi").status_code == 302


def test_preview_needs_post_and_a_csrf_token(django_user_model):
    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.get(reverse("admin:posts_post_preview")).status_code == 405
    assert preview(strict, "# hi").status_code == 403


def test_staff_without_post_permissions_cannot_preview(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("ed", password="x", is_staff=True))
    assert preview(client, "# hi").status_code == 403


def test_tag_suggestions_come_from_existing_tags(staff_client):
    make_post("A", tags=["Kubernetes", "k8s", "Go", "云原生", "网络k8s"])
    url = reverse("admin:posts_post_tags")
    assert staff_client.get(url, {"q": "k"}).json() == {"tags": ["k8s", "Kubernetes", "网络k8s"]}
    assert staff_client.get(url, {"q": "云"}).json() == {"tags": ["云原生"]}
    assert staff_client.get(url, {"q": ""}).json() == {"tags": []}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_MB = 1
    return tmp_path


def upload(client, upload_file):
    return client.post(reverse("admin:posts_post_upload"), {"file": upload_file})


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_upload_returns_the_markdown_snippet(staff_client, media_root, image_format):
    response = upload(staff_client, image_upload("pic.png", image_format))
    assert response.status_code == 200
    image = Image.objects.get()
    assert response.json()["markdown"] == f"![]({image.file.url})"
    assert (media_root / image.file.name).is_file()


def test_upload_refuses_a_renamed_non_image_and_an_oversized_file(staff_client, media_root):
    fake = SimpleUploadedFile("evil.png", b"<?php echo 1; ?>", content_type="image/png")
    response = upload(staff_client, fake)
    assert response.status_code == 400
    assert response.json() == {
        "errors": ["This file is not a PNG, JPEG, WebP or GIF image (its content was checked)."]
    }
    big = SimpleUploadedFile("big.png", image_bytes() + b"\0" * (1024 * 1024), "image/png")
    response = upload(staff_client, big)
    assert response.status_code == 400
    assert "at most 1 MB" in response.json()["errors"][0]
    assert not Image.objects.exists()
    assert not any(media_root.rglob("*.*"))


def test_image_library_in_the_admin_shows_the_snippet(staff_client, media_root):
    response = staff_client.post(
        reverse("admin:posts_image_add"),
        {"file": image_upload("diagram.png"), "alt": "架构图"},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    page = staff_client.get(reverse("admin:posts_image_change", args=[image.pk]))
    assert f"![架构图]({image.file.url})" in page.content.decode()
    listing = staff_client.get(reverse("admin:posts_image_changelist")).content.decode()
    assert image.file.url in listing


def test_image_library_refuses_a_fake_image_and_keeps_the_description(staff_client, media_root):
    fake = SimpleUploadedFile("photo.png", b"not really", content_type="image/png")
    response = staff_client.post(
        reverse("admin:posts_image_add"), {"file": fake, "alt": "my words"}
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "file" in form.errors
    assert form["alt"].value() == "my words"


def test_revisions_page_queries_do_not_grow_with_revisions(staff_client):
    post = make_post("Edited", body="v0")

    def count():
        url = reverse("admin:posts_post_revisions", args=[post.pk])
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    post.body = "v1"
    post.save()
    one = count()
    for number in range(2, 12):
        post.body = f"v{number}"
        post.save()
    assert count() == one


def test_tag_suggestions_refuse_a_nul_byte(staff_client):
    response = staff_client.get(reverse("admin:posts_post_tags"), {"q": "k\x00"})
    assert response.status_code == 400
    assert "error" in response.json()
