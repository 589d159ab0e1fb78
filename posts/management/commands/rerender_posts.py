from django.core.management.base import BaseCommand

from posts.models import Post, TaggedPost
from posts.search.index import reindex_posts


class Command(BaseCommand):
    help = "Render every post's Markdown again (run after the renderer changes)."

    def handle(self, *args, **options):
        fields = ["body_html", "excerpt_html", "toc_html", "reading_minutes"]
        count = 0
        # update() rather than save(): re-rendering is not an edit, so it
        # changes neither updated_at nor the revision history.
        for post in Post.objects.iterator(chunk_size=200):
            post.render()
            Post.objects.filter(pk=post.pk).update(**{name: getattr(post, name) for name in fields})
            count += 1
        # The search index is built from the rendered HTML.
        reindex_posts(Post, TaggedPost)
        self.stdout.write(self.style.SUCCESS(f"Re-rendered {count} posts."))
