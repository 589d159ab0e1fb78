from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from comments.tests.factories import make_comment

pytestmark = pytest.mark.django_db


def test_rerender_comments_refreshes_stored_html(post):
    comment = make_comment(post, body="```\ncode\n```")
    Comment.objects.filter(pk=comment.pk).update(body_html="<pre>stale</pre>")
    out = StringIO()
    call_command("rerender_comments", stdout=out)
    assert "Re-rendered 1 comments." in out.getvalue()
    comment.refresh_from_db()
    assert comment.body_html == '<pre tabindex="0"><code>code\n</code></pre>'
