"""Import a WordPress export (WXR) into posts and comments.

Posts are identified across imports by the old address ``/?p=<post id>``
recorded for each one (``posts.models.OriginalURL``), so importing the same
file again updates instead of duplicating. Each post's ``<link>`` and
``?p=N`` redirect to it. Attachments are listed with their URLs and other
item types counted. Comments follow in ``importers.wordpress_comments``,
standalone pages in ``importers.wordpress_pages``.
"""

from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from blog.batches import batched
from importers import original_urls
from importers.report import Report
from importers.tagging import TagCache, TagLinks, existing_tag_ids
from importers.wordpress_comments import save_comments
from importers.wordpress_items import BadItem, parse_item
from importers.wordpress_pages import parse_page, save_pages
from importers.wxr import WXRError, read_export
from posts.models import Post, url_key

_FIELDS = ("title", "slug", "body", "summary", "status", "publish_at", "comments_open")
# Item types nobody reads as a post: counted in one line each, not listed.
_SILENT_TYPES = ("revision", "nav_menu_item", "custom_css", "customize_changeset")


def import_wordpress(data, *, name="wordpress.xml", dry_run=False):
    """Import a WXR file given as bytes; return the :class:`Report`."""
    report = Report(_("WordPress"), dry_run=dry_run, items_label=_("Posts and pages"))
    try:
        _site, items = read_export(data)
    except WXRError as exc:
        report.skip(name, exc)
        return report
    parsed, pages, others = _parse(items, report)
    for kind, count in sorted(others.items()):
        report.skip(
            _("post type %(type)s") % {"type": kind},
            _("%(count)d items not imported") % {"count": count},
            count=False,
        )
    if parsed or pages:
        with transaction.atomic():
            posts = _save_posts(parsed, report, dry_run)
            save_comments(parsed, posts, report, dry_run)
            save_pages(pages, report, dry_run)
            if dry_run:
                transaction.set_rollback(True)
    return report


def _parse(items, report):
    parsed, pages, others, seen = [], [], Counter(), set()
    for item in items:
        if item.post_type == "page":
            try:
                page = parse_page(item)
            except BadItem as exc:
                report.skip(item.label, exc, listed=True)
                continue
            pages.append(page)
            for warning in page.warnings:
                report.warn(item.label, warning)
        elif item.post_type == "attachment":
            report.add("attachments")
            report.warn(
                item.label,
                _("attachment %(url)s (not downloaded)")
                % {"url": item.attachment_url or item.link},
            )
        elif item.post_type != "post":
            others[item.post_type] += 1
        else:
            try:
                post = parse_item(item)
            except BadItem as exc:
                report.skip(item.label, exc, listed=True)
                continue
            if post.wordpress_id in seen:
                report.skip(item.label, _("the same post id twice"))
                continue
            seen.add(post.wordpress_id)
            parsed.append(post)
            for warning in post.warnings:
                report.warn(item.label, warning)
    return parsed, pages, others


def _taken_keys(parsed, existing):
    """URL keys of other posts with the slugs these items want."""
    mine = {post.pk for post in existing.values()}
    taken = set()
    for batch in batched(sorted({item.slug for item in parsed})):
        for post in Post.objects.filter(slug__in=batch).exclude(pk__in=mine):
            taken.add(post.url_key)
    return taken


def _free_slug(item, publish_at, taken, report):
    """The item's slug, or one with its id added if another post has that URL."""
    key = url_key(item.slug, publish_at)
    if key not in taken:
        taken.add(key)
        return item.slug
    slug = f"{item.slug[:190]}-{item.wordpress_id}"
    report.warn(item.title, _("another post has this address; slug %(slug)s") % {"slug": slug})
    taken.add((slug, key[1]))
    return slug


def _save_posts(parsed, report, dry_run):
    existing = original_urls.imported(Post, "/?p=", parsed)
    taken = _taken_keys(parsed, existing)
    current_tags = existing_tag_ids(existing.values())
    tags, links, addresses, posts = TagCache(dry_run), TagLinks(), [], {}
    now = timezone.now()
    for item in parsed:
        post = existing.get(item.wordpress_id)
        publish_at = item.publish_at or (post.publish_at if post else now)
        values = {name: getattr(item, name) for name in _FIELDS}
        values.update(publish_at=publish_at, slug=_free_slug(item, publish_at, taken, report))
        wanted_tags = tags.ids(item.tags)
        if post is None:
            post = Post(**values)
            report.settle(item.title, "created")
            if not dry_run:
                post.save()
            links.change(post, set(), wanted_tags)
        else:
            changed = [name for name, value in values.items() if getattr(post, name) != value]
            had = current_tags[post.pk]
            changes = [str(Post._meta.get_field(name).verbose_name) for name in changed]
            changes += [pgettext("import report", "tags")] if had != wanted_tags else []
            report.settle(item.title, "updated" if changes else "unchanged", changes)
            if changes and not dry_run:
                for name in changed:
                    setattr(post, name, values[name])
                if changed:
                    post.save()
                links.change(post, had, wanted_tags)
        posts[item.wordpress_id] = post
        addresses += [(post, link) for link in item.links]
    original_urls.record(addresses, report, dry_run=dry_run)
    if not dry_run:
        links.save()
    return posts
