"""What the comment importers (Disqus, WordPress) share about comment rows."""

from blog.batches import batched
from comments.models import Comment


def imported_comments(source_ids):
    """``{source id: comment}`` of the comments an earlier import made with these ids."""
    found = {}
    for batch in batched(sorted(source_ids)):
        found.update((c.source_id, c) for c in Comment.objects.filter(source_id__in=batch))
    return found


def same_comment(instance, fields):
    """True when saving ``fields`` on ``instance`` would change nothing.

    ``fields`` holds the post and parent as objects, the rest as values.
    """
    # Related rows compared by id: reading them would cost a query each.
    parent = fields["parent"]
    return (
        instance.post_id == fields["post"].pk
        and instance.parent_id == (parent.pk if parent else None)
        and all(
            getattr(instance, key) == value
            for key, value in fields.items()
            if key not in {"post", "parent"}
        )
    )
