"""Jekyll post files: file names, YAML front matter, dates and categories.

Everything here is pure: bytes and strings in, values or :class:`BadFile` out.
"""

import html
import re
from datetime import UTC, date, datetime, time, timedelta
from datetime import timezone as dt_timezone

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _

# YYYY-MM-DD-slug.ext, with Jekyll's tolerance for unpadded months and days.
FILE_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.(markdown|md)$", re.IGNORECASE)
POST_EXTENSIONS = (".markdown", ".md")

_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
# Control characters other than tab and newline break YAML and HTML alike.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class BadFile(Exception):
    """A post file that cannot be imported; the message says why."""


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: ``*name`` repeats a value by reference, and a few
    hundred bytes of aliases to aliases expand into millions of values."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not supported", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


# libyaml's loader, when PyYAML was built with it, reads front matter about
# ten times faster; it cannot refuse aliases the way _NoAliasLoader does.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _load_yaml(source):
    """The YAML ``source`` loaded safely, refusing aliases.

    Text without a "*" holds no alias, so libyaml may read it; anything
    else, and anything libyaml finds broken (for the same error message
    with its line), goes through the Python loader.
    """
    if _FAST_LOADER is not None and "*" not in source:
        try:
            return yaml.load(source, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.load(source, Loader=_NoAliasLoader)


def clean_text(text):
    """Normalise line ends (CRLF, lone CR) and drop a BOM and control characters."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def decode(data):
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadFile(_("not UTF-8 text (byte %(position)d)") % {"position": exc.start}) from exc


def parse_file_name(name):
    """Return ``(date, slug)`` from ``YYYY-MM-DD-slug.markdown``; the slug is kept verbatim."""
    match = FILE_NAME.match(name)
    if not match:
        raise BadFile(_("the file name is not YYYY-MM-DD-slug.markdown"))
    year, month, day, slug = match.group(1, 2, 3, 4)
    try:
        day = date(int(year), int(month), int(day))
    except ValueError as exc:
        raise BadFile(_("the file name holds an impossible date")) from exc
    return day, slug


def split_front_matter(text):
    """Return ``(front matter dict, body)``; a file without front matter is a BadFile."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise BadFile(_("no YAML front matter (the file must start with a --- line)"))
    # YAML reads a no-break space as text, not as the space it stands for.
    source = (match.group(1) or "").replace("\u00a0", " ")
    try:
        meta = _load_yaml(source)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or exc.__class__.__name__
        if where is not None:
            reason = _("%(reason)s on line %(line)d") % {"reason": reason, "line": where.line + 2}
        raise BadFile(_("broken YAML front matter: %(reason)s") % {"reason": reason}) from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise BadFile(_("the front matter is not a list of fields"))
    return {str(key).strip().lower(): value for key, value in meta.items()}, text[match.end() :]


def parse_date(value, zone=None):
    """A front-matter date as an aware datetime; naive values are in ``zone``
    (the site's, default TIME_ZONE).

    Accepts what YAML already parsed (date, datetime) and the strings Octopress
    wrote: no seconds, ``+0800``, ISO with offset, unpadded month and day.
    """
    zone = zone or timezone.get_default_timezone()
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, zone)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time()), zone)
    match = _DATE.match(str(value).strip())
    if not match:
        raise BadFile(_("the date %(value)r is not a date") % {"value": str(value)})
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError as exc:
        raise BadFile(_("the date %(value)r is impossible") % {"value": str(value)}) from exc
    if offset is None:
        return timezone.make_aware(moment, zone)
    if offset.upper() == "Z":
        return moment.replace(tzinfo=UTC)
    digits = offset.replace(":", "")
    delta = timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
    return moment.replace(tzinfo=dt_timezone(-delta if digits[0] == "-" else delta))


def _words(value):
    if value is None:
        return []
    if isinstance(value, str):
        # Octopress wrote "categories: docker k8s"; some wrote commas.
        return [word for word in re.split(r"[,\s]+", value) if word]
    if isinstance(value, list | tuple | set):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return [str(value)]


def tag_names(meta):
    """Categories and tags as one list of tag names, case variants merged, order kept."""
    names = {}
    for key in ("categories", "category", "tags", "tag"):
        for word in _words(meta.get(key)):
            names.setdefault(word.lower(), word[:100])
    return list(names.values())


def is_false(value):
    return value is False or str(value).strip().lower() in {"false", "no", "off", "0"}


def text_field(value):
    """A title or description: entities decoded, whitespace (NBSP too) collapsed."""
    if value is None:
        return ""
    return " ".join(html.unescape(str(value)).split())
