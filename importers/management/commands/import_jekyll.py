import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.jekyll import import_posts, posts_folder, read_folder
from importers.jekyll_site import load_site
from importers.report import Report


class Command(BaseCommand):
    help = (
        "Import a Jekyll or Octopress site's _posts (or source/_posts) folder, or that folder. "
        "The site's _config.yml permalink decides each post's old address, which "
        "redirects to the post. Re-running updates the same posts."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A Jekyll site or its _posts folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )
        parser.add_argument(
            "--permalink",
            metavar="TEMPLATE",
            help="The site's permalink (a style such as pretty, or a template such as "
            "/blog/:title.html), instead of _config.yml's.",
        )

    def handle(self, *args, directory, dry_run=False, permalink=None, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"{directory} is not a folder.")
        report = Report(_("Posts"), dry_run=dry_run, items_label=_("Files"))
        site = load_site(directory, posts_folder(directory), report, permalink=permalink)
        sources = read_folder(directory, report)
        import_posts(sources, site=site, dry_run=dry_run, report=report, processes=os.cpu_count())
        for line in report.lines():
            self.stdout.write(line)
