"""What replaces the site generation: every change a reader could see.

Posts, series and standalone pages saved or deleted (pages are in every
page's navigation), tags added, renamed or removed (on a post or outright),
posts written in bulk (``posts.signals.posts_changed_in_bulk``) and
comments readers can see (``comments.signals.comments_changed``). Any of
them can change every page (counts, the sidebar, feeds), so the whole site
generation goes, not one page.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from comments.signals import comments_changed
from posts.models import Page, Post, Series, TaggedPost
from posts.pagecache import generation
from posts.signals import posts_changed_in_bulk


def site_changed(sender=None, using=None, **kwargs):
    """Receiver for every signal below; also called by bulk writers in this app."""
    generation.bump(using=using)


def tags_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        generation.bump(using=using)


def connect():
    for model in (Post, Tag, TaggedPost, Series, Page):
        for signal in (post_save, post_delete):
            signal.connect(
                site_changed, sender=model, dispatch_uid=f"pagecache.{signal}.{model.__name__}"
            )
    m2m_changed.connect(tags_changed, sender=TaggedPost, dispatch_uid="pagecache.m2m.tags")
    posts_changed_in_bulk.connect(site_changed, dispatch_uid="pagecache.posts_in_bulk")
    comments_changed.connect(site_changed, dispatch_uid="pagecache.comments")
