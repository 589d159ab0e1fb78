from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from importers.disqus import import_disqus


class Command(BaseCommand):
    help = (
        "Import a Disqus XML export as approved comments under the matching posts. "
        "Re-running changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The Disqus export (.xml).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, *args, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file.")
        report = import_disqus(path.read_bytes(), name=path.name, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
