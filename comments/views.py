import re

from django.contrib import messages
from django.core import signing
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from blog.http import client_ip
from comments import spam
from comments.forms import CommentForm
from comments.models import Comment
from comments.moderation import initial_status, notify_author
from comments.notices import announce_replies, check_unsubscribe_token, unsubscribe

# Comments a reader posted that still wait: shown to them, marked as waiting.
# Named when comments were part of the posts app; kept so that readers' sessions
# from then still show their pending comments.
OWN_COMMENTS_SESSION_KEY = "posts.own_comments"
OWN_COMMENTS_KEPT = 20


def threaded(comments):
    """Top-level comments in order, each with ``thread_replies``; orphans become top-level."""
    visible = {comment.pk for comment in comments}
    replies = {}
    for comment in comments:
        if comment.parent_id in visible:
            replies.setdefault(comment.parent_id, []).append(comment)
    top = [comment for comment in comments if comment.parent_id not in visible]
    for comment in top:
        comment.thread_replies = replies.get(comment.pk, [])
    return top


class CommentsMixin:
    """For a post's detail view: its comments and form in the context, and
    ``take_comment`` for a comment POSTed to the post's URL."""

    comment_form = None

    def own_comment_ids(self):
        return self.request.session.get(OWN_COMMENTS_SESSION_KEY, [])

    def get_comments(self):
        """The post's thread as this reader sees it (approved comments and
        their own pending ones); sets the post's ``num_comments``."""
        own = self.own_comment_ids()
        visible = Q(status=Comment.Status.APPROVED)
        if own:
            visible |= Q(pk__in=own, status=Comment.Status.PENDING)
        # Only what a thread shows: not the source, address, IP or user agent.
        shown = ("post", "parent", "name", "website", "body_html", "status", "created_at")
        comments = self.object.comments.filter(visible).only(*shown).order_by("created_at", "id")
        comments = list(comments)
        # The count readers see (approved only) from the comments read here,
        # not from a subquery of its own in the post's query.
        self.object.num_comments = sum(c.status == Comment.Status.APPROVED for c in comments)
        return threaded(comments)

    def issue_comment_token(self):
        """The one-use token for the form shown; a view that caches pages
        may return a placeholder filled in per reader."""
        return spam.issue_token(self.object.pk)

    def get_comment_form(self):
        if self.comment_form is not None:
            return self.comment_form
        form = CommentForm(post=self.object, token=self.issue_comment_token())
        reply_to = self.request.GET.get("replyto", "")
        if re.fullmatch(r"[0-9]{1,18}", reply_to):
            form.initial["parent"] = reply_to
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comments"] = self.get_comments()
        if self.object.comments_open and self.object.is_published:
            context["comment_form"] = self.get_comment_form()
        return context

    def take_comment(self, request):
        """Take a comment POSTed for ``self.object``, a published post the view
        has already found at its own address; redirect to it, or show the form
        again with what the reader typed and why it was refused."""
        if not self.object.comments_open:
            messages.error(request, _("Comments are closed for this post."))
            return self.render_to_response(self.get_context_data(object=self.object), status=403)
        form = CommentForm(request.POST, post=self.object, ip_address=client_ip(request))
        if not form.is_valid() and form.already_sent:
            earlier = self.comment_sent_before(form.data.get("token"))
            if earlier is not None:
                return self.comment_taken(request, earlier)
        if not form.is_valid():
            data = form.data.copy()
            data["token"] = spam.refresh_token(data.get("token"), self.object.pk)
            form.data = data
            self.comment_form = form
            status = 429 if form.rate_limited else 400
            return self.render_to_response(self.get_context_data(object=self.object), status=status)
        comment = form.save(commit=False)
        # Control characters (NUL above all) have no business in a stored header.
        user_agent = request.headers.get("User-Agent", "")
        comment.user_agent = re.sub(r"[\x00-\x1f\x7f]", "", user_agent)[:300]
        # The author's own comments need no moderation. Without the cache
        # neither the rate limit nor the one-use token held: the comment is
        # kept, and a person looks at it before readers do.
        staff = request.user.is_authenticated and request.user.is_staff
        if staff:
            comment.status = Comment.Status.APPROVED
        elif form.unguarded:
            comment.status = Comment.Status.PENDING
        else:
            comment.status = initial_status(comment)
        comment.save()
        spam.record_comment(form.cleaned_data["token"], comment.pk)
        notify_author(comment, request)
        announce_replies([comment], request)
        return self.comment_taken(request, comment)

    def comment_sent_before(self, token):
        """The comment an earlier submission of the same form posted on this post, or None."""
        comment_id = spam.comment_sent_with(token)
        if comment_id is None:
            return None
        return self.object.comments.filter(pk=comment_id).first()

    def comment_taken(self, request, comment):
        """Thank the reader and send them to their comment.

        A double-clicked form ends here twice with one comment: both answers
        are the same, and either session remembers the pending comment.
        """
        if comment.status == Comment.Status.APPROVED:
            messages.success(request, _("Thank you! Your comment is published."))
        else:
            earlier = [pk for pk in self.own_comment_ids() if pk != comment.pk]
            own = [*earlier, comment.pk][-OWN_COMMENTS_KEPT:]
            request.session[OWN_COMMENTS_SESSION_KEY] = own
            messages.info(
                request,
                _("Thank you! Your comment is waiting for approval and will appear once approved."),
            )
        return redirect(comment.get_absolute_url())


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(TemplateView):
    """The link in a reply notice: GET asks, POST stops reply notices for good.

    GET only shows a confirmation with a button, because mail scanners open
    links to check them and must not unsubscribe anyone. POST unsubscribes,
    from that button or from a mail program's one-click unsubscribe
    (RFC 8058), which posts without a CSRF token: the signed token is the
    authority. A token this site did not make answers 400 to both.
    """

    template_name = "comments/unsubscribe.html"
    # Not HEAD: link checkers probe with it; GET alone is enough to ask.
    http_method_names = ["get", "post"]

    def get(self, request, token):
        try:
            check_unsubscribe_token(token)
        except signing.BadSignature:
            return self.invalid()
        return self.render_to_response({})

    def post(self, request, token):
        try:
            unsubscribe(token)
        except signing.BadSignature:
            return self.invalid()
        return self.response_class(request, "comments/unsubscribed.html", {"invalid": False})

    def invalid(self):
        return self.response_class(
            self.request, "comments/unsubscribed.html", {"invalid": True}, status=400
        )
