import posts.rendering.many as many
from posts.rendering import render_many, render_post
from posts.rendering.many import MIN_POSTS_PER_PROCESS


def bodies(count):
    return [
        f"## Part {n}\n\n```python\nx = {n}\n```\n\nText {n}[^1].\n\n[^1]: Note."
        for n in range(count)
    ]


def test_workers_render_every_post_in_order_as_render_post_does():
    sources = bodies(2 * MIN_POSTS_PER_PROCESS + 1)
    assert render_many(sources, processes=2) == [render_post(source) for source in sources]


def test_too_few_posts_to_share_render_in_this_process(monkeypatch):
    monkeypatch.setattr(many, "ProcessPoolExecutor", None)
    sources = bodies(MIN_POSTS_PER_PROCESS + 1)
    assert render_many(sources, processes=2) == [render_post(source) for source in sources]
