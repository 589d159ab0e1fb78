"""Parse untrusted XML into an ElementTree without entity tricks.

Expat would expand internal entities ("billion laughs"), so any DOCTYPE or
entity declaration is refused outright; a Disqus export never has one.
"""

import xml.etree.ElementTree as ElementTree
from xml.parsers import expat

from django.utils.translation import gettext as _


class UnsafeXML(ValueError):
    """The document is not well-formed or declares a DOCTYPE or entities."""


def _forbidden(*args):
    raise UnsafeXML(_("DOCTYPE and ENTITY declarations are not allowed"))


def _qualified(name):
    # Expat gives "uri}local"; ElementTree spells it "{uri}local".
    return "{" + name if "}" in name else name


def parse(data):
    """Return the root element of ``data`` (bytes); raise UnsafeXML on bad or unsafe input."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _forbidden
    parser.EntityDeclHandler = _forbidden
    parser.UnparsedEntityDeclHandler = _forbidden
    parser.ExternalEntityRefHandler = _forbidden
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _qualified(name), {_qualified(key): value for key, value in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        return builder.close()
    except expat.ExpatError as exc:
        raise UnsafeXML(
            _("not well-formed XML (line %(line)d): %(error)s")
            % {"line": exc.lineno, "error": expat.ErrorString(exc.code)}
        ) from exc
    except AssertionError as exc:
        raise UnsafeXML(_("not well-formed XML")) from exc
