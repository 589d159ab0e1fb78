"""Headless Chromium against a live server: a reader's first look.

Screenshots land in screenshots/ (not committed) to be looked at; the
Chromium fixtures are in tests/conftest.py.
"""

import pytest

from posts.tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_post(db):
    body = (
        "容器编排让部署变得可重复。\n\n<!-- more -->\n\n## 一个例子\n\n"
        "```yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-with-a-very-long-name-"
        + "x" * 120
        + "\n```\n"
    )
    make_post("K8s 之 Pod：最小的调度单位", slug="k8s-pod", body=body, tags=["Kubernetes"])
    return make_post("Service 与服务发现", slug="k8s-service", body=body, tags=["Kubernetes"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_index_and_post_render(live_server, new_page, shoot, demo_post, scheme):
    page = new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(live_server.url + "/")
    assert page.locator(".entry-title a").first.inner_text() == "Service 与服务发现"
    assert page.locator("a.read-on").count() == 2
    shoot(page, f"index-{scheme}")

    page.locator(".entry-title a").first.click()
    page.wait_for_url("**/blog/**/k8s-service/")
    assert page.locator("h1.entry-title").inner_text() == "Service 与服务发现"
    code_colour = page.locator(".highlight .nt").first.evaluate("e => getComputedStyle(e).color")
    body_colour = page.locator("body").evaluate("e => getComputedStyle(e).color")
    assert code_colour != body_colour
    shoot(page, f"post-{scheme}")


def test_phone_layout_has_no_sideways_scroll(live_server, new_page, shoot, demo_post):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    page.goto(live_server.url + demo_post.get_absolute_url())
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 360
    # The long code line scrolls inside its block instead.
    block = page.locator(".highlight").first
    assert block.evaluate("e => e.scrollWidth > e.clientWidth")
    sidebar_top = page.locator("aside.sidebar").bounding_box()["y"]
    content_bottom = page.locator("main.content").bounding_box()
    assert sidebar_top >= content_bottom["y"] + content_bottom["height"] - 1
    shoot(page, "post-phone")


def test_reader_posts_a_comment_and_sees_the_notice(live_server, new_page, shoot, demo_post):
    page = new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + demo_post.get_absolute_url())
    page.fill("#id_name", "小李")
    page.fill("#id_email", "li@example.com")
    page.fill("#id_body", "写得很清楚，**谢谢**！")
    # A person takes longer than the anti-spam minimum to write a comment.
    page.wait_for_timeout(3200)
    page.click("#comment-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "等待审核" in page.locator(".messages").inner_text()
    mine = page.locator(".comment-pending")
    assert mine.count() == 1
    assert "谢谢" in mine.locator("strong").inner_text()
    shoot(page, "comment-pending")
