import hashlib

from django.conf import settings
from django.core.paginator import InvalidPage
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

from posts.lists import RememberedCountPaginator, by_year
from posts.models import Page, Post, Series, published_tags
from posts.pagecache.generation import remember

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
        slug = self.kwargs["slug"]

        def find():
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                raise Http404(_("No such page."))
            return tag

        # The tag, remembered once per change to the site (a tag saved or
        # deleted is one): the page asks the database for its posts only. An
        # unknown slug raises before anything is stored, so made-up
        # addresses cannot fill the cache.
        digest = hashlib.sha256(slug.encode()).hexdigest()[:32]
        self.tag = remember(f"tag:{digest}", find)
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


class PreviewMixin:
    """For a detail view of ``model``: readers get published objects only;
    staff get every one, an unpublished one as a preview (``is_preview``)."""

    def get_queryset(self):
        objects = self.model.objects
        return objects.all() if self.request.user.is_staff else objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_published, **kwargs)


class PageDetailView(PreviewMixin, DetailView):
    """A standalone page at ``/<slug>/``; staff also see drafts, as a preview."""

    model = Page
    template_name = "posts/page_detail.html"
    context_object_name = "page"
