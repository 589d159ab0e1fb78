"""Headless Chromium in the admin: write a post, watch the preview, publish it.

Screenshots of the editor land in screenshots/ (not committed) to be looked at.
"""

import re

import pytest

from posts.models import Post
from posts.tests.factories import image_bytes, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = """Pod 的健康检查决定流量何时到达容器。

<!-- more -->

## 一个探针

```go
func healthz(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}
```
"""


@pytest.fixture
def author(django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_post("旧文章", slug="old", tags=["Kubernetes"])
    return django_user_model.objects.create_superuser("author", "a@example.com", "pw-author-9")


def test_write_preview_and_publish_a_post(live_server, new_page, shoot, author):
    page = new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page.goto(live_server.url + "/admin/login/?next=/admin/posts/post/add/")
    page.fill("#id_username", "author")
    page.fill("#id_password", "pw-author-9")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/posts/post/add/")

    page.locator("#id_title").press_sequentially("Go：写健康检查")
    # Chinese arrives as text input, not key presses: one more key for the
    # admin's slug script, as an input method's own key events would do.
    page.locator("#id_title").press("End")
    assert page.input_value("#id_slug") == "go-写健康检查"
    page.locator("#id_tags").press_sequentially("Kub")
    suggestion = page.locator(".tag-suggestions li").first
    suggestion.wait_for()
    assert suggestion.inner_text() == "Kubernetes"
    suggestion.click()
    assert page.input_value("#id_tags") == "Kubernetes, "

    preview = page.locator(".md-preview-body")
    page.fill("#id_body", BODY)
    preview.locator(".highlight .kd").first.wait_for()  # "func", highlighted by Pygments
    assert preview.locator("h2").inner_text().startswith("一个探针")
    page.locator("#id_body").press("End")
    page.locator("#id_body").press_sequentially("\n## 小结\n\n探针要便宜。\n")
    preview.locator("h2", has_text="小结").wait_for()
    assert page.locator(".md-preview-title").inner_text() == "Go：写健康检查"

    page.set_input_files(
        ".editor-image-file",
        files=[{"name": "probe.png", "mimeType": "image/png", "buffer": image_bytes()}],
    )
    page.locator(".editor-image-message", has_text="![](").wait_for()
    preview.locator("img[width='40'][height='30'][loading='lazy']").wait_for()
    shoot(page, "admin-editor")

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")
    assert page.locator("#result_list .post-status-published").count() == 2
    shoot(page, "admin-post-list")

    post = Post.objects.get(slug="go-写健康检查")
    assert post.is_published
    assert [tag.name for tag in post.tags.all()] == ["Kubernetes"]
    page.goto(live_server.url + "/")
    page.locator(".entry-title a", has_text="Go：写健康检查").click()
    page.wait_for_url(re.compile(r".*/blog/\d{4}/\d\d/\d\d/.+/$"))
    assert page.locator(".entry-content .highlight .kd").first.inner_text() == "func"
    assert page.locator(".entry-content h2", has_text="小结").count() == 1
    assert page.locator(".entry-content img").get_attribute("width") == "40"
    shoot(page, "admin-published-post")

    # A second save keeps the first text as a revision, shown as a diff.
    page.goto(live_server.url + f"/admin/posts/post/{post.pk}/change/")
    page.fill("#id_body", BODY + "\n## 小结\n\n探针要又快又便宜。\n")
    page.click("input[name=_continue]")
    page.locator(".object-tools a[href$='/revisions/']").click()
    page.locator(".revision .diff-remove", has_text="探针要便宜").wait_for()
    page.locator(".revision .diff-add", has_text="探针要又快又便宜").wait_for()
    shoot(page, "admin-revisions")
