from django.core.management.base import BaseCommand

from posts.models import Page, Post
from posts.signals import posts_changed_in_bulk


class Command(BaseCommand):
    help = "Render every post's and page's Markdown again (run after the renderer changes)."

    def handle(self, *args, **options):
        fields = ["body_html", "excerpt_html", "toc_html", "reading_minutes"]
        post_ids = []
        # update() rather than save(): re-rendering is not an edit, so it
        # changes neither updated_at nor the revision history.
        for post in Post.objects.iterator(chunk_size=200):
            post.render()
            Post.objects.filter(pk=post.pk).update(**{name: getattr(post, name) for name in fields})
            post_ids.append(post.pk)
        # Other apps keep copies built from the rendered HTML (search).
        posts_changed_in_bulk.send(sender=Post, post_ids=post_ids)
        pages = 0
        for page in Page.objects.iterator(chunk_size=200):
            page.render()
            Page.objects.filter(pk=page.pk).update(body_html=page.body_html)
            pages += 1
        done = f"Re-rendered {len(post_ids)} posts and {pages} pages."
        self.stdout.write(self.style.SUCCESS(done))
