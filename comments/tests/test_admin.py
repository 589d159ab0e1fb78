"""Moderating comments in the admin."""

import pytest
from django.urls import reverse

from comments.models import Comment
from comments.tests.factories import make_comment

pytestmark = pytest.mark.django_db


def test_admin_lists_pending_first_and_moderates(staff_client, post):
    approved = make_comment(post, body="approved one")
    pending = make_comment(post, status="pending", body="pending one")
    response = staff_client.get(reverse("admin:comments_comment_changelist"))
    rows = [str(obj.pk) for obj in response.context["cl"].result_list]
    assert rows[0] == str(pending.pk)
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert "1 条评论等待审核" in index
    for action, status in [("mark_spam", "spam"), ("remove", "removed"), ("approve", "approved")]:
        staff_client.post(
            reverse("admin:comments_comment_changelist"),
            {"action": action, "_selected_action": [pending.pk, approved.pk]},
        )
        assert set(Comment.objects.values_list("status", flat=True)) == {status}
