"""An HTML fragment parsed by lexbor (through selectolax) into an ElementTree.

Lexbor implements the WHATWG parsing algorithm in C, like html5lib does in
Python, about ten times faster; the tree it gives is rebuilt here in the
shape html5lib's ``etree`` builder gives (``namespaceHTMLElements=False``),
which the rest of posts.rendering.html5 works on and html5_serialize writes
out as html5lib's serialiser did:

- the root is a ``DOCUMENT_FRAGMENT`` element; text is ``text``/``tail``;
- comments are ``etree.Comment`` nodes holding their text verbatim;
- SVG and MathML elements carry their namespace in the tag
  (``{http://www.w3.org/2000/svg}svg``), except the HTML elements inside
  their HTML integration points; their ``xlink:``, ``xml:`` and ``xmlns``
  attributes are namespaced too, as html5lib adjusts them;
- an attribute written without a value has the value "".
"""

import xml.etree.ElementTree as etree

from selectolax.lexbor import LexborHTMLParser

_SVG = "{http://www.w3.org/2000/svg}"
_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_FOREIGN_ROOTS = {"svg": _SVG, "math": _MATHML}
# Foreign elements whose child elements are HTML again.
_HTML_INSIDE = {"foreignObject", "desc", "title", "mi", "mo", "mn", "ms", "mtext"}
_XLINK = "{http://www.w3.org/1999/xlink}"
_XML = "{http://www.w3.org/XML/1998/namespace}"
_XMLNS = "{http://www.w3.org/2000/xmlns/}"
# fmt: off
_FOREIGN_ATTRIBUTES = {
    **{f"xlink:{name}": f"{_XLINK}{name}"
       for name in ("actuate", "arcrole", "href", "role", "show", "title", "type")},
    "xml:lang": f"{_XML}lang", "xml:space": f"{_XML}space",
    "xmlns": f"{_XMLNS}xmlns", "xmlns:xlink": f"{_XMLNS}xlink",
}
# fmt: on
# A comment ahead of the fragment changes nothing in how the rest parses; it
# makes every node of the fragment a sibling reached with ``next`` (selectolax
# answers ``html`` on the first one with the whole fragment).
_LEAD = "<!---->"


def parse(html):
    """The fragment ``html``, parsed in a ``div``, as an ElementTree element."""
    fragment = etree.Element("DOCUMENT_FRAGMENT")
    _build(fragment, top_nodes(html), "")
    return fragment


def top_nodes(html):
    """The top-level nodes of the fragment ``html`` as lexbor parses it in a ``div``."""
    return siblings(LexborHTMLParser(_LEAD + html, is_fragment=True).root.next)


def siblings(node):
    """``node`` and the siblings that follow it, in order."""
    nodes = []
    while node is not None:
        nodes.append(node)
        node = node.next
    return nodes


def _build(fragment, top, namespace):
    """Append ``top`` and everything under it to ``fragment``; iterative, for deep trees."""
    stack = [(node, fragment, namespace) for node in reversed(top)]
    while stack:
        node, parent, namespace = stack.pop()
        tag = node.tag
        if tag == "-text":
            _add_text(parent, node.text_content)
        elif tag == "-comment":
            # comment_content strips the text; the serialised comment does not.
            parent.append(etree.Comment(node.html[4:-3]))
        elif node.is_element_node:
            namespace = _FOREIGN_ROOTS.get(tag, namespace)
            element = etree.SubElement(parent, namespace + tag, _attributes(node, namespace))
            inner = "" if namespace and tag in _HTML_INSIDE else namespace
            # Lexbor keeps a template's content apart from its children (the
            # first of the fragments under the template is its own).
            content = node.template_fragments() if tag == "template" else None
            children = siblings((content[0] if content else node).child)
            stack.extend((child, element, inner) for child in reversed(children))


def _attributes(node, namespace):
    attributes = {}
    for name, value in node.attributes.items():
        if namespace:
            name = _FOREIGN_ATTRIBUTES.get(name, name)
        attributes[name] = "" if value is None else value
    return attributes


def _add_text(parent, text):
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
