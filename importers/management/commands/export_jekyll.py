from django.core.management.base import BaseCommand

from importers.export import export_posts


class Command(BaseCommand):
    help = (
        "Write every post, drafts too, as Jekyll Markdown under DIR/_posts/ "
        "and its comments under DIR/_data/comments/."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Folder to write into (created if missing).")

    def handle(self, *args, directory, **options):
        report = export_posts(directory)
        for line in report.lines():
            self.stdout.write(line)
