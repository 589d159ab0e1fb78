from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from comments.signals import comments_changed
from importers.tests.factories import WORDPRESS_EXPORT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run_import():
    out = StringIO()
    call_command("import_wordpress", str(WORDPRESS_EXPORT), stdout=out)
    return out.getvalue()


@pytest.fixture
def imported():
    return run_import()


def test_comments_keep_their_threads_and_statuses(imported):
    comments = {comment.name: comment for comment in Comment.objects.all()}
    assert set(comments) == {"Ann", "Bob", "Cat", "小明"}
    ann, bob, cat = comments["Ann"], comments["Bob"], comments["Cat"]
    assert ann.status == bob.status == Comment.Status.APPROVED
    assert cat.status == Comment.Status.PENDING
    # Replies of any depth hang under the top of their conversation.
    assert ann.parent is None and bob.parent == ann and cat.parent == ann
    assert ann.website == "http://ann.example.com/" and ann.email == "ann@example.com"
    assert bob.website == "" and ann.body == "Great post & thanks!"
    assert str(ann.ip_address) == "192.0.2.1"
    assert ann.created_at == datetime(2013, 9, 7, 2, tzinfo=UTC)
    assert timezone.localtime(cat.created_at).isoformat() == "2013-09-09T10:00:00+08:00"
    assert "Great post" in ann.body_html


def test_a_moderators_decision_survives_a_second_run(imported):
    Comment.objects.filter(name="Ann").update(status=Comment.Status.SPAM)
    run_import()
    assert Comment.objects.get(name="Ann").status == Comment.Status.SPAM


def test_comments_made_in_bulk_are_announced_for_the_page_cache():
    announced = []

    def receiver(sender, post_ids, **kwargs):
        announced.extend(post_ids)

    comments_changed.connect(receiver)
    try:
        run_import()
    finally:
        comments_changed.disconnect(receiver)
    shown = Comment.objects.filter(status=Comment.Status.APPROVED).values_list("post_id", flat=True)
    assert set(announced) == set(shown)
