from django.contrib import admin
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import Comment
from comments.notices import announce_replies
from comments.signals import comments_changed


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "excerpt", "post_link", "status", "created_at", "ip_address"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "body", "ip_address", "post__title"]
    list_select_related = ["post"]
    raw_id_fields = ["post", "parent"]
    readonly_fields = [
        "ip_address",
        "user_agent",
        "source_id",
        "created_at",
        "notify_replies",
        "reply_notice_sent",
    ]
    actions = ["approve", "mark_spam", "remove"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_ordering(self, request):
        # Pending comments are the work to do: list them first, newest first.
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-id"]

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    @admin.display(description=_("post"), ordering="post__title")
    def post_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>',
            comment.get_absolute_url(),
            Truncator(comment.post.title).chars(40),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A reply written or approved here tells the commenter it answers.
        announce_replies([obj], request)

    def set_status(self, request, queryset, status):
        post_ids = sorted(set(queryset.values_list("post_id", flat=True)))
        count = queryset.update(status=status)
        # update() sends no per-comment signal: say once what changed.
        comments_changed.send(sender=Comment, post_ids=post_ids, using=queryset.db)
        message = ngettext(
            "%(count)d comment is now %(status)s.", "%(count)d comments are now %(status)s.", count
        )
        self.message_user(request, message % {"count": count, "status": status.label})

    @admin.action(description=_("Approve selected comments"))
    def approve(self, request, queryset):
        self.set_status(request, queryset, Comment.Status.APPROVED)
        announce_replies(queryset, request)

    @admin.action(description=_("Mark selected comments as spam"))
    def mark_spam(self, request, queryset):
        self.set_status(request, queryset, Comment.Status.SPAM)

    @admin.action(description=_("Remove selected comments"))
    def remove(self, request, queryset):
        self.set_status(request, queryset, Comment.Status.REMOVED)
