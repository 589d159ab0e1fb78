from django.contrib import admin
from django.urls import include, path

from posts.health import healthz
from posts.media_views import serve_media

urlpatterns = [
    path("admin/import/", include("posts.importers.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("media/<path:path>", serve_media, name="media"),
    path("", include("posts.urls")),
]
