from datetime import date

from django.conf import settings
from django.core.paginator import InvalidPage
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, RedirectView
from taggit.models import Tag

from comments.views import CommentsMixin
from posts.converters import slug_spellings
from posts.lists import RememberedCountPaginator, by_year
from posts.models import OldPermalink, Page, Post, Series, published_filter, published_tags
from posts.pagecache.generation import remember
from posts.pagecache.holes import hole

# Links on one archive page: a long year, cheap to render, on one page.
ARCHIVE_PAGE_SIZE = 250


class PostListMixin:
    """Published posts, newest first, paginated by the URL's page number only.

    Page 1 lives at the list's own URL: ``/page/1/``, a page past the end or a
    page of an empty list is a 404, and ``?page=`` is ignored.
    """

    context_object_name = "posts"
    allow_empty = True
    page_size = None  # default: POSTS_PER_PAGE

    def get_paginate_by(self, queryset):
        return self.page_size or settings.POSTS_PER_PAGE

    def get_allow_empty(self):
        # An empty list that must not be is refused by the paginator (no
        # first page), from the remembered count: ListView's own check
        # would cost a query per request.
        return True

    def get_queryset(self):
        return Post.objects.published().for_listing()

    def count_name(self):
        """Names the list for its remembered count."""
        return type(self).__name__

    def get_paginator(self, queryset, per_page, **kwargs):
        return RememberedCountPaginator(queryset, per_page, count_name=self.count_name(), **kwargs)

    def paginate_queryset(self, queryset, page_size):
        number = self.kwargs.get("page", 1)
        if "page" in self.kwargs and number < 2:
            raise Http404(_("Page 1 is the list itself."))
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=self.allow_empty)
        try:
            page = paginator.page(number)
        except InvalidPage as exc:
            raise Http404(_("No such page.")) from exc
        return paginator, page, page.object_list, page.has_other_pages()


class PostIndexView(PostListMixin, ListView):
    """The front page and its older pages.

    Page 1 starts with the pinned posts, newest first, and does not show them
    again further down; later pages are untouched, so a pinned post also
    keeps its normal place in the blog's order.
    """

    template_name = "posts/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pinned = []
        if context["page_obj"].number == 1:
            # Looked up once per change to the site: a pinned post's entry
            # changes with its comment count, which changes the site too.
            pinned = remember("pinned-posts", lambda: list(self.get_queryset().filter(pinned=True)))
        pinned_ids = {post.pk for post in pinned}
        posts = [post for post in context["object_list"] if post.pk not in pinned_ids]
        context.update(pinned_posts=pinned, posts=posts)
        return context


class TagDetailView(PostListMixin, ListView):
    template_name = "posts/tag_detail.html"
    allow_empty = False

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def count_name(self):
        return f"tag:{self.tag.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArchiveView(PostListMixin, ListView):
    """Every published post by year, newest first, in pages of ``ARCHIVE_PAGE_SIZE``
    so that a page costs the same whatever the size of the blog."""

    template_name = "posts/archives.html"
    page_size = ARCHIVE_PAGE_SIZE

    def get_queryset(self):
        return (
            Post.objects.published()
            .only("title", "slug", "publish_at")
            .order_by("-publish_at", "-id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]

        # Hundreds of links, each with its URL reversed: rendered once per
        # change to the site (any change to a post replaces it), not per request.
        def render():
            years = by_year(page.object_list)
            return render_to_string("posts/includes/archive_years.html", {"years": years})

        context["years_html"] = mark_safe(remember(f"archives:{page.number}", render))
        return context


class TagListView(ListView):
    template_name = "posts/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return published_tags().order_by("name")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the real one."""
    return redirect(static("img/favicon.svg"), permanent=True)


class CategoryRedirectView(RedirectView):
    """Old Octopress category pages move permanently to the matching tag."""

    permanent = True

    def get_redirect_url(self, name):
        tag = (
            published_tags().filter(slug__in={name, slugify(name, allow_unicode=True)}).first()
        ) or published_tags().filter(name__iexact=name.replace("-", " ")).first()
        if tag is None:
            raise Http404(_("No such category."))
        return reverse("posts:tag", kwargs={"slug": tag.slug})


class SeriesListView(ListView):
    """Every series with a published post, most recently continued first."""

    template_name = "posts/series_list.html"
    context_object_name = "series_list"

    def get_queryset(self):
        return Series.objects.with_published_parts()


class SeriesDetailView(DetailView):
    """One series: its published posts in reading order (404 if it has none)."""

    template_name = "posts/series_detail.html"
    context_object_name = "series"

    def get_object(self, queryset=None):
        return get_object_or_404(Series.objects.with_published_parts(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        parts = self.object.parts(Post.objects.published()).only(
            "title", "slug", "publish_at", "reading_minutes", "series_order"
        )
        return super().get_context_data(parts=parts, **kwargs)


class PageDetailView(DetailView):
    """A standalone page at ``/<slug>/``; staff also see drafts, as a preview."""

    template_name = "posts/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        if self.request.user.is_staff:
            return Page.objects.all()
        return Page.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_published, **kwargs)


class PostDetailView(CommentsMixin, DetailView):
    """One post at its Octopress permalink.

    The slug decides: a right slug under a wrong date answers 301 with the
    right URL. Staff also see drafts and scheduled posts, as a preview.
    """

    template_name = "posts/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        if self.request.user.is_staff:
            return Post.objects.all()
        return Post.objects.published()

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
            # The Markdown source and the search fields are not shown: not loaded.
            .defer("body", "search_text", "search_vector")
            .with_comment_counts()
            .select_related("author", "series")
            .prefetch_related("tags")
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
        return super().get_context_data(
            **self.links(post),
            is_preview=not post.is_published,
            csrf_token=hole(self.request, "csrf"),
            **self.series_context(post),
            **kwargs,
        )

    def links(self, post):
        """The previous, next and related posts: they depend on other posts,
        so they are looked up once per change to the site (one cache read),
        not per request. Ranking every post that shares a tag grows with the
        blog (30 ms at 10,000 posts)."""

        def look_up():
            published = Post.objects.published()
            return {
                "previous_post": published.older_than(post).first(),
                "next_post": published.newer_than(post).first(),
                "related_posts": published.related_to(post),
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
