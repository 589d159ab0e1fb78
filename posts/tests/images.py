"""Small real images made in memory, for upload and rendering tests."""

import io

import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, (200, 80, 40)).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(name="photo.png", image_format="PNG", size=(40, 30)):
    return SimpleUploadedFile(name, image_bytes(image_format, size), content_type="image/png")
