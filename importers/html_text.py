"""Disqus comment HTML to the plain text with a little Markdown that comments use."""

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "blockquote", "pre", "ul", "ol", "li"}
_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}


class _TextMaker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _MARKS:
            self.parts.append(_MARKS[tag])
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in _MARKS:
            self.parts.append(_MARKS[tag])
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.parts[start:]).strip()
            if href.startswith(("http://", "https://")):
                del self.parts[start:]
                self.parts.append(f"[{text}]({href})" if text and text != href else href)

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(source):
    """Readable text from comment HTML: paragraphs, line breaks, links, emphasis kept."""
    maker = _TextMaker()
    maker.feed(source or "")
    maker.close()
    text = "".join(maker.parts).replace("\u00a0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
