from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from posts.rendering.styles import pygments_css


class Command(BaseCommand):
    help = "Write the light and dark Pygments stylesheet to static/css/pygments.css."

    def handle(self, *args, **options):
        target = Path(settings.BASE_DIR) / "static" / "css" / "pygments.css"
        target.write_text(pygments_css(), encoding="utf-8")
        self.stdout.write(f"Wrote {target}")
