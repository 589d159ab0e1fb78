import pytest
from django.urls import Resolver404, resolve, reverse

from posts.converters import SlugPartConverter, slug_spellings


def test_dates_are_padded_when_reversed():
    url = reverse("posts:detail", kwargs={"year": 2013, "month": 9, "day": 6, "slug": "x"})
    assert url == "/blog/2013/09/06/x/"


def test_unpadded_dates_resolve_too():
    match = resolve("/blog/2012/9/7/x/")
    assert (match.kwargs["year"], match.kwargs["month"], match.kwargs["day"]) == (2012, 9, 7)


@pytest.mark.parametrize("slug", ["Hello.World:Again-", "服务网格入门", "under_score", "100%25"])
def test_octopress_slugs_round_trip(slug):
    url = reverse("posts:detail", kwargs={"year": 2013, "month": 1, "day": 1, "slug": slug})
    assert resolve(url).kwargs["slug"] in slug_spellings(slug) + [slug]


@pytest.mark.parametrize("path", ["/blog/2013/01/01/a\x00b/", "/blog/2013/01/01/a\x1fb/"])
def test_control_characters_never_reach_a_view(path):
    with pytest.raises(Resolver404):
        resolve(path)


def test_a_percent_encoded_slug_is_spelt_as_octopress_spelt_it():
    encoded = "%E4%B8%AD%E6%96%87"
    assert SlugPartConverter().to_url(encoded) == "中文"
    url = reverse("posts:detail", kwargs={"year": 2017, "month": 7, "day": 7, "slug": encoded})
    assert url == "/blog/2017/07/07/%E4%B8%AD%E6%96%87/"
    assert encoded in slug_spellings("中文")
    assert encoded.lower() in slug_spellings("中文")
