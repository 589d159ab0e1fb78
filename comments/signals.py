"""Signals the comments app sends, for apps that show comments or their counts.

- ``comments_changed``: comments that readers can see (or could see before)
  were added, changed or deleted, one by one or in bulk (the admin's
  approve / spam / remove actions). Arguments: ``post_ids`` (the posts whose
  comments changed), ``using``. A new comment waiting for approval is seen by
  no one but its author and sends nothing.

The posts app listens to it (see ``posts.apps``) to keep its cached pages exact.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

comments_changed = Signal()


def _saved(sender, instance, using, **kwargs):
    if instance.is_visible or instance.was_visible:
        comments_changed.send(sender=sender, post_ids=[instance.post_id], using=using)


def _deleted(sender, instance, using, **kwargs):
    if instance.was_visible:
        comments_changed.send(sender=sender, post_ids=[instance.post_id], using=using)


def connect():
    """Turn the model's own save and delete signals into ``comments_changed``."""
    from comments.models import Comment

    post_save.connect(_saved, sender=Comment, dispatch_uid="comments.changed.saved")
    post_delete.connect(_deleted, sender=Comment, dispatch_uid="comments.changed.deleted")
