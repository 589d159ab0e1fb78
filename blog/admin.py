"""The blog's admin site: Django's, with throttled sign-in and the import pages.

``BlogAdminConfig`` (in ``blog.apps``) makes it the default site, so every
app's ``admin.py`` registers on it through ``django.contrib.admin.site`` as
usual.
"""

from django.contrib.admin import AdminSite

from blog.throttle import ThrottledAdminAuthenticationForm
from importers import admin_views as import_views


class BlogAdminSite(AdminSite):
    # Every sign-in goes through the throttled form.
    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        """Django's sign-in page; 429 when the attempt was refused by the throttle."""
        response = super().login(request, extra_context)
        form = getattr(response, "context_data", {}).get("form")
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response

    def get_urls(self):
        return [*import_views.urls(self), *super().get_urls()]
