from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importers.wordpress import import_wordpress


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0-1.2): posts, tags, comments; old addresses "
        "redirect to the posts. Re-running updates the same posts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WordPress export (.xml).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, *args, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file.")
        report = import_wordpress(path.read_bytes(), name=path.name, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
