"""Comparing a post with its revisions (see ``posts.models.revision``)."""

import difflib


def diff_lines(old, new, context=3):
    """Line diff from ``old`` to ``new`` as ``(kind, text)`` pairs.

    ``kind`` is "hunk" for a position header, "add", "remove" or "same".
    """
    lines = difflib.unified_diff(
        (old or "").splitlines(), (new or "").splitlines(), lineterm="", n=context
    )
    kinds = {"+": "add", "-": "remove", " ": "same"}
    result = []
    # The first two lines name the "files"; there are none when nothing changed.
    for line in list(lines)[2:]:
        if line.startswith("@@"):
            result.append(("hunk", line))
        else:
            result.append((kinds.get(line[:1], "same"), line[1:]))
    return result


def history(post):
    """The post's revisions, newest first, each with ``changes``: the diff of its
    title and body to the version that replaced it."""
    revisions = list(post.revisions.all())
    newer = [post, *revisions]
    for revision, replacement in zip(revisions, newer, strict=False):
        revision.new_title = replacement.title if replacement.title != revision.title else None
        revision.changes = diff_lines(revision.body, replacement.body)
    return revisions
