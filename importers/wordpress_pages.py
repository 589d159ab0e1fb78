"""WordPress standalone pages (``post_type`` page) as the blog's pages.

A published page stays published; any other status, or a password, makes a
draft (pages have no schedule and no passwords here). A top-level published
page goes into the navigation in WordPress's menu order, as WordPress lists
pages when no menu is set; the author's later choices there are kept on a
second import. Pages live at ``/<slug>/``: a slug the blog's own URLs use, or
another page has, gets ``-<page id>``. Each page's ``<link>`` and
``/?page_id=N`` redirect to it; ``/?page_id=N`` also identifies the page
across imports. Comments on pages are counted, not imported: pages have none.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from importers import original_urls
from importers.frontmatter import text_field
from importers.report import OUTCOMES
from importers.wordpress_body import convert_body
from importers.wordpress_items import BadItem, item_id
from importers.wxr import MAX_FIELD_CHARS
from posts.models import Page
from posts.reserved import reserved_slugs
from posts.slugs import unicode_slug

SKIPPED_STATUSES = ("trash", "auto-draft", "inherit")
_FIELDS = ("title", "slug", "body", "status")


@dataclass
class ParsedPage:
    wordpress_id: int
    title: str
    slug: str
    body: str
    status: str
    in_navigation: bool
    navigation_order: int
    links: list
    warnings: list = field(default_factory=list)

    @property
    def key_path(self):
        return f"/?page_id={self.wordpress_id}"


def _slug(item, title, wordpress_id):
    slug = unquote(item.name, errors="replace").strip()
    try:
        validate_unicode_slug(slug)
    except ValidationError:
        slug = unicode_slug(slug or title)
    return slug[:190] or f"page-{wordpress_id}"


def parse_page(item):
    """A page ``<item>`` as a :class:`ParsedPage`; BadItem says why it cannot be."""
    wordpress_id = item_id(item)
    if item.status in SKIPPED_STATUSES:
        raise BadItem(_("status %(status)s is not imported") % {"status": item.status})
    if len(item.content) > MAX_FIELD_CHARS:
        raise BadItem(_("larger than %(size)d MB") % {"size": MAX_FIELD_CHARS >> 20})
    title = text_field(item.title)[:200] or _("Untitled")
    converted = convert_body(item.content)
    published = item.status == "publish" and not item.password
    warnings = list(converted.warnings)
    if item.comments:
        count = len(item.comments)
        warnings.append(
            ngettext(
                "%(count)d comment not imported (pages have no comments)",
                "%(count)d comments not imported (pages have no comments)",
                count,
            )
            % {"count": count}
        )
    return ParsedPage(
        wordpress_id=wordpress_id,
        title=title,
        slug=_slug(item, text_field(item.title), wordpress_id),
        body=converted.text,
        status=Page.Status.PUBLISHED if published else Page.Status.DRAFT,
        in_navigation=published and item.parent_id in ("", "0"),
        navigation_order=int(item.menu_order) if item.menu_order.isdigit() else 0,
        links=[link for link in (item.link, f"/?page_id={wordpress_id}") if link],
        warnings=warnings,
    )


def save_pages(parsed, report, dry_run):
    """Create or update the pages of ``parsed`` and record their old addresses."""
    if not parsed:
        return
    existing = original_urls.imported(Page, "/?page_id=", parsed)
    mine = {page.pk for page in existing.values()}
    taken = set(Page.objects.exclude(pk__in=mine).values_list("slug", flat=True))
    reserved = reserved_slugs()
    addresses = []
    for item in parsed:
        slug = item.slug
        if slug in taken or slug.lower() in reserved:
            slug = f"{slug}-{item.wordpress_id}"
            report.warn(
                item.title,
                _("another page or the blog has this address; slug %(slug)s") % {"slug": slug},
            )
        taken.add(slug)
        values = {"title": item.title, "slug": slug, "body": item.body, "status": item.status}
        page = existing.get(item.wordpress_id)
        if page is None:
            page = Page(
                show_in_navigation=item.in_navigation,
                navigation_order=item.navigation_order,
                **values,
            )
            report.add("pages_created")
            report.record(item.title, OUTCOMES["created"])
        elif all(getattr(page, name) == value for name, value in values.items()):
            report.add("pages_unchanged")
            report.record(item.title, OUTCOMES["unchanged"])
            addresses += [(page, link) for link in item.links]
            continue
        else:
            report.add("pages_updated")
            report.record(item.title, OUTCOMES["updated"])
            for name, value in values.items():
                setattr(page, name, value)
        if not dry_run:
            page.save()
        addresses += [(page, link) for link in item.links]
    original_urls.record(addresses, report, dry_run=dry_run)
