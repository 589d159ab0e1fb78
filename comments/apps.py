from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Readers' comments on posts: model, sanitising renderer, anti-spam, moderation.

    Public surface for other apps: ``comments.models.Comment`` (with
    ``Comment.objects.approved()``), ``comments.views.CommentsMixin`` (shows a
    post's comments and takes a new one; the post page decides which post is
    addressed; ``OWN_COMMENTS_SESSION_KEY`` names the session entry of a
    reader's pending comments), ``comments.spam.issue_token`` (a fresh form
    token, for pages cached with placeholders), ``comments.rendering.
    render_comment`` (for importers bringing comments in), the
    ``pending_comment_count`` template tag and
    ``comments.signals.comments_changed`` (visible comments changed).
    """

    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from comments import signals

        signals.connect()
