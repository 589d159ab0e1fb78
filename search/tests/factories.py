"""Helpers for the search app's tests: the search page as a reader sees it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from posts.models import Post
from search.query import search_posts
from search.text import parse_query

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL full-text search only"
)


def search(client, query, **params):
    return client.get(reverse("search:search"), {"q": query, **params})


def found(response):
    """The titles the search page lists, in order."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select(".search-result .entry-title a")]


def slugs(query):
    """The slugs of the published posts ``query`` finds, best first."""
    return [post.slug for post in search_posts(Post.objects.published(), parse_query(query))]
