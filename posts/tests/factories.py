"""Test data for the posts app: posts, and small real images made in memory."""

import io
from datetime import timedelta

import PIL.Image
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from posts.models import Page, Post, Series


def make_post(title="A post", *, tags=(), days_ago=1, **fields):
    """Create a post published ``days_ago`` days ago (negative: in the future)."""
    fields.setdefault("body", f"Body of {title}.")
    fields.setdefault("status", Post.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=days_ago))
    post = Post.objects.create(title=title, **fields)
    if tags:
        post.tags.set(list(tags))
    return post


def make_series(title="K8s之旅", *, posts=(), **fields):
    """Create a series holding ``posts`` in that order (numbered 1, 2, …)."""
    series = Series.objects.create(title=title, **fields)
    for number, post in enumerate(posts, 1):
        post.series, post.series_order = series, number
        post.save()
    return series


def make_page(title="关于", **fields):
    """Create a published standalone page."""
    fields.setdefault("body", f"About {title}.")
    fields.setdefault("status", Page.Status.PUBLISHED)
    return Page.objects.create(title=title, **fields)


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, (200, 80, 40)).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(name="photo.png", image_format="PNG", size=(40, 30)):
    return SimpleUploadedFile(name, image_bytes(image_format, size), content_type="image/png")


def page(response):
    """The response's HTML, parsed."""
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    """The post titles a list page shows, in order."""
    return [a.text for a in page(response).select(".entry-title a")]
