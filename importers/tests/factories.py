"""Fixture files for the importer tests: a small Octopress site and a Disqus export."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "octopress"
EXPORT = FIXTURES / "disqus.xml"
