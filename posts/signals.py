"""Signals the posts app sends, for apps that keep their own copy of a post's words.

- ``post_text_changed``: one post was saved with a new title or body (or was
  created). Arguments: ``post`` (the saved instance, rendered HTML included),
  ``created``, ``using``. Its tags may still change after this: the admin and
  ``post.tags.set`` save them later, through taggit's ``m2m_changed`` signal.
- ``posts_changed_in_bulk``: posts whose text, rendered HTML or tags were
  written in bulk, bypassing ``Post.save`` (importers, ``rerender_posts``).
  Arguments: ``post_ids``, ``using``.

The search app listens to both (see ``search.apps``).
"""

from django.dispatch import Signal

post_text_changed = Signal()
posts_changed_in_bulk = Signal()
