from django.urls import path, register_converter

from posts import feeds, views
from posts.converters import DayConverter, MonthConverter, SlugPartConverter, YearConverter
from posts.post_detail import PostDetailView
from posts.sitemaps import robots_txt, sitemap_xml

register_converter(YearConverter, "yyyy")
register_converter(MonthConverter, "mm")
register_converter(DayConverter, "dd")
register_converter(SlugPartConverter, "slugpart")

app_name = "posts"

urlpatterns = [
    path("", views.PostIndexView.as_view(), name="index"),
    path("page/<int:page>/", views.PostIndexView.as_view(), name="index_page"),
    path(
        "blog/<yyyy:year>/<mm:month>/<dd:day>/<slugpart:slug>/",
        PostDetailView.as_view(),
        name="detail",
    ),
    path("blog/archives/", views.ArchiveView.as_view(), name="archives"),
    path("blog/archives/page/<int:page>/", views.ArchiveView.as_view(), name="archives_page"),
    path(
        "blog/categories/<slugpart:name>/",
        views.CategoryRedirectView.as_view(),
        name="category",
    ),
    path("tags/", views.TagListView.as_view(), name="tags"),
    path("tags/<slugpart:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<slugpart:slug>/page/<int:page>/", views.TagDetailView.as_view(), name="tag_page"),
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("series/<slugpart:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("series/<slugpart:slug>/atom.xml", feeds.series_atom, name="series_atom"),
    path("atom.xml", feeds.site_atom, name="atom"),
    path("rss.xml", feeds.site_rss, name="rss"),
    path("tags/<slugpart:slug>/atom.xml", feeds.tag_atom, name="tag_atom"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Standalone pages take any free first segment: this must stay the last
    # route of the site (blog/urls.py includes this URLconf last).
    path("<slugpart:slug>/", views.PageDetailView.as_view(), name="page"),
]
