from django.contrib.admin.apps import AdminConfig


class BlogAdminConfig(AdminConfig):
    """Django's admin app, with the blog's admin site as the default site."""

    default_site = "blog.admin.BlogAdminSite"
