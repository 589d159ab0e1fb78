from importers.disqus import import_disqus
from importers.management.base import ImportFileCommand


class Command(ImportFileCommand):
    help = (
        "Import a Disqus XML export as approved comments under the matching posts. "
        "Re-running changes nothing."
    )
    file_help = "The Disqus export (.xml)."
    importer = staticmethod(import_disqus)
