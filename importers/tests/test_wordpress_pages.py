from io import StringIO

import pytest
from django.core.management import call_command

from importers.tests.factories import WORDPRESS_EXPORT, wxr_export, wxr_item
from importers.wordpress import import_wordpress
from posts.models import Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def imported():
    call_command("import_wordpress", str(WORDPRESS_EXPORT), stdout=StringIO())


def test_pages_become_the_blogs_pages(imported, client):
    pages = {page.title: page for page in Page.objects.all()}
    about, team, tags = pages["About"], pages["The team"], pages["Tag list"]
    assert about.is_published and about.show_in_navigation and about.navigation_order == 3
    assert about.get_absolute_url() == "/about/" and about.body_html == "<p>About me.</p>"
    # A child page is not in the navigation; a draft is a draft, with a free slug.
    assert team.is_published and not team.show_in_navigation
    assert not tags.is_published and tags.slug == "tags-22"
    for old, page in (("/?page_id=20", about), ("/about/team/", team), ("/?page_id=21", team)):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == page.get_absolute_url()
        assert client.get(response["Location"]).status_code == 200
    assert client.get("/about/").status_code == 200
    assert client.get("/?page_id=22").status_code == 200  # a draft page is not given away


def test_a_page_the_author_moved_out_of_the_navigation_stays_out():
    def page(content):
        return wxr_item(5, "Links", content).replace("<wp:post_type>post", "<wp:post_type>page")

    import_wordpress(wxr_export(page("x")))
    Page.objects.update(show_in_navigation=False)
    report = import_wordpress(wxr_export(page("y")))
    assert report.counts == {"pages_updated": 1}
    assert Page.objects.get().body == "<p>y</p>" and not Page.objects.get().show_in_navigation
