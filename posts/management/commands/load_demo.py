from datetime import datetime, timedelta
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from posts.models import Page, Post, Series
from posts.slugs import unicode_slug

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


def read_demo_file(path):
    """Split a demo file into its YAML front matter (a dict) and Markdown body."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.lstrip("\n")


def publish_time(meta, now):
    if "scheduled_in_days" in meta:
        return now + timedelta(days=int(meta["scheduled_in_days"]))
    value = meta["date"]
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


class Command(BaseCommand):
    help = (
        "Load the demo posts in posts/demo/ and pages in posts/demo/pages/; "
        "posts and pages whose slug exists are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the blog already has any post (used by `make run`).",
        )

    @transaction.atomic
    def handle(self, *args, if_empty=False, **options):
        if if_empty and Post.objects.exists():
            self.stdout.write("The blog has posts already; demo posts not loaded.")
            return
        files = sorted(DEMO_DIR.glob("*.md"))
        if not files:
            raise CommandError(f"No demo posts found in {DEMO_DIR}.")
        now = timezone.now()
        created = 0
        for path in files:
            meta, body = read_demo_file(path)
            slug = meta.get("slug") or unicode_slug(meta["title"])
            if Post.objects.filter(slug=slug).exists():
                continue
            post = Post(
                title=meta["title"],
                slug=slug,
                body=body,
                summary=meta.get("summary", ""),
                status=meta.get("status", Post.Status.PUBLISHED),
                publish_at=publish_time(meta, now),
                comments_open=meta.get("comments", True),
            )
            if meta.get("series"):
                post.series = Series.objects.get_or_create(title=meta["series"])[0]
            post.save()
            post.tags.set(meta.get("tags", []))
            created += 1
        for path in sorted((DEMO_DIR / "pages").glob("*.md")):
            meta, body = read_demo_file(path)
            Page.objects.get_or_create(
                slug=meta["slug"],
                defaults={
                    "title": meta["title"],
                    "body": body,
                    "status": Page.Status.PUBLISHED,
                    "navigation_order": meta.get("navigation_order", 0),
                },
            )
        self.stdout.write(self.style.SUCCESS(f"Loaded {created} demo posts."))
