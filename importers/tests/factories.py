"""Fixture files for the importer tests: small Octopress and Jekyll sites, a Disqus
export and a WordPress export."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from posts.models import Post

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "octopress"
EXPORT = FIXTURES / "disqus.xml"
JEKYLL_SITE = FIXTURES / "jekyll_site"
WORDPRESS_EXPORT = FIXTURES / "wordpress.xml"


def wxr_export(*items):
    """A WXR 1.2 file (bytes) holding the given ``<item>`` strings."""
    return (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version>" + "".join(items) + "</channel></rss>"
    ).encode()


def wxr_item(post_id, title, content, *extra):
    """A published post ``<item>``; ``extra`` elements are added inside it."""
    return (
        f"<item><title>{title}</title><content:encoded><![CDATA[{content}]]></content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_name>p{post_id}</wp:post_name>"
        "<wp:post_date_gmt>2015-01-01 00:00:00</wp:post_date_gmt>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        + "".join(extra)
        + "</item>"
    )


# Good posts in the Octopress fixture site (four more files are refused).
IMPORTED = 10


def run_import(*args):
    """``import_jekyll`` of the Octopress fixture site; what it printed."""
    out = StringIO()
    call_command("import_jekyll", str(SITE), *args, stdout=out)
    return out.getvalue()


def post_at(url):
    return next(post for post in Post.objects.all() if post.get_absolute_url() == url)
