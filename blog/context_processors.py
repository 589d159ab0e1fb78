from django.conf import settings


def blog(request):
    """The blog's name and author for every template."""
    return {
        "blog_title": settings.BLOG_TITLE,
        "blog_subtitle": settings.BLOG_SUBTITLE,
        "blog_author": settings.BLOG_AUTHOR,
    }
