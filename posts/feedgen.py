"""The XML of the blog's feeds: Atom and RSS with each post's full HTML.

Entries are written from fragments (``posts.pagecache.fragments``) cached
under everything an entry shows: escaping a feed's few hundred kilobytes of
HTML for XML, checking it for characters XML cannot hold and making its
links absolute was most of an uncached feed's time, redone for every
request although only a new or edited post changes its entry.
"""

import io
import re
from html import unescape
from urllib.parse import urljoin

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator

from posts.pagecache import fragments

# A start tag, with attributes quoted either way or not at all. Names and
# unquoted values stop at "<", so text with many unclosed "<a b" is not
# rescanned from each of them to its end.
_START_TAG = re.compile(
    r"""<[a-zA-Z][^\s/<>]*(?:\s+[^\s=/<>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*\s*/?>"""
)
_URL_ATTRIBUTE = re.compile(r"""(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def absolute_urls(html, base_url):
    """``html`` with every ``href`` and ``src`` resolved against ``base_url``.

    Only start tags are touched: code shown inside ``<pre>`` is escaped text,
    so an ``href="…"`` written in an example stays as written.
    """

    def fix_attribute(match):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        return f'{match.group(1)}"{escape(urljoin(base_url, unescape(value)))}"'

    return _START_TAG.sub(lambda tag: _URL_ATTRIBUTE.sub(fix_attribute, tag.group()), html)


class BufferedWrite:
    """Writes a feed to the response in one piece, not in a thousand (a tenth of its time)."""

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue().encode(encoding, "xmlcharrefreplace"))


class KeptEntries:
    """Writes each item's element (``item_element``) from a fragment.

    The fragment is kept under the item's own values, the post's HTML as
    stored and its URL among them, so an edit, a re-render or a renamed tag
    gives a new one. Links in the HTML are made absolute against the item's
    link only when the element is written afresh.
    """

    item_element = None

    def write_items(self, handler):
        items = self.items
        kind = f"feed-{type(self).__name__}"
        # Names and values in turn, flat: digested without recursing into pairs.
        identities = [[part for pair in sorted(item.items()) for part in pair] for item in items]
        for xml in fragments.each(kind, identities, lambda index: self.item_xml(items[index])):
            handler.ignorableWhitespace(xml)  # written as it is, already XML

    def item_xml(self, item):
        description = item["description"]
        item = {
            **item,
            "description": description and absolute_urls(description, item["link"]),
            "content_html": absolute_urls(item["content_html"], item["link"]),
        }
        buffer = io.StringIO()
        handler = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)
        return buffer.getvalue()


class ContentAtomFeed(BufferedWrite, KeptEntries, Atom1Feed):
    """Atom 1.0 with each entry's full HTML in ``<content type="html">``."""

    item_element = "entry"

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ContentRssFeed(BufferedWrite, KeptEntries, Rss201rev2Feed):
    """RSS 2.0 with each item's full HTML in ``<content:encoded>``."""

    item_element = "item"
    CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": self.CONTENT_NAMESPACE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])
