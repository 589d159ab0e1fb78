from functools import partial

from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import Comment
from posts import admin_views
from posts.admin_series_pages import PageAdmin, SeriesAdmin
from posts.forms import ImageUploadForm, PostAdminForm
from posts.models import Image, OriginalURL, Page, Post, Series, url_key
from posts.pagecache import generation

admin.site.register(Series, SeriesAdmin)
admin.site.register(Page, PageAdmin)


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=Post.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "published":
            return queryset.published()
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Post.objects.dates("publish_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(publish_at__year=int(self.value()))
        return queryset


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostAdminForm
    change_form_template = "admin/posts/post/change_form.html"
    list_display = [
        "title",
        "publication",
        "pinned",
        "publish_at",
        "tag_list",
        "approved_comments",
        "pending_comments",
        "site_link",
    ]
    list_filter = [PublicationFilter, "pinned", "series", "tags", YearFilter]
    search_fields = ["title", "slug", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "tags"], "classes": ["post-writing"]}),
        (
            _("Publishing"),
            {"fields": ["status", "publish_at", "comments_open", "pinned", "summary"]},
        ),
        (_("Series"), {"fields": ["series", "series_order"]}),
    ]

    class Media:
        css = {"all": ["css/pygments.css", "admin-editor/editor.css"]}
        js = ["admin-editor/editor.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_comment_counts(
                num_approved=Comment.Status.APPROVED, num_pending=Comment.Status.PENDING
            )
            .prefetch_related("tags")
        )

    def get_urls(self):
        def route(view):
            return self.admin_site.admin_view(partial(view, model_admin=self))

        return [
            path("preview/", route(admin_views.preview), name="posts_post_preview"),
            path("tags/", route(admin_views.tag_suggestions), name="posts_post_tags"),
            path("upload-image/", route(admin_views.upload_image), name="posts_post_upload"),
            path(
                "<path:object_id>/revisions/",
                route(admin_views.revisions),
                name="posts_post_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                route(admin_views.restore_revision),
                name="posts_post_restore",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["editor_urls"] = {
            "preview": reverse("admin:posts_post_preview"),
            "tags": reverse("admin:posts_post_tags"),
            "upload": reverse("admin:posts_post_upload"),
            "images": reverse("admin:posts_image_add"),
        }
        if obj is not None:
            context["revision_count"] = obj.revisions.count()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        if obj.is_scheduled:
            label, css = _("Scheduled"), "scheduled"
        elif obj.is_published:
            label, css = _("Published"), "published"
        else:
            label, css = _("Draft"), "draft"
        return format_html('<span class="post-status post-status-{}">{}</span>', css, label)

    @admin.display(description=_("tags"))
    def tag_list(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.display(description=_("approved comments"), ordering="num_approved")
    def approved_comments(self, obj):
        return obj.num_approved

    @admin.display(description=_("pending comments"), ordering="num_pending")
    def pending_comments(self, obj):
        return obj.num_pending

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)

    @admin.action(description=_("Publish selected posts"), permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        drafts = queryset.filter(status=Post.Status.DRAFT)
        # A draft whose time has passed appears now, not at the day it was
        # started; a future time is kept, so the post is scheduled. Moving it
        # to today must not give it the URL of another post.
        stale = list(drafts.filter(publish_at__lte=now).only("slug"))
        taken = {
            post.url_key
            for post in Post.objects.filter(slug__in={post.slug for post in stale})
            .exclude(pk__in=[post.pk for post in stale])
            .only("slug", "publish_at")
        }
        movable, clashing = [], []
        for post in stale:
            key = url_key(post.slug, now)
            (clashing if key in taken else movable).append(post)
            taken.add(key)
        count = Post.objects.filter(pk__in=[post.pk for post in movable]).update(
            status=Post.Status.PUBLISHED, publish_at=now
        )
        count += drafts.filter(publish_at__gt=now).update(status=Post.Status.PUBLISHED)
        # update() sends no signal: the cached pages are told here.
        generation.bump(using=queryset.db)
        for post in clashing:
            self.message_user(
                request,
                _("“%(title)s” was not published: another post today has the slug %(slug)s.")
                % {"title": post.title, "slug": post.slug},
                messages.WARNING,
            )
        self.message_user(
            request,
            ngettext("%(count)d post published.", "%(count)d posts published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected posts (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Post.Status.PUBLISHED).update(status=Post.Status.DRAFT)
        generation.bump(using=queryset.db)
        self.message_user(
            request,
            ngettext(
                "%(count)d post moved back to draft.", "%(count)d posts moved back to draft.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageUploadForm
    list_display = ["thumbnail", "__str__", "snippet", "dimensions", "uploaded_at"]
    search_fields = ["alt", "file"]
    readonly_fields = ["snippet", "dimensions", "uploaded_at"]
    fields = ["file", "alt", "snippet", "dimensions", "uploaded_at"]

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" style="max-width:120px;max-height:80px">', obj.file.url
        )

    @admin.display(description=_("Markdown to paste"))
    def snippet(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<code class="image-snippet">{}</code>', obj.markdown)

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"


@admin.register(OriginalURL)
class OriginalURLAdmin(admin.ModelAdmin):
    """Old addresses recorded by the importers: look one up, point it elsewhere, drop it.

    Each points at a post or a page, never both (a check constraint).
    """

    list_display = ["path", "post", "page", "created_at"]
    list_select_related = ["post", "page"]
    search_fields = ["path", "post__title", "page__title"]
    raw_id_fields = ["post", "page"]
    readonly_fields = ["created_at"]
