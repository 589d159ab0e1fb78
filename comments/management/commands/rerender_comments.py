from django.core.management.base import BaseCommand

from comments.models import Comment
from comments.rendering import render_comment


class Command(BaseCommand):
    help = "Render every comment's text again (run after the comment renderer changes)."

    def handle(self, *args, **options):
        count = 0
        # update() rather than save(): nothing about the comment changes but its HTML.
        for comment in Comment.objects.only("pk", "body").iterator(chunk_size=500):
            Comment.objects.filter(pk=comment.pk).update(body_html=render_comment(comment.body))
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {count} comments."))
