"""Images uploaded for posts, kept through Django's storage API.

Files go to the default storage (``MEDIA_ROOT`` unless ``STORAGES`` says
otherwise). An upload is accepted only when Pillow recognises its content as
PNG, JPEG, WebP or GIF and it fits under ``UPLOAD_MAX_MB``; the file name
plays no part in that decision.
"""

from pathlib import PurePosixPath

import PIL.Image
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Pillow's format name -> the extension the stored file gets.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}


def check_image(upload):
    """Validate an uploaded file and return its Pillow format name.

    Raises ValidationError with a message for the author when the file is too
    large or is not a PNG, JPEG, WebP or GIF image by content.
    """
    limit_mb = settings.UPLOAD_MAX_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("This file is %(size).1f MB; images may be at most %(limit)d MB."),
            code="too_large",
            params={"size": upload.size / (1024 * 1024), "limit": limit_mb},
        )
    not_an_image = ValidationError(
        _("This file is not a PNG, JPEG, WebP or GIF image (its content was checked)."),
        code="not_an_image",
    )
    try:
        upload.seek(0)
        with PIL.Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (PIL.UnidentifiedImageError, PIL.Image.DecompressionBombError, OSError, ValueError):
        raise not_an_image from None
    except SyntaxError:  # Pillow reports some broken files this way.
        raise not_an_image from None
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise not_an_image
    return image_format


def upload_path(instance, filename):
    """uploads/YYYY/MM/<slugged name>.<extension of the detected format>."""
    stem = slugify(PurePosixPath(filename).stem, allow_unicode=True)[:60] or "image"
    extension = IMAGE_FORMATS.get(getattr(instance, "detected_format", None), "")
    extension = extension or PurePosixPath(filename).suffix.lstrip(".").lower() or "img"
    return f"uploads/{timezone.localdate():%Y/%m}/{stem}.{extension}"
