"""Images uploaded for posts; checks and file names live in ``posts.media``."""

from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posts.media import upload_path


class Image(models.Model):
    file = models.ImageField(
        _("file"), upload_to=upload_path, width_field="width", height_field="height"
    )
    alt = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("Alternative text for readers.")
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt or PurePosixPath(self.file.name).name

    @property
    def markdown(self):
        """The Markdown to paste into a post to show this image."""
        alt = self.alt.replace("[", "(").replace("]", ")")
        return f"![{alt}]({self.file.url})"
