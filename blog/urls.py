from django.contrib import admin
from django.urls import include, path

from posts.health import healthz

urlpatterns = [
    path("admin/import/", include("posts.importers.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("posts.urls")),
]
