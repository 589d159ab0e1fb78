"""Recording the addresses imported posts had before, in bulk."""

from django.utils.translation import gettext as _

from blog.batches import batched
from posts.models import OriginalURL, normal_path


def recorded(paths):
    """``{path: post id}`` of the given normal paths already recorded."""
    found = {}
    for batch in batched(sorted(set(paths))):
        found.update(OriginalURL.objects.filter(path__in=batch).values_list("path", "post_id"))
    return found


def record(pairs, report, *, dry_run=False):
    """Make each ``(post, url)`` pair's old address redirect to its post.

    Addresses are stored in normal form; one that is the post's own address
    is not recorded, one recorded for another post is moved to this one
    (the latest import wins), and the first post of an import to claim an
    address keeps it. Counts "addresses" in ``report``; posts are saved first.
    """
    wanted = {}
    for post, url in pairs:
        path = normal_path(url)
        # The old front page is this blog's front page, not a post's address.
        if path in ("", "/") or path == normal_path(post.get_absolute_url()):
            continue
        other = wanted.setdefault(path, post)
        if other is not post:
            report.warn(
                url, _("also the address of %(title)s; kept for that post") % {"title": other.title}
            )
    existing = recorded(wanted)
    new = [
        OriginalURL(post=post, path=path) for path, post in wanted.items() if path not in existing
    ]
    moved = [path for path, post in wanted.items() if existing.get(path, post.pk) != post.pk]
    if new or moved:
        report.add("addresses", len(new) + len(moved))
    if dry_run:
        return
    OriginalURL.objects.bulk_create(new, batch_size=500)
    for path in moved:
        OriginalURL.objects.filter(path=path).update(post=wanted[path])
