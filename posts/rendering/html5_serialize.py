"""An ElementTree fragment written out as HTML, exactly as html5lib writes it.

The stored HTML has always been what html5lib's ``HTMLSerializer`` (with
``omit_optional_tags=False, quote_attr_values="always",
use_trailing_solidus=False, resolve_entities=False``) makes of the tree its
``etree`` walker walks. Its token stream cost a third of a post's rendering;
this walks the tree directly and writes the same characters:

- a namespaced tag or attribute (``{http://www.w3.org/2000/svg}svg``) is
  written with its local name alone;
- an HTML void element is written without an end tag, and what it holds is
  dropped; every other element gets its end tag, even when empty;
- attribute values are always quoted (``"``, or ``'`` when the value holds
  ``"`` and no ``'``), with ``&`` and that quote escaped; a boolean
  attribute of its element (``ismap`` of ``img``, ``itemscope``) is written
  without its value;
- text is escaped (``&``, ``<``, ``>``) except from the start tag of a raw
  text element (``script``, ``style``...) to the next end tag of one;
- comments are written as they are.
"""

import re
import xml.etree.ElementTree as etree

from html5lib.constants import booleanAttributes, namespaces, rcdataElements, voidElements

_NAMESPACED = re.compile("{([^}]*)}(.*)")
_HTML = namespaces["html"]
_GLOBAL_BOOLEANS = booleanAttributes.get("", frozenset())


def _split(name):
    match = _NAMESPACED.match(name)
    return match.groups() if match else (None, name)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(element_name, name, value):
    name = _split(name)[1]
    if name in _GLOBAL_BOOLEANS or name in booleanAttributes.get(element_name, ()):
        return f" {name}"
    value = value.replace("&", "&amp;")
    if '"' in value and "'" not in value:
        return " {}='{}'".format(name, value.replace("'", "&#39;"))
    return ' {}="{}"'.format(name, value.replace('"', "&quot;"))


def serialize(fragment):
    """The children and text of ``fragment`` (its own tag is not written) as HTML."""
    parts = []
    # Raw text is written as it is, from a raw text element's start tag to
    # the next raw text element's end tag (html5lib's rule, nesting aside).
    raw = False
    if fragment.text:
        parts.append(_escape(fragment.text))
    # Elements still to write, last first; (name, element) closes an element.
    todo = list(reversed(fragment))
    while todo:
        item = todo.pop()
        if isinstance(item, tuple):
            name, element = item
            raw = raw and name not in rcdataElements
            parts.append(f"</{name}>")
        elif item.tag is etree.Comment:
            element = item
            parts.append(f"<!--{element.text}-->")
        else:
            element = item
            namespace, name = _split(element.tag)
            attributes = "".join(
                _attribute(name, key, value) for key, value in element.attrib.items()
            )
            parts.append(f"<{name}{attributes}>")
            raw = raw or name in rcdataElements
            if name not in voidElements or (namespace and namespace != _HTML):
                if element.text:
                    parts.append(element.text if raw else _escape(element.text))
                todo.append((name, element))
                todo.extend(reversed(element))
                continue
        if element.tail:
            parts.append(element.tail if raw else _escape(element.tail))
    return "".join(parts)
