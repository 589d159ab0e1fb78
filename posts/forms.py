from django import forms
from django.utils.translation import gettext_lazy as _

from posts.media import check_image
from posts.models import Image, Page, Post, url_key
from posts.reserved import reserved_slugs
from posts.slugs import unicode_slug


class UnicodeSlugField(forms.CharField):
    # Read by the admin's slug prepopulation script: keep Chinese characters.
    allow_unicode = True


class PostAdminForm(forms.ModelForm):
    """The post form: a writing layout with the editor script's hooks on its fields."""

    slug = UnicodeSlugField(
        label=_("slug"),
        max_length=200,
        help_text=_("Part of the address. Lower-case letters, digits, Chinese and hyphens."),
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "body",
            "tags",
            "status",
            "publish_at",
            "comments_open",
            "pinned",
            "summary",
            "series",
            "series_order",
        ]
        widgets = {
            "body": forms.Textarea(
                attrs={"rows": 30, "class": "markdown-body-input", "spellcheck": "false"}
            ),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip()
        # Slugs imported from Octopress stay exactly as they were; new ones
        # must be clean lower-case Unicode slugs.
        if self.instance.pk and slug == self.instance.slug:
            return slug
        if unicode_slug(slug) != slug:
            raise forms.ValidationError(
                _("Use lower-case letters, digits, Chinese characters and hyphens, e.g. %(s)s."),
                params={"s": unicode_slug(slug) or "my-post"},
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        slug, publish_at = cleaned.get("slug"), cleaned.get("publish_at")
        if slug and publish_at:
            clash = Post.objects.filter(slug=slug).exclude(pk=self.instance.pk)
            wanted = url_key(slug, publish_at)
            if any(post.url_key == wanted for post in clash.only("slug", "publish_at")):
                self.add_error(
                    "slug", _("Another post published on the same day already uses this slug.")
                )
        return cleaned


class ImageUploadForm(forms.ModelForm):
    """An image for posts: checked by content and size before it is stored."""

    # A plain file field: check_image gives the author a precise reason
    # (too large, not an image) instead of a generic one.
    file = forms.FileField(label=_("image file"))

    class Meta:
        model = Image
        fields = ["file", "alt"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):
            # Only a new upload; an unchanged file was checked when it came in.
            self.instance.detected_format = check_image(upload)
        return upload


def _is_slug(text):
    return unicode_slug(text) == text


class PageAdminForm(forms.ModelForm):
    """A standalone page; its slug may not take an address the blog itself uses."""

    slug = UnicodeSlugField(
        label=_("slug"),
        max_length=200,
        help_text=_("The page's address /…/. Lower-case letters, digits, Chinese and hyphens."),
    )

    class Meta:
        model = Page
        fields = ["title", "slug", "body", "status", "show_in_navigation", "navigation_order"]
        widgets = {
            "body": forms.Textarea(
                attrs={"rows": 24, "class": "markdown-body-input", "spellcheck": "false"}
            ),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip()
        if not _is_slug(slug):
            raise forms.ValidationError(
                _("Use lower-case letters, digits, Chinese characters and hyphens, e.g. %(s)s."),
                params={"s": unicode_slug(slug) or "about"},
            )
        reserved = reserved_slugs()
        if slug in reserved:
            raise forms.ValidationError(
                _(
                    "The address /%(slug)s/ belongs to the blog itself. Choose another "
                    "slug; these are taken: %(taken)s."
                ),
                # Names like "atom.xml" could never be a slug: not worth listing.
                params={"slug": slug, "taken": ", ".join(sorted(filter(_is_slug, reserved)))},
            )
        return slug
