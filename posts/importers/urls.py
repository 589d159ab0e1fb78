from django.contrib import admin
from django.urls import path

from posts.importers import admin_views

app_name = "importers"

urlpatterns = [
    path("jekyll/", admin.site.admin_view(admin_views.jekyll_upload), name="jekyll"),
    path("disqus/", admin.site.admin_view(admin_views.disqus_upload), name="disqus"),
]
