"""The post page: one post at its Octopress permalink, with its comments."""

from datetime import date

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from taggit.models import Tag

from comments.views import CommentsMixin
from posts.converters import slug_spellings
from posts.models import OldPermalink, Post, published_filter
from posts.pagecache.generation import remember
from posts.pagecache.holes import hole
from posts.views import PreviewMixin


class PostDetailView(PreviewMixin, CommentsMixin, DetailView):
    """One post at its Octopress permalink.

    The slug decides: a right slug under a wrong date answers 301 with the
    right URL. Staff also see drafts and scheduled posts, as a preview.
    """

    model = Post
    template_name = "posts/post_detail.html"
    context_object_name = "post"

    def requested(self):
        """The slug spellings and the local date this URL asks for (None if impossible)."""
        try:
            wanted = date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError:
            wanted = None
        return slug_spellings(self.kwargs["slug"]), wanted

    def is_canonical(self, post):
        spellings, wanted = self.requested()
        return post.slug in spellings and post.publish_date == wanted

    def get_object(self, queryset=None):
        """The post this URL names: exactly, at an old address, or under a wrong date."""
        spellings, wanted = self.requested()
        candidates = list(
            self.get_queryset()
            .filter(slug__in=spellings)
            .without_sources()
            .select_related("author", "series")
        )
        for post in candidates:
            if post.publish_date == wanted:
                return post
        # A post whose slug or date was changed keeps answering at its old URL.
        moved = (
            OldPermalink.objects.filter(
                slug__in=spellings, date=wanted, post__in=self.get_queryset()
            )
            .select_related("post")
            .first()
        )
        if moved is not None:
            return moved.post
        if not candidates:
            raise Http404(_("No post at this address."))
        return candidates[0]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.is_canonical(self.object):
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def issue_comment_token(self):
        # Per reader, even in a page cached for everyone.
        return hole(self.request, "comment-token", self.object.pk)

    def post(self, request, *args, **kwargs):
        """A reader's comment, taken only at the post's own address."""
        self.object = self.get_object()
        if not self.is_canonical(self.object) or not self.object.is_published:
            raise Http404(_("No post at this address."))
        return self.take_comment(request)

    def get_context_data(self, **kwargs):
        post = self.object
        # Read plainly: taggit's prefetching cost more than the query. In the
        # order PostgreSQL's DISTINCT gave them when they were prefetched.
        tags = list(Tag.objects.filter(tagged_posts__content_object=post).order_by("pk"))
        return super().get_context_data(
            **self.links(post, tags),
            post_tags=tags,
            csrf_token=hole(self.request, "csrf"),
            **self.series_context(post),
            **kwargs,
        )

    def links(self, post, tags):
        """The previous, next and related posts: they depend on other posts,
        so they are looked up once per change to the site (one cache read),
        not per request. Ranking every post that shares a tag grows with the
        blog (30 ms at 10,000 posts)."""

        def look_up():
            published = Post.objects.published()
            return {
                "previous_post": published.older_than(post).first(),
                "next_post": published.newer_than(post).first(),
                "related_posts": published.related_to(post, [tag.pk for tag in tags]),
            }

        return remember(f"post-links:{post.pk}", look_up)

    def series_context(self, post):
        """The post's series, its parts in order (a preview sees itself among
        them), its number and its neighbours in the series."""
        if post.series is None:
            return {}
        visible = Post.objects.filter(Q(pk=post.pk) | published_filter())
        parts = list(post.series.parts(visible).only("title", "slug", "publish_at", "series_order"))
        number = next(index for index, part in enumerate(parts, 1) if part.pk == post.pk)
        return {
            "series": post.series,
            "series_parts": parts,
            "series_number": number,
            "series_previous": parts[number - 2] if number > 1 else None,
            "series_next": parts[number] if number < len(parts) else None,
        }
