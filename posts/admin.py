from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from posts.forms import PostAdminForm
from posts.models import Post
from posts.throttle import ThrottledAdminAuthenticationForm

# Every admin sign-in goes through the throttled form.
admin.site.login_form = ThrottledAdminAuthenticationForm


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostAdminForm
    list_display = ["title", "status", "publish_at", "tag_list", "updated_at"]
    list_filter = ["status", "publish_at", "tags"]
    search_fields = ["title", "slug", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "tags"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "comments_open", "summary"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("tags"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())
