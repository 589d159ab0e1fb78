import pytest

from importers.safe_xml import UnsafeXML, parse


def test_namespaces_are_spelt_as_elementtree_spells_them():
    root = parse(b'<a xmlns="urn:x" xmlns:d="urn:d"><b d:id="1">t</b></a>')
    assert root.tag == "{urn:x}a"
    assert root[0].get("{urn:d}id") == "1" and root[0].text == "t"


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
        b'<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>',
        b"<a><b></a>",
        b"",
        '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE a><a/>'.encode("utf-16"),
    ],
)
def test_doctype_entities_and_broken_xml_are_refused(data):
    with pytest.raises(UnsafeXML):
        parse(data)
