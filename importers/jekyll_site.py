"""A Jekyll site's settings that decide its posts' URLs, read from ``_config.yml``.

Given the site folder or its ``_posts`` folder, the ``_config.yml`` is
looked for there and up to two folders above (``source/_posts`` in an
Octopress checkout). Without one, the posts are taken to be Octopress's,
whose URLs are this blog's own, as before.
"""

import re
import zoneinfo
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from urllib.parse import unquote

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _

from importers.permalinks import OCTOPRESS, PostValues, post_url, template_for

CONFIG_NAME = "_config.yml"
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Site:
    """How a site built its post URLs."""

    template: str = OCTOPRESS
    baseurl: str = ""
    zone: tzinfo | None = None
    # Octopress ran a Jekyll that put the file name's slug in URLs unchanged.
    legacy_titles: bool = True

    @property
    def time_zone(self):
        return self.zone or timezone.get_default_timezone()


def find_config(path):
    """The site's ``_config.yml`` at or above ``path`` (two levels at most), or None."""
    folder = Path(path)
    for candidate in (folder, folder.parent, folder.parent.parent):
        config = candidate / CONFIG_NAME
        if config.is_file():
            return config
    return None


def _is_octopress(config_path, posts_folder):
    return Path(posts_folder).resolve() == (config_path.parent / "source" / "_posts").resolve()


def read_config(data, report):
    """The settings dict of a ``_config.yml`` given as bytes; {} (reported) if unreadable."""
    if len(data) > MAX_CONFIG_BYTES:
        report.warn(CONFIG_NAME, _("larger than 1 MB; not read"))
        return {}
    try:
        config = yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        report.warn(
            CONFIG_NAME, _("cannot be read (%(error)s)") % {"error": exc.__class__.__name__}
        )
        return {}
    return config if isinstance(config, dict) else {}


def _zone(name, report):
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        report.warn(
            CONFIG_NAME,
            _("unknown timezone %(zone)s; TIME_ZONE is used") % {"zone": name},
        )
        return None


def site_from_config(config, report, *, permalink=None, legacy_titles=False):
    """A :class:`Site` from a config dict; ``permalink`` overrides the config's."""
    return Site(
        template=template_for(permalink or config.get("permalink")),
        baseurl=str(config.get("baseurl") or config.get("root") or ""),
        zone=_zone(config.get("timezone"), report),
        legacy_titles=legacy_titles,
    )


def load_site(path, posts_folder, report, *, permalink=None):
    """The :class:`Site` of the Jekyll site at ``path`` (the site or its ``_posts``)."""
    config_path = find_config(path)
    if config_path is None:
        if permalink:
            return site_from_config({}, report, permalink=permalink)
        report.warn(
            CONFIG_NAME,
            _("not found; posts keep Octopress's URLs %(template)s") % {"template": OCTOPRESS},
        )
        return Site()
    config = read_config(config_path.read_bytes(), report)
    legacy = _is_octopress(config_path, posts_folder)
    return site_from_config(config, report, permalink=permalink, legacy_titles=legacy)


def _categories(meta):
    # Jekyll's own reading: "category" and "categories", a string split on spaces.
    names = []
    for key in ("category", "categories"):
        value = meta.get(key)
        if isinstance(value, str):
            names += value.split()
        elif isinstance(value, list | tuple):
            names += [str(item) for item in value if item is not None]
        elif value is not None:
            names.append(str(value))
    return names


_OWN_SHAPE = re.compile(r"^/blog/(\d{4})/(\d{2})/(\d{2})/([^/]+)/$")


def place_post(site, meta, slug, publish_at):
    """Where an imported post lives here and the old address that redirects to it.

    Returns ``(slug, original URL or "")``: a post whose Jekyll URL has this
    blog's own shape with the same local date keeps it exactly (its slug is
    the URL's); any other post keeps its file's slug and records its Jekyll
    URL. A front-matter ``permalink`` is a template of its own.
    """
    values = PostValues(
        slug=slug,
        moment=timezone.localtime(publish_at, site.time_zone),
        categories=_categories(meta),
        legacy_titles=site.legacy_titles,
    )
    own = meta.get("permalink")
    template = str(own).strip() if own else site.template
    url = post_url(template, values, site.baseurl)
    match = _OWN_SHAPE.match(url)
    if match:
        year, month, day, last = match.groups()
        local = timezone.localdate(publish_at)
        if (int(year), int(month), int(day)) == (local.year, local.month, local.day):
            return (last if site.legacy_titles else unquote(last)), ""
    return slug, url
