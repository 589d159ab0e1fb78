from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from posts.models import Post


class UnicodeSlugField(forms.CharField):
    # Read by the admin's slug prepopulation script: keep Chinese characters.
    allow_unicode = True


class PostAdminForm(forms.ModelForm):
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
            "summary",
        ]

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip()
        # Slugs imported from Octopress stay exactly as they were; new ones
        # must be clean lower-case Unicode slugs.
        if self.instance.pk and slug == self.instance.slug:
            return slug
        if slugify(slug, allow_unicode=True) != slug:
            raise forms.ValidationError(
                _("Use lower-case letters, digits, Chinese characters and hyphens, e.g. %(s)s."),
                params={"s": slugify(slug, allow_unicode=True) or "my-post"},
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        slug, publish_at = cleaned.get("slug"), cleaned.get("publish_at")
        if slug and publish_at:
            clash = Post.objects.filter(slug=slug).exclude(pk=self.instance.pk)
            local_date = Post(publish_at=publish_at).publish_date
            if any(post.publish_date == local_date for post in clash.only("publish_at")):
                self.add_error(
                    "slug", _("Another post published on the same day already uses this slug.")
                )
        return cleaned
