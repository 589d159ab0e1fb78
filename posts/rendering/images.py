"""Images in rendered posts: lazy loading, and width/height for stored media.

Knowing an image's size lets the browser reserve its box before it loads, so
the text does not jump. Sizes come from the files in the blog's media storage;
other images are left without them.
"""

from urllib.parse import unquote, urlsplit

import PIL.Image
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def media_image_size(src):
    """(width, height) of the stored media file ``src`` points at, else None."""
    media_url = settings.MEDIA_URL
    if not src or not media_url or not src.startswith(media_url):
        return None
    name = unquote(urlsplit(src[len(media_url) :]).path)
    try:
        with default_storage.open(name) as handle, PIL.Image.open(handle) as image:
            return image.size
    except (OSError, ValueError, SuspiciousFileOperation, PIL.UnidentifiedImageError):
        return None


class ImageAttributes(Treeprocessor):
    def run(self, root):
        for image in root.iter("img"):
            image.set("loading", "lazy")
            image.set("decoding", "async")
            if image.get("width") or image.get("height"):
                continue  # The author chose a size with {: width=… }.
            size = media_image_size(image.get("src"))
            if size:
                image.set("width", str(size[0]))
                image.set("height", str(size[1]))


class ImageExtension(Extension):
    def extendMarkdown(self, md):
        # After inline patterns (20), which create the <img> elements, and
        # attr_list (8), which may set a size by hand.
        md.treeprocessors.register(ImageAttributes(md), "image_attributes", 6)
