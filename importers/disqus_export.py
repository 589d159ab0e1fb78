"""Read a Disqus XML export: its threads (pages) and posts (comments).

Disqus writes ``<thread dsq:id>`` elements with the page's ``<link>`` and
``<post dsq:id>`` elements pointing at their thread and optional parent,
with the author, the date, the HTML message and deleted/spam flags.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from importers import safe_xml

_DSQ_ID = "{http://disqus.com/disqus-internals}id"


class DisqusError(ValueError):
    """The file is not a Disqus export that can be read."""


@dataclass(frozen=True)
class Thread:
    id: str
    link: str
    title: str


@dataclass(frozen=True)
class DisqusComment:
    id: str
    thread_id: str
    parent_id: str
    message: str
    created_at: datetime | None
    name: str
    email: str
    ip_address: str
    is_deleted: bool
    is_spam: bool

    @property
    def source_id(self):
        return f"disqus:{self.id}"[:100]


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child(element, name):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element, *path):
    for name in path:
        element = _child(element, name) if element is not None else None
    return (element.text or "").strip() if element is not None else ""


def _ref(element, name):
    child = _child(element, name)
    return (child.get(_DSQ_ID) or "").strip() if child is not None else ""


def _flag(element, name):
    return _text(element, name).lower() == "true"


def _moment(text):
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def read_export(data):
    """Return ``(threads by id, comments in file order)`` from the export's bytes."""
    try:
        root = safe_xml.parse(data)
    except safe_xml.UnsafeXML as exc:
        raise DisqusError(str(exc)) from exc
    if _local(root.tag) != "disqus":
        raise DisqusError(_("the root element is not <disqus>"))
    threads, comments = {}, []
    for element in root:
        kind = _local(element.tag)
        if kind == "thread":
            thread_id = (element.get(_DSQ_ID) or "").strip()
            threads[thread_id] = Thread(thread_id, _text(element, "link"), _text(element, "title"))
        elif kind == "post":
            comments.append(_comment(element))
    return threads, comments


def _comment(element):
    message = _text(element, "message")
    name = _text(element, "author", "name") or _text(element, "author", "username")
    created = _text(element, "createdAt")
    thread_id = _ref(element, "thread")
    comment_id = (element.get(_DSQ_ID) or "").strip()
    if not comment_id:
        # Without an id, what the comment says identifies it across imports.
        digest = hashlib.sha1(
            "\x00".join([thread_id, name, created, message]).encode(), usedforsecurity=False
        )
        comment_id = "h:" + digest.hexdigest()[:20]
    return DisqusComment(
        id=comment_id,
        thread_id=thread_id,
        parent_id=_ref(element, "parent"),
        message=message,
        created_at=_moment(created),
        name=name,
        email=_text(element, "author", "email"),
        ip_address=_text(element, "ipAddress"),
        is_deleted=_flag(element, "isDeleted"),
        is_spam=_flag(element, "isSpam"),
    )
