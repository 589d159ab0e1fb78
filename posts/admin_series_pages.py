"""Admin for series (with their posts inline, in reading order) and standalone pages.

Registered by posts/admin.py. A post joins a series from its own form; the
series' page sets the order of its posts.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from posts.forms import PageAdminForm
from posts.models import SERIES_ORDER, Post


class SeriesPartInline(admin.TabularInline):
    model = Post
    fk_name = "series"
    fields = ["title", "series_order", "status", "publish_at"]
    readonly_fields = ["title", "status", "publish_at"]
    extra = 0
    # Deleting here would delete the post; a post leaves a series from its own form.
    can_delete = False
    show_change_link = True
    verbose_name = _("post in this series")
    verbose_name_plural = _("posts in this series, in reading order")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).order_by(*SERIES_ORDER)


class SeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "post_count", "site_link"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "description"]
    inlines = [SeriesPartInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_posts=Count("posts"))

    @admin.display(description=_("posts"), ordering="num_posts")
    def post_count(self, obj):
        return obj.num_posts

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), _("View"))


class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = [
        "title",
        "slug",
        "status",
        "show_in_navigation",
        "navigation_order",
        "updated_at",
        "site_link",
    ]
    list_editable = ["show_in_navigation", "navigation_order"]
    list_filter = ["status", "show_in_navigation"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}

    @admin.display(description=_("on the site"))
    def site_link(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)
