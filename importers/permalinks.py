"""The URL Jekyll gave a post, worked out from its permalink template.

Pure: a template and a post's values in, a path out. It follows Jekyll's
documented rules (jekyllrb.com/docs/permalinks):

- the named styles ``date``, ``pretty``, ``ordinal``, ``weekdate`` and
  ``none`` stand for their templates; a front-matter permalink is a
  template too, but never a style name;
- ``:title`` is the file name's slug (or the front matter's ``slug``) with
  characters outside letters, digits and ``._~!$&'()+,;=@`` turned into
  hyphens, case kept; ``:slug`` does the same with every non-alphanumeric
  character, in lower case; a site laid out as Octopress (``source/_posts``)
  was built by an old Jekyll that used the slug as it is;
- ``:categories`` joins the post's categories, lower-cased and without
  repeats, with slashes; with no categories it leaves nothing, and the
  doubled slash is dropped;
- date pieces are read in the site's time zone;
- ``:output_ext`` is ``.html``; the URL keeps the template's ending (a
  trailing slash, ``.html`` or nothing) and is served under ``baseurl``.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
DEFAULT_STYLE = "date"
# Octopress's own permalink, which is also the shape of this blog's URLs.
OCTOPRESS = "/blog/:year/:month/:day/:title/"

# English names whatever the process's locale, as Jekyll writes them.
_MONTHS = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_NOT_PRETTY = re.compile(r"[^\w.~!$&'()+,;=@]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
# Jekyll escapes everything but these in a URL (RFC 3986 pchar and "/").
_URL_SAFE = "-._~!$&'()*+,;=:@/"


@dataclass(frozen=True)
class PostValues:
    """What a permalink template may use from one post."""

    slug: str
    moment: datetime  # already in the site's time zone
    categories: list = field(default_factory=list)
    legacy_titles: bool = False


def template_for(permalink):
    """The template a ``permalink`` setting stands for (a style name or a template)."""
    value = str(permalink or DEFAULT_STYLE).strip()
    return STYLES.get(value, value)


def slugify_pretty(text):
    """Jekyll's "pretty" slug, case kept: what ``:title`` gives."""
    return _NOT_PRETTY.sub("-", text).strip("-")


def slugify_default(text):
    """Jekyll's default slug, lower case: what ``:slug`` gives."""
    return _NOT_ALNUM.sub("-", text).strip("-").lower()


def _categories(values):
    seen = []
    for category in values.categories:
        name = str(category).lower()
        if name not in seen:
            seen.append(name)
    return "/".join(seen)


def _pieces(values):
    moment = values.moment
    title = values.slug if values.legacy_titles else slugify_pretty(values.slug)
    return {
        "year": f"{moment.year:04d}",
        "short_year": f"{moment.year % 100:02d}",
        "month": f"{moment.month:02d}",
        "i_month": str(moment.month),
        "short_month": _MONTHS[moment.month][:3].upper(),
        "long_month": _MONTHS[moment.month],
        "day": f"{moment.day:02d}",
        "i_day": str(moment.day),
        "y_day": f"{moment.timetuple().tm_yday:03d}",
        "w_year": str(moment.isocalendar()[0]),
        "week": f"{moment.isocalendar()[1]:02d}",
        "w_day": str(moment.isoweekday()),
        "short_day": _DAYS[moment.weekday()][:3].upper(),
        "long_day": _DAYS[moment.weekday()],
        "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}",
        "second": f"{moment.second:02d}",
        "title": title,
        "slug": slugify_default(values.slug),
        "categories": _categories(values),
        "output_ext": ".html",
    }


def post_url(template, values, baseurl=""):
    """The path Jekyll served the post at, percent-encoded as Jekyll wrote it.

    Unknown placeholders are left as they are, as Jekyll leaves them.
    """
    pieces = _pieces(values)

    def fill(match):
        name = match.group(1)
        # Longest known name first: ":titles" is ":title" then "s".
        for end in range(len(name), 0, -1):
            if name[:end] in pieces:
                piece = pieces[name[:end]]
                if not (values.legacy_titles and name[:end] == "title"):
                    piece = quote(piece, safe=_URL_SAFE)
                return piece + name[end:]
        return match.group(0)

    filled = _PLACEHOLDER.sub(fill, template)
    url = "/" + "/".join(part for part in filled.split("/") if part.strip("."))
    if filled.endswith("/") and url != "/":
        url += "/"
    base = "/" + str(baseurl or "").strip("/")
    return (base.rstrip("/") + url) if base != "/" else url
