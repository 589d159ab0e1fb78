"""The shape the file-import commands share."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportFileCommand(BaseCommand):
    """Import one export file with ``importer`` and print its report.

    Subclasses set ``help``, ``file_help`` and ``importer``, a function
    taking the file's bytes, ``name`` and ``dry_run`` and returning a report.
    """

    file_help = ""
    importer = None

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; save nothing."
        )

    def handle(self, *args, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file.")
        report = self.importer(path.read_bytes(), name=path.name, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
