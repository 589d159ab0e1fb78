from django.core.management.base import BaseCommand, CommandError

from backups.archive import write_archive


class Command(BaseCommand):
    help = (
        "Write the whole blog (posts, revisions, tags, comments, images and their files, "
        "users) to one archive that `restore` loads into an empty SQLite or PostgreSQL "
        "database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the archive (a .zip file).")

    def handle(self, *args, file, **options):
        try:
            manifest, missing = write_archive(file)
        except OSError as error:
            raise CommandError(f"Could not write {file}: {error}") from error
        for name in missing:
            self.stderr.write(f"Left out {name}: a row names it but the file is gone.")
        rows = ", ".join(f"{count} {label}" for label, count in manifest["models"].items())
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {file}: {rows}; {len(manifest['files'])} files.")
        )
