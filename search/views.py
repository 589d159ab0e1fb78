from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from posts.models import Post
from search.forms import SearchForm
from search.highlight import mark, snippet, term_pattern
from search.query import matched_through_the_index, search_paginator
from search.text import parse_query


@dataclass(frozen=True)
class SearchResult:
    post: Post
    title_html: str
    snippet_html: str


class SearchView(TemplateView):
    """``/search/?q=…&page=N``: published posts matching every term, best first.

    Without a query it shows the form. A query the form refuses (too long, NUL
    bytes) or a malformed page number answers 400 with the form and its
    message; a page past the end is a 404.
    """

    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET or None)
        context = self.get_context_data(form=form, query="", results=[], page_obj=None)
        if not form.is_bound:
            return self.render_to_response(context)
        if not form.is_valid():
            return self.render_to_response(context, status=400)
        query = form.cleaned_data["q"]
        if query:
            context.update(query=query, **self.search(query, form.cleaned_data["page"] or 1))
        return self.render_to_response(context)

    def search(self, query, number):
        terms = parse_query(query)
        posts = Post.objects.published().only("title", "slug", "publish_at", "search_text")
        paginator = search_paginator(posts, terms, settings.POSTS_PER_PAGE)
        try:
            with matched_through_the_index(posts.db):
                page = paginator.page(number)
        except InvalidPage as exc:
            raise Http404(_("No such page.")) from exc
        pattern = term_pattern(terms)
        results = [
            SearchResult(post, mark(post.title, pattern), snippet(post.search_text, pattern))
            for post in page.object_list
        ]

        def page_url(n):
            return "?" + urlencode({"q": query, "page": n} if n > 1 else {"q": query})

        return {
            "results": results,
            "page_obj": page,
            "paginator": paginator,
            "next_url": page_url(page.next_page_number()) if page.has_next() else "",
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
        }
