"""Fixture files for the importer tests: small Octopress and Jekyll sites, a Disqus
export and a WordPress export."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "octopress"
EXPORT = FIXTURES / "disqus.xml"
JEKYLL_SITE = FIXTURES / "jekyll_site"
WORDPRESS_EXPORT = FIXTURES / "wordpress.xml"
