import pytest

from importers.original_urls import record, recorded
from importers.report import Report
from posts.models import OriginalURL, Page
from posts.tests.factories import make_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_addresses_are_stored_once_in_normal_form():
    post = make_post("A", slug="a")
    report = Report("Posts")
    record([(post, "http://old.example/a.html"), (post, "/a.html"), (post, "/?p=3")], report)
    assert report.counts == {"addresses": 2}
    assert recorded(["/a.html", "/?p=3", "/b"]) == {
        "/a.html": (post.pk, None),
        "/?p=3": (post.pk, None),
    }


def test_own_addresses_and_the_front_page_are_not_recorded():
    post = make_post("A", slug="a")
    record([(post, post.get_absolute_url()), (post, "http://old.example/")], Report("Posts"))
    assert not OriginalURL.objects.exists()


def test_the_first_claim_in_an_import_wins_and_a_later_import_moves_it():
    first, second = make_post("First", slug="first"), make_post("Second", slug="second")
    report = Report("Posts")
    record([(first, "/same.html"), (second, "/same.html")], report)
    assert [str(note) for note in report.warnings] == [
        "/same.html: also the address of First; kept for that post"
    ]
    page = Page.objects.create(title="Now a page", slug="now-a-page", body="x")
    record([(page, "/same.html")], Report("Pages"))
    moved = OriginalURL.objects.get(path="/same.html")
    assert moved.post is None and moved.target == page


def test_a_dry_run_counts_and_saves_nothing():
    report = Report("Posts", dry_run=True)
    record([(make_post("A", slug="a"), "/a.html")], report, dry_run=True)
    assert report.counts == {"addresses": 1} and not OriginalURL.objects.exists()
