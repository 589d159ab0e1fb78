"""Import an Octopress/Jekyll ``_posts`` folder into posts.

A post is identified by its URL, i.e. its slug and local publish date, so a
second import of the same files updates those posts instead of adding copies.
Posts are saved with ``posts.models.save_in_bulk``, ``Post.save``'s own
steps in batches, so the one renderer renders them. The
site's permalink setting (see ``importers.jekyll_site``) decides each post's
old address; one that is not this blog's own shape redirects to the post.
"""

import html
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from blog.batches import batched
from importers import original_urls
from importers.frontmatter import (
    POST_EXTENSIONS,
    BadFile,
    decode,
    is_false,
    parse_date,
    parse_file_name,
    split_front_matter,
    tag_names,
    text_field,
)
from importers.jekyll_site import Site, place_post
from importers.liquid import convert_liquid
from importers.report import Report
from importers.tagging import TagCache, TagLinks, existing_tag_ids
from posts.models import Post, Series, save_in_bulk, url_key

# A post file larger than this is not a blog post.
MAX_POST_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One post file: the name shown in reports and its raw bytes."""

    name: str
    data: bytes


@dataclass
class ParsedPost:
    name: str
    slug: str
    title: str
    body: str
    summary: str
    status: str
    publish_at: datetime
    comments_open: bool
    tags: list
    original_url: str = ""
    warnings: list = field(default_factory=list)
    series: str = ""
    series_order: int | None = None
    pinned: bool = False

    @property
    def url_key(self):
        return url_key(self.slug, self.publish_at)


def posts_folder(path):
    """The ``_posts`` folder of a Jekyll or Octopress site, or ``path`` itself."""
    path = Path(path)
    for folder in (path / "_posts", path / "source" / "_posts"):
        if folder.is_dir():
            return folder
    return path


def read_folder(path, report):
    """Post files under ``path`` (its ``_posts`` if it has one), sorted by name.

    Other files are reported as skipped; hidden files are ignored.
    """
    root = posts_folder(path)
    sources = []
    for file in sorted(root.rglob("*")):
        name = file.relative_to(root).as_posix()
        if any(part.startswith(".") for part in Path(name).parts) or not file.is_file():
            continue
        if not file.name.lower().endswith(POST_EXTENSIONS):
            report.skip(name, _("not a .markdown or .md file"), listed=True)
        elif file.stat().st_size > MAX_POST_BYTES:
            report.skip(
                name, _("larger than %(size)d MB") % {"size": MAX_POST_BYTES >> 20}, listed=True
            )
        else:
            sources.append(SourceFile(name, file.read_bytes()))
    return sources


def convert_body(text):
    """A post body as stored: Liquid converted, blank lines around it dropped."""
    converted = convert_liquid(text.strip("\n").rstrip())
    converted.text = converted.text.strip("\n").rstrip()
    return converted


def _is_series_number(value):
    # Within what every database's positive integer column holds.
    return type(value) is int and 0 <= value < 2**31


def parse_post(source, site=None):
    """Read one post file into a :class:`ParsedPost`; a BadFile says why it cannot be.

    ``site`` (a :class:`~importers.jekyll_site.Site`) decides the post's old
    address; without one, Octopress's.
    """
    file_day, slug = parse_file_name(Path(source.name).name)
    meta, body = split_front_matter(decode(source.data))
    warnings = []
    if meta.get("slug"):
        slug = str(meta["slug"]).strip()
    if "/" in slug or not slug.strip() or len(slug) > 200:
        raise BadFile(_("the slug %(slug)r cannot be part of a URL") % {"slug": slug})
    site = site or Site()
    # Jekyll reads naive dates, the file name's too, in the site's time zone.
    if meta.get("date") not in (None, ""):
        publish_at = parse_date(meta["date"], site.time_zone)
    else:
        publish_at = timezone.make_aware(datetime.combine(file_day, time()), site.time_zone)
    title = text_field(meta.get("title"))
    if not title:
        title = slug
        warnings.append(_("no title; the slug is used"))
    if len(title) > 200:
        title = title[:200]
        warnings.append(_("title cut to 200 characters"))
    slug, original_url = place_post(site, meta, slug, publish_at)
    series_order = meta.get("series_order")
    if series_order is not None and not _is_series_number(series_order):
        warnings.append(
            _("series_order %(value)r is not a whole number; ignored") % {"value": series_order}
        )
        series_order = None
    converted = convert_body(body)
    return ParsedPost(
        name=source.name,
        slug=slug,
        title=title,
        body=converted.text,
        summary=html.unescape(str(meta.get("description") or "")).strip(),
        status=Post.Status.DRAFT if is_false(meta.get("published")) else Post.Status.PUBLISHED,
        publish_at=publish_at,
        comments_open=not is_false(meta.get("comments", True)),
        tags=tag_names(meta),
        warnings=warnings + converted.warnings,
        series=text_field(meta.get("series"))[:200],
        series_order=series_order,
        pinned=meta.get("pinned") is True,
        original_url=original_url,
    )


def _existing_posts(slugs):
    posts = {}
    for batch in batched(sorted(slugs)):
        for post in Post.objects.filter(slug__in=batch):
            posts[post.url_key] = post
    return posts


class _Series:
    """Series by title, created on first use (in a dry run, with a stand-in id)."""

    def __init__(self, dry_run):
        self.dry_run = dry_run
        self.by_title = {series.title: series.pk for series in Series.objects.all()}

    def id(self, title):
        if not title:
            return None
        if title not in self.by_title:
            self.by_title[title] = (
                -len(self.by_title) - 1 if self.dry_run else Series.objects.create(title=title).pk
            )
        return self.by_title[title]


_FIELDS = (
    "title",
    "body",
    "summary",
    "status",
    "publish_at",
    "comments_open",
    "series_order",
    "pinned",
)


def import_posts(sources, *, site=None, dry_run=False, report=None, processes=1):
    """Import post files; return the :class:`Report`. Bad files are skipped and named.

    Posts are rendered on up to ``processes`` processes (the command uses
    every CPU; a web request keeps to its own process).
    """
    report = report or Report(_("Posts"), items_label=_("Files"))
    report.dry_run = dry_run
    parsed = {}
    for source in sources:
        try:
            post = parse_post(source, site)
        except BadFile as exc:
            report.skip(source.name, exc, listed=True)
            continue
        if post.url_key in parsed:
            report.skip(
                source.name,
                _("same date and slug as %(other)s") % {"other": parsed[post.url_key].name},
                listed=True,
            )
            continue
        parsed[post.url_key] = post
        for warning in post.warnings:
            report.warn(source.name, warning)
    if not parsed:
        return report
    with transaction.atomic():
        _save(parsed, report, dry_run, processes)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _save(parsed, report, dry_run, processes):
    existing = _existing_posts({slug for slug, _day in parsed})
    current_tags = existing_tag_ids(existing.values())
    tags, series = TagCache(dry_run), _Series(dry_run)
    links, addresses, to_save = TagLinks(), [], []
    for key, item in parsed.items():
        wanted_tags = tags.ids(item.tags)
        values = {name: getattr(item, name) for name in _FIELDS}
        values["series_id"] = series.id(item.series)
        post = existing.get(key)
        if post is None:
            post = Post(slug=item.slug, **values)
            to_save.append(post)
            report.settle(item.name, "created")
            addresses.append((post, item.original_url))
            links.change(post, set(), wanted_tags)
            continue
        addresses.append((post, item.original_url))
        changed = [name for name, value in values.items() if getattr(post, name) != value]
        had = current_tags[post.pk]
        changes = [str(Post._meta.get_field(name).verbose_name) for name in changed]
        changes += [pgettext("import report", "tags")] if had != wanted_tags else []
        report.settle(item.name, "updated" if changes else "unchanged", changes)
        if dry_run or not changes:
            continue
        if changed:
            for name in changed:
                setattr(post, name, values[name])
            to_save.append(post)
        links.change(post, had, wanted_tags)
    # Rows first (new posts get their ids), then what points at them; search
    # re-indexes every changed post once, after its tags are in place.
    text_changed = [] if dry_run else save_in_bulk(to_save, processes)
    original_urls.record([pair for pair in addresses if pair[1]], report, dry_run=dry_run)
    if not dry_run:
        links.save(also_changed=text_changed)
