from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from importers.jekyll import import_posts, read_folder
from importers.report import Report


class Command(BaseCommand):
    help = (
        "Import an Octopress/Jekyll site's _posts (or source/_posts) folder, or that folder. "
        "Re-running updates the same posts."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A Jekyll site or its _posts folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, *args, directory, dry_run=False, **options):
        if not Path(directory).is_dir():
            raise CommandError(f"{directory} is not a folder.")
        report = Report(_("Posts"), dry_run=dry_run, items_label=_("Files"))
        sources = read_folder(directory, report)
        import_posts(sources, dry_run=dry_run, report=report)
        for line in report.lines():
            self.stdout.write(line)
