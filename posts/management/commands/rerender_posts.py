from django.core.management.base import BaseCommand

from posts.models import Post


class Command(BaseCommand):
    help = "Render every post's Markdown again (run after the renderer changes)."

    def handle(self, *args, **options):
        fields = ["body_html", "excerpt_html", "toc_html", "reading_minutes"]
        count = 0
        for post in Post.objects.iterator(chunk_size=200):
            post.render()
            Post.objects.filter(pk=post.pk).update(**{name: getattr(post, name) for name in fields})
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {count} posts."))
