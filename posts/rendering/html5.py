"""Stored post HTML made well-formed by an HTML5 parser, and fitted to the page it goes in.

Markdown passes raw HTML through as written, so an imported body can hold a
stray end tag or an element left open, and an excerpt cut by text position
can end inside one. Parsing the rendered HTML with an HTML5 parser (the
WHATWG parsing algorithm browsers use; ``html5_parse``) and serialising the
tree again (``html5_serialize``) gives markup
that means what the browser would have made of it, with every element
closed. The excerpt is taken from the same tree, so it ends on an element
boundary.

Headings are renumbered so the page outline holds: a body's top headings
become ``h2`` under the post's ``h1`` (``h3`` under an entry's ``h2`` on
list pages), deeper ones follow without skipping a level. Excerpts lose
their ids, since several excerpts share one list page.
"""

import xml.etree.ElementTree as etree

import posts.rendering.html5_parse as html5_parse
import posts.rendering.html5_serialize as html5_serialize

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Ids the page templates use around the body: a heading named "comments"
# must not take the comment section's id.
RESERVED_IDS = {"main", "comments", "comment-form"}

# Elements that hold only phrasing content, and the flow elements they cannot
# hold. The HTML5 parser reopens a formatting element left open (an
# unclosed <b> in raw HTML) around everything after it, which parses the way
# browsers do but is not valid: such a wrapper is dissolved.
# fmt: off
PHRASING_ONLY = {
    "abbr", "b", "bdi", "bdo", "big", "cite", "code", "dfn", "em", "font", "i", "kbd",
    "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "tt", "u", "var",
}
FLOW_ONLY = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
}
# fmt: on


def _is_comment(node):
    return node.tag is etree.Comment


def parse(html):
    """The fragment ``html`` as an ElementTree element (tag ``DOCUMENT_FRAGMENT``)."""
    return html5_parse.parse(html)


def serialize(fragment):
    """``fragment``'s content as HTML, every element closed (see html5_serialize)."""
    return html5_serialize.serialize(fragment)


def _parents(fragment):
    return {child: parent for parent in fragment.iter() for child in parent}


def split_at_comment(fragment, text):
    """Cut ``fragment`` at the comment ``<!--text-->``: (before, whole without it) or None.

    ``before`` keeps every element that starts before the comment, each
    closed where the cut falls.
    """
    marker = next(
        (node for node in fragment.iter() if _is_comment(node) and node.text == text), None
    )
    if marker is None:
        return None
    parents = _parents(fragment)
    path = [marker]
    while path[-1] in parents:
        path.append(parents[path[-1]])
    path.reverse()  # fragment, …, the marker's parent, marker
    before = _copy_until(fragment, path[1:])
    _remove_keeping_tail(parents[marker], marker)
    return before, fragment


def _copy_until(fragment, path):
    """``fragment`` with the children before ``path[0]``, ``path[0]`` cut the same way, …

    Iterative, like every walk here: a post may nest thousands of elements.
    """
    top = _shallow(fragment)
    source, target = fragment, top
    for step in path:
        for child in source:
            if child is step:
                break
            target.append(clone(child))
        if step is path[-1]:
            break
        inner = _shallow(step)
        target.append(inner)
        source, target = step, inner
    return top


def _shallow(element):
    copy = etree.Element(element.tag, dict(element.attrib))
    copy.text = element.text
    return copy


def clone(element):
    """A deep copy of ``element`` (``copy.deepcopy`` recurses, and deep trees overflow it)."""
    top = _shallow(element)
    top.tail = element.tail
    stack = [(element, top)]
    while stack:
        source, target = stack.pop()
        for child in source:
            copy = _shallow(child)
            copy.tail = child.tail
            target.append(copy)
            stack.append((child, copy))
    return top


def _remove_keeping_tail(parent, child):
    _append_text(parent, list(parent).index(child), child.tail)
    parent.remove(child)


def unwrap_misnested(fragment):
    """Dissolve phrasing elements (``b``, ``span``…) that ended up around blocks."""
    parents = _parents(fragment)
    holding_blocks = set()
    # Reversed document order visits every element after all of its descendants.
    for element in reversed(list(fragment.iter())):
        if (element.tag in FLOW_ONLY or element in holding_blocks) and element in parents:
            holding_blocks.add(parents[element])
    for element in list(fragment.iter()):
        if element.tag in PHRASING_ONLY and element in holding_blocks:
            _dissolve(element, parents)


def _dissolve(element, parents):
    """Put ``element``'s content in its place; text before its first block keeps it."""
    parent = parents[element]
    index = list(parent).index(element)
    children = list(element)
    if element.text and element.text.strip():
        lead = etree.Element(element.tag, dict(element.attrib))
        lead.text = element.text
        children.insert(0, lead)
    else:
        _append_text(parent, index, element.text)
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
        parents[child] = parent
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    else:
        _append_text(parent, index, element.tail)
    parent.remove(element)


def _append_text(parent, index, text):
    """Add ``text`` right before ``parent[index]``."""
    if not text:
        return
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def shift_headings(fragment, top):
    """Renumber headings so the first level is ``top`` and none skips a level."""
    open_levels = []
    for element in fragment.iter():
        if element.tag not in HEADINGS:
            continue
        level = int(element.tag[1])
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
        element.tag = f"h{min(6, top + len(open_levels))}"
        open_levels.append(level)


def unique_ids(fragment):
    """Rename ids met before, or taken by the page around the body, with a -2, -3… suffix."""
    seen = set(RESERVED_IDS)
    last_suffix = {}  # per id: so a thousand copies of one id cost linear time
    for element in fragment.iter():
        if _is_comment(element) or not element.get("id"):
            continue
        base = element.get("id")
        candidate = base
        while candidate in seen:
            last_suffix[base] = last_suffix.get(base, 1) + 1
            candidate = f"{base}-{last_suffix[base]}"
        element.set("id", candidate)
        seen.add(candidate)


def drop_ids(fragment):
    """Remove ids and heading permalinks: an excerpt shares its page with others."""
    parents = _parents(fragment)
    for element in list(fragment.iter()):
        if _is_comment(element):
            continue
        element.attrib.pop("id", None)
        if element.tag == "a" and "anchor" in element.get("class", "").split():
            _remove_keeping_tail(parents[element], element)


def attach_code_titles(fragment):
    """Move a ``<p class="code-title">`` written before a code block into its caption.

    Posts imported before captions existed keep their Octopress titles this way.
    """
    for parent in list(fragment.iter()):
        children = list(parent)
        for title, block in zip(children, children[1:], strict=False):
            if title.tag != "p" or "code-title" not in title.get("class", "").split():
                continue
            if "code-block" not in block.get("class", "").split() or (title.tail or "").strip():
                continue
            caption = block.find("figcaption")
            if caption is None:
                caption = etree.Element("figcaption", {"class": "code-caption"})
                block.insert(0, caption)
            span = etree.Element("span", {"class": "code-title"})
            span.text = title.text
            span.extend(list(title))
            span.tail = " " + (caption.text or "")
            caption.text = None
            caption.insert(0, span)
            _remove_keeping_tail(parent, title)
