"""Tags of imported posts: found by name, created once, linked in bulk."""

from taggit.models import Tag

from blog.batches import batched
from posts.models import Post, TaggedPost
from posts.signals import posts_changed_in_bulk


def existing_tag_ids(posts):
    """``{post id: {tag ids}}`` for saved ``posts``, a query per 500 posts."""
    tag_ids = {post.pk: set() for post in posts}
    for batch in batched(sorted(tag_ids)):
        rows = TaggedPost.objects.filter(content_object_id__in=batch)
        for post_id, tag_id in rows.values_list("content_object_id", "tag_id"):
            tag_ids[post_id].add(tag_id)
    return tag_ids


class TagCache:
    """Tags by case-insensitive name, created on first use (never in a dry run)."""

    def __init__(self, dry_run):
        self.dry_run = dry_run
        self.by_name = {tag.name.lower(): tag for tag in Tag.objects.all()}

    def ids(self, names):
        ids = set()
        for name in names:
            tag = self.by_name.get(name.lower())
            if tag is None:
                tag = Tag(name=name) if self.dry_run else Tag.objects.create(name=name)
                self.by_name[name.lower()] = tag
            ids.add(tag.pk)
        return ids


class TagLinks:
    """Tag changes collected post by post and written at the end in bulk."""

    def __init__(self):
        # Posts, not ids: a new post gets its id when saved, after this.
        self.new_links, self.retagged = [], []

    def change(self, post, had, wanted):
        """Bring ``post``'s tags from the ids ``had`` to ``wanted``; True if they differ."""
        if had == wanted:
            return False
        if had - wanted:
            TaggedPost.objects.filter(content_object=post, tag_id__in=had - wanted).delete()
        self.new_links += [(post, tag_id) for tag_id in wanted - had]
        self.retagged.append(post)
        return True

    def save(self, also_changed=()):
        """Write the new links; announce the retagged posts and ``also_changed``
        (ids of posts written in bulk) in one ``posts_changed_in_bulk``."""
        TaggedPost.objects.bulk_create(
            [TaggedPost(content_object=post, tag_id=tag_id) for post, tag_id in self.new_links],
            batch_size=500,
        )
        # Links made in bulk send no m2m signal: announce every post whose
        # tags changed (search re-indexes them).
        changed = {post.pk for post in self.retagged}.union(also_changed)
        if changed:
            posts_changed_in_bulk.send(sender=Post, post_ids=sorted(changed))
