"""One WordPress ``<item>`` as the post it becomes: pure, no database.

Statuses: ``publish`` and ``future`` are published (a future date makes the
post scheduled), ``draft``, ``pending`` and ``private`` are drafts, and so
is a password-protected post (the blog has no passwords: its words stay
hidden until the author decides); trashed posts and auto-drafts are skipped.
Dates are ``post_date_gmt``, else ``post_date`` in ``TIME_ZONE`` (drafts
carry a zero GMT date).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote

from django.utils import timezone
from django.utils.translation import gettext as _

from importers.frontmatter import text_field
from importers.wordpress_body import convert_body
from importers.wxr import MAX_FIELD_CHARS
from posts.models import Post
from posts.rendering import plain_text
from posts.slugs import unicode_slug

STATUSES = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.PUBLISHED,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.DRAFT,
    "private": Post.Status.DRAFT,
}
# The category every uncategorised WordPress post is in: not worth a tag.
UNCATEGORIZED = "uncategorized"
TAG_DOMAINS = ("category", "post_tag")


class BadItem(ValueError):
    """An item that cannot be imported; the message says why."""


@dataclass
class ParsedItem:
    wordpress_id: int
    title: str
    slug: str
    body: str
    summary: str
    status: str
    publish_at: datetime | None
    comments_open: bool
    tags: list
    links: list
    comments: list
    warnings: list = field(default_factory=list)

    @property
    def key_path(self):
        """The recorded old address that identifies the post across imports."""
        return f"/?p={self.wordpress_id}"


def parse_moment(gmt, local):
    """An aware datetime from WordPress's GMT date, else its local one; None if neither."""
    for text, zone in ((gmt, UTC), (local, timezone.get_default_timezone())):
        if not text or text.startswith("0000-00-00"):
            continue
        try:
            moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return moment.replace(tzinfo=zone) if zone is UTC else timezone.make_aware(moment, zone)
    return None


def item_id(item):
    if not item.id.isdigit() or len(item.id) > 18:
        raise BadItem(_("no post id"))
    return int(item.id)


def _slug(item, title, wordpress_id):
    slug = unquote(item.name, errors="replace").strip()
    if not slug:
        slug = unicode_slug(title) or f"post-{wordpress_id}"
    if "/" in slug or any(ord(char) < 32 or ord(char) == 127 for char in slug):
        raise BadItem(_("the slug %(slug)r cannot be part of a URL") % {"slug": slug})
    return slug[:200]


def _tags(item):
    names = {}
    for domain, nicename, name in item.categories:
        if domain not in TAG_DOMAINS or nicename.lower() == UNCATEGORIZED:
            continue
        name = text_field(name)[:100]
        if name:
            names.setdefault(name.lower(), name)
    return list(names.values())


def parse_item(item):
    """A post ``<item>`` as a :class:`ParsedItem`; BadItem says why it cannot be."""
    wordpress_id = item_id(item)
    if item.status not in STATUSES:
        raise BadItem(_("status %(status)s is not imported") % {"status": item.status or "?"})
    if len(item.content) > MAX_FIELD_CHARS:
        raise BadItem(_("larger than %(size)d MB") % {"size": MAX_FIELD_CHARS >> 20})
    warnings = []
    title = text_field(item.title)[:200]
    if not title:
        title = _("Untitled")
        warnings.append(_("no title"))
    status = STATUSES[item.status]
    if item.password and status == Post.Status.PUBLISHED:
        status = Post.Status.DRAFT
        warnings.append(_("protected by a password in WordPress; imported as a draft"))
    converted = convert_body(item.content)
    publish_at = parse_moment(item.date_gmt, item.date)
    return ParsedItem(
        wordpress_id=wordpress_id,
        title=title,
        slug=_slug(item, text_field(item.title), wordpress_id),
        body=converted.text,
        summary=plain_text(item.excerpt, skip_code=False),
        status=status,
        publish_at=publish_at,
        comments_open=item.comment_status != "closed",
        tags=_tags(item),
        links=[link for link in (item.link, f"/?p={wordpress_id}") if link],
        comments=item.comments,
        warnings=warnings + converted.warnings,
    )
