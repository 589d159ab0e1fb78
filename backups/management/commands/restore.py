from django.core.management.base import BaseCommand, CommandError

from backups.archive import ArchiveError, read_archive
from backups.loading import load_rows, restore_files, rows_present


class Command(BaseCommand):
    help = (
        "Load an archive written by `backup` into this database (run `migrate` first). "
        "The whole archive is checked before anything is written. Refuses a database "
        "that already has posts, comments, tags or users unless --delete-existing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive `backup` wrote.")
        parser.add_argument(
            "--delete-existing",
            action="store_true",
            help="Delete every post, comment, tag, image and user here before loading.",
        )

    def handle(self, *args, file, delete_existing=False, **options):
        try:
            archive = read_archive(file)
        except ArchiveError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        present = rows_present()
        if present and not delete_existing:
            rows = ", ".join(f"{count} {label}" for label, count in present.items())
            raise CommandError(
                f"Nothing was restored: this database is not empty ({rows}). Restore into "
                "a freshly migrated database, or pass --delete-existing to replace all of it."
            )
        try:
            restore_files(archive)
            load_rows(archive, delete_existing=delete_existing)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        rows = ", ".join(f"{count} {label}" for label, count in archive.manifest["models"].items())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {file}: {rows}; {len(archive.files())} files.")
        )
