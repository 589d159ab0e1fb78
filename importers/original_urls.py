"""Recording the addresses imported posts and pages had before, in bulk."""

from django.utils.translation import gettext as _

from blog.batches import batched
from posts.models import OriginalURL, Post, normal_path


def recorded(paths):
    """``{path: (post id, page id)}`` of the given normal paths already recorded."""
    found = {}
    for batch in batched(sorted(set(paths))):
        rows = OriginalURL.objects.filter(path__in=batch).values_list("path", "post_id", "page_id")
        found.update((path, (post_id, page_id)) for path, post_id, page_id in rows)
    return found


def imported(model, prefix, items):
    """``{old id: post or page}`` of ``items`` an earlier import made as ``model``.

    ``model`` is ``Post`` or ``Page``; each item's ``key_path`` is ``prefix``
    followed by its old numeric id, the address the earlier import recorded.
    """
    column = 0 if model is Post else 1
    owners = {
        path: owner[column]
        for path, owner in recorded(item.key_path for item in items).items()
        if owner[column]
    }
    by_pk = {}
    for batch in batched(sorted(set(owners.values()))):
        by_pk.update((target.pk, target) for target in model.objects.filter(pk__in=batch))
    return {int(path[len(prefix) :]): by_pk[pk] for path, pk in owners.items() if pk in by_pk}


def _owner(target):
    """The ``(post id, page id)`` pair a row pointing at ``target`` holds."""
    return (target.pk, None) if isinstance(target, Post) else (None, target.pk)


def record(pairs, report, *, dry_run=False):
    """Make each ``(post or page, url)`` pair's old address redirect to it.

    Addresses are stored in normal form; one that is the target's own address
    or the front page is not recorded, one recorded for another target is
    moved to this one (the latest import wins), and the first target of an
    import to claim an address keeps it. Counts "addresses" in ``report``;
    the targets are saved first.
    """
    wanted = {}
    for target, url in pairs:
        path = normal_path(url)
        # The old front page is this blog's front page, not a post's address.
        if path in ("", "/") or path == normal_path(target.get_absolute_url()):
            continue
        other = wanted.setdefault(path, target)
        if other is not target:
            report.warn(
                url, _("also the address of %(title)s; kept for that post") % {"title": other.title}
            )
    existing = recorded(wanted)
    new = [
        OriginalURL(path=path, **_fields(target))
        for path, target in wanted.items()
        if path not in existing
    ]
    moved = [
        path
        for path, target in wanted.items()
        if existing.get(path, _owner(target)) != _owner(target)
    ]
    if new or moved:
        report.add("addresses", len(new) + len(moved))
    if dry_run:
        return
    OriginalURL.objects.bulk_create(new, batch_size=500)
    for path in moved:
        OriginalURL.objects.filter(path=path).update(**_fields(wanted[path]))


def _fields(target):
    if isinstance(target, Post):
        return {"post": target, "page": None}
    return {"post": None, "page": target}
