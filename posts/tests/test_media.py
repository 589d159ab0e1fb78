import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from posts.forms import ImageUploadForm
from posts.models import Image
from posts.tests.factories import image_bytes, image_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_MB = 1
    return tmp_path


def upload_form(upload, alt=""):
    return ImageUploadForm(data={"alt": alt}, files={"file": upload})


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_real_images_are_stored_with_their_size(media_root, image_format, extension):
    form = upload_form(image_upload("My Photo 图.bin", image_format, (50, 20)), alt="图一")
    assert form.is_valid(), form.errors
    image = form.save()
    assert (image.width, image.height) == (50, 20)
    assert image.file.name.endswith(f"/my-photo-图.{extension}")
    assert (media_root / image.file.name).read_bytes()[:2] == image_bytes(image_format)[:2]
    assert image.markdown == f"![图一]({image.file.url})"


def test_a_non_image_renamed_png_is_refused_with_a_clear_message():
    fake = SimpleUploadedFile("photo.png", b"#!/bin/sh\necho not an image\n", "image/png")
    form = upload_form(fake)
    assert not form.is_valid()
    assert form.errors["file"] == [
        "This file is not a PNG, JPEG, WebP or GIF image (its content was checked)."
    ]
    assert not Image.objects.exists()


def test_other_image_formats_are_refused():
    form = upload_form(image_upload("icon.png", "BMP"))
    assert not form.is_valid()
    assert "not a PNG, JPEG, WebP or GIF image" in form.errors["file"][0]


def test_an_oversized_file_is_refused_with_its_size_and_the_limit(settings):
    big = SimpleUploadedFile("big.png", image_bytes() + b"\0" * (1024 * 1024), "image/png")
    form = upload_form(big, alt="kept")
    assert not form.is_valid()
    assert form.errors["file"] == ["This file is 1.0 MB; images may be at most 1 MB."]
    assert form["alt"].value() == "kept"


def test_alt_text_brackets_cannot_break_the_snippet():
    form = upload_form(image_upload(), alt="a [b] c")
    assert form.is_valid()
    assert form.save().markdown.startswith("![a (b) c](")


def test_uploaded_media_is_served_when_serve_media_is_on(client, settings, media_root):
    (media_root / "uploads").mkdir()
    (media_root / "uploads" / "a.png").write_bytes(image_bytes())
    settings.SERVE_MEDIA = True
    url = reverse("media", kwargs={"path": "uploads/a.png"})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert client.get(reverse("media", kwargs={"path": "../secret"})).status_code == 404
    settings.SERVE_MEDIA = False
    assert client.get(url).status_code == 404
