from importers.management.base import ImportFileCommand
from importers.wordpress import import_wordpress


class Command(ImportFileCommand):
    help = (
        "Import a WordPress export (WXR 1.0-1.2): posts, tags, comments; old addresses "
        "redirect to the posts. Re-running updates the same posts."
    )
    file_help = "The WordPress export (.xml)."
    importer = staticmethod(import_wordpress)
