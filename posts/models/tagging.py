"""The through table between posts and taggit's tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItemBase


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, related_name="tagged_posts", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("tagged post")
        verbose_name_plural = _("tagged posts")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_post_tag"),
        ]
