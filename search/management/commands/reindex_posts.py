from django.core.management.base import BaseCommand

from posts.models import Post, TaggedPost
from search.index import reindex_posts


class Command(BaseCommand):
    help = "Rebuild every post's search fields (after loading fixtures or changing the indexer)."

    def handle(self, *args, **options):
        count = reindex_posts(Post, TaggedPost)
        self.stdout.write(self.style.SUCCESS(f"Reindexed {count} posts."))
