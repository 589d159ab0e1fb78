from django.contrib import admin
from django.urls import include, path

from blog.health import healthz
from blog.media import serve_media

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("media/<path:path>", serve_media, name="media"),
    path("search/", include("search.urls")),
    path("comments/", include("comments.urls")),
    # Last: its final route gives standalone pages every first segment left free.
    path("", include("posts.urls")),
]

# A database outage met outside any view (rendering a 404 page, say) is a 503.
handler500 = "blog.outages.server_error"
