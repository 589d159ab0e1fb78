"""Write posts back out as a Jekyll ``_posts`` folder.

The output is what ``import_jekyll`` reads: importing it into an empty blog
gives back the same titles, slugs, URLs, dates, tags, status, bodies, series
and pinning.
"""

import re
from pathlib import Path

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _

from importers.jekyll import convert_body
from importers.report import Report
from posts.models import Post

_END_RAW = re.compile(r"\{%-?\s*endraw")


def _date_text(moment):
    local = timezone.localtime(moment)
    text = local.strftime("%Y-%m-%d %H:%M:%S")
    if local.microsecond:
        text += f".{local.microsecond:06d}"
    return f"{text} {local.strftime('%z')}"


def post_file_name(post):
    return f"{post.publish_date:%Y-%m-%d}-{post.slug}.markdown"


def post_document(post):
    """One post as Jekyll Markdown: YAML front matter, then the body.

    A body that the importer would change (Liquid-looking text, for one) is
    wrapped in ``{% raw %}`` so that it comes back exactly.
    """
    meta = {
        "layout": "post",
        "title": post.title,
        "date": _date_text(post.publish_at),
        "comments": post.comments_open,
        "categories": [tag.name for tag in post.tags.all()],
    }
    if post.status != Post.Status.PUBLISHED:
        meta["published"] = False
    if post.summary:
        meta["description"] = post.summary
    if post.series is not None:
        meta["series"] = post.series.title
        if post.series_order is not None:
            meta["series_order"] = post.series_order
    if post.pinned:
        meta["pinned"] = True
    body = post.body.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip()
    if convert_body(body).text != body and not _END_RAW.search(body):
        body = "{% raw %}\n" + body + "\n{% endraw %}"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}\n"


def comments_document(comments):
    """A post's comments, every status, as a YAML list (a Jekyll data file)."""
    items = [
        {
            "id": comment.pk,
            "parent": comment.parent_id,
            "name": comment.name,
            "email": comment.email,
            "website": comment.website,
            "date": _date_text(comment.created_at),
            "status": comment.status,
            "body": comment.body,
        }
        for comment in comments
    ]
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=1000)


def export_posts(directory, posts=None):
    """Write every post (drafts too, marked ``published: false``) under ``directory/_posts``.

    Comments go to ``directory/_data/comments/<post file name>.yml``.
    """
    folder = Path(directory) / "_posts"
    folder.mkdir(parents=True, exist_ok=True)
    comment_folder = Path(directory) / "_data" / "comments"
    report = Report(_("Exported posts"))
    posts = Post.objects.all() if posts is None else posts
    posts = posts.select_related("series").prefetch_related("tags", "comments")
    for post in posts.order_by("publish_at", "id"):
        name = post_file_name(post)
        (folder / name).write_text(post_document(post), encoding="utf-8")
        report.add("written")
        comments = post.comments.all()
        if comments:
            comment_folder.mkdir(parents=True, exist_ok=True)
            path = comment_folder / (name.rsplit(".", 1)[0] + ".yml")
            path.write_text(comments_document(comments), encoding="utf-8")
            report.add("comments", len(comments))
    return report
