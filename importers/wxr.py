"""Read a WordPress export (WXR 1.0, 1.1 or 1.2) into plain values.

WXR is RSS with WordPress's own elements in versioned namespaces
(``http://wordpress.org/export/1.2/`` and ``…/1.2/excerpt/``); elements are
matched by namespace family and local name, so every version reads alike.
CDATA sections, entities and a ``]]>`` split across two sections come out
as the text they stand for.
"""

import html
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from importers import safe_xml

MAX_ITEMS = 20000
MAX_FIELD_CHARS = 2 * 1024 * 1024
_WORDPRESS = "http://wordpress.org/export/"
_FAMILIES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}


class WXRError(ValueError):
    """The file is not a WordPress export that can be read."""


@dataclass(frozen=True)
class WPComment:
    id: str
    parent_id: str
    author: str
    email: str
    url: str
    ip_address: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str


@dataclass
class WPItem:
    """One ``<item>``: a post, page, attachment or anything else WordPress stores."""

    id: str
    title: str
    link: str
    post_type: str
    status: str
    name: str
    date: str
    date_gmt: str
    content: str
    excerpt: str
    comment_status: str
    attachment_url: str = ""
    password: str = ""
    parent_id: str = ""
    menu_order: str = ""
    categories: list = field(default_factory=list)  # (domain, nicename, name)
    comments: list = field(default_factory=list)

    @property
    def label(self):
        """How reports name the item: its title, else its type and id."""
        return html.unescape(self.title).strip() or f"{self.post_type or 'item'} {self.id}"


def _family(tag):
    namespace, _brace, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace.startswith(_WORDPRESS):
        return ("excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"), local
    return _FAMILIES.get(namespace, namespace), local


def _fields(element):
    """The text of each direct child, keyed by (family, local name); first one wins."""
    fields = {}
    for child in element:
        fields.setdefault(_family(child.tag), child)
    return fields


def _text(fields, family, name):
    element = fields.get((family, name))
    return (element.text or "").strip() if element is not None else ""


def _raw(fields, family, name):
    # Bodies keep their own leading and trailing whitespace out, but not inside.
    element = fields.get((family, name))
    return (element.text or "").strip("\n\r ") if element is not None else ""


def read_export(data):
    """Return ``(site link, items in file order)`` from the export's bytes."""
    try:
        root = safe_xml.parse(data)
    except safe_xml.UnsafeXML as exc:
        raise WXRError(str(exc)) from exc
    channel = next((child for child in root if _family(child.tag)[1] == "channel"), None)
    if _family(root.tag)[1] != "rss" or channel is None:
        raise WXRError(_("not a WordPress export: no <rss><channel>"))
    fields = _fields(channel)
    if not _text(fields, "wp", "wxr_version"):
        raise WXRError(_("not a WordPress export: no <wp:wxr_version>"))
    items = [child for child in channel if _family(child.tag) == ("", "item")]
    if len(items) > MAX_ITEMS:
        raise WXRError(_("more than %(count)d items") % {"count": MAX_ITEMS})
    return _text(fields, "", "link"), [_item(element) for element in items]


def _item(element):
    fields = _fields(element)
    item = WPItem(
        id=_text(fields, "wp", "post_id"),
        title=_text(fields, "", "title"),
        link=_text(fields, "", "link"),
        post_type=_text(fields, "wp", "post_type") or "post",
        status=_text(fields, "wp", "status"),
        name=_text(fields, "wp", "post_name"),
        date=_text(fields, "wp", "post_date"),
        date_gmt=_text(fields, "wp", "post_date_gmt"),
        content=_raw(fields, "content", "encoded"),
        excerpt=_raw(fields, "excerpt", "encoded"),
        comment_status=_text(fields, "wp", "comment_status"),
        attachment_url=_text(fields, "wp", "attachment_url"),
        password=_text(fields, "wp", "post_password"),
        parent_id=_text(fields, "wp", "post_parent"),
        menu_order=_text(fields, "wp", "menu_order"),
    )
    for child in element:
        family, local = _family(child.tag)
        if (family, local) == ("", "category"):
            name = (child.text or "").strip()
            if name:
                item.categories.append(
                    (child.get("domain", "category"), child.get("nicename", ""), name)
                )
        elif (family, local) == ("wp", "comment"):
            item.comments.append(_comment(_fields(child)))
    return item


def _comment(fields):
    return WPComment(
        id=_text(fields, "wp", "comment_id"),
        parent_id=_text(fields, "wp", "comment_parent"),
        author=_text(fields, "wp", "comment_author"),
        email=_text(fields, "wp", "comment_author_email"),
        url=_text(fields, "wp", "comment_author_url"),
        ip_address=_text(fields, "wp", "comment_author_IP"),
        date=_text(fields, "wp", "comment_date"),
        date_gmt=_text(fields, "wp", "comment_date_gmt"),
        content=_raw(fields, "wp", "comment_content"),
        approved=_text(fields, "wp", "comment_approved"),
        type=_text(fields, "wp", "comment_type"),
    )
