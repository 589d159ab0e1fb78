import pytest

from importers.liquid_tags import (
    TagError,
    render_blockquote,
    render_codeblock,
    render_gist,
    render_img,
    render_include_code,
    render_pullquote,
)
from posts.rendering import render_post


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("/images/a.png", '<img src="/images/a.png">'),
        ("http://x.org/a.png", '<img src="http://x.org/a.png">'),
        (
            "left half /a.png Ninja & 忍者",
            '<img class="left half" src="/a.png" title="Ninja &amp; 忍者" alt="Ninja &amp; 忍者">',
        ),
        ("right /a.png 300", '<img class="right" src="/a.png" width="300">'),
        (
            "/a.png 300 200 'Title here' 'Alt here'",
            '<img src="/a.png" width="300" height="200" title="Title here" alt="Alt here">',
        ),
        (
            '/a.png 30 20 "Quoted"',
            '<img src="/a.png" width="30" height="20" title="Quoted" alt="Quoted">',
        ),
        (
            '/a.png "x" onerror="y"',
            '<img src="/a.png" title="x&quot; onerror=&quot;y" alt="x&quot; onerror=&quot;y">',
        ),
    ],
)
def test_img_variants(markup, expected):
    assert render_img(markup) == (expected, None)


def test_img_without_a_path_is_an_error():
    with pytest.raises(TagError):
        render_img("just words")


def test_codeblock_language_from_lang_or_from_the_file_name():
    assert "```ruby\nputs 1\n```" in render_codeblock("lang:ruby", "\nputs 1\n")
    out = render_codeblock("Awesome - awesome.rb", "x")
    assert '```{ .rb title="Awesome - awesome.rb" }\n' in out
    out = render_codeblock("Title lang:go linenos:false start:3", "a")
    assert out.strip() == '```{ .go title="Title" }\na\n```'


def test_codeblock_title_becomes_the_caption_of_the_rendered_block():
    html = render_post(render_codeblock('Say "hi" - hi.py', "print(1)")).html
    caption = (
        '<figcaption class="code-caption">'
        '<span class="code-title">Say \u201dhi\u201d - hi.py</span>'
        ' <span class="code-lang">Python</span></figcaption>'
    )
    assert f'<figure class="code-block">{caption}' in html


def test_codeblock_fence_is_longer_than_backticks_in_the_code():
    out = render_codeblock("lang:md", "```\ninner\n```")
    assert "````md\n```\ninner\n```\n````" in out
    assert "inner" in render_post(out).html


def test_blockquote_author_title_and_source():
    html = render_post(render_blockquote("张三, 某本书", "引用")).html
    assert "<blockquote>" in html and "<strong>张三</strong> <cite>某本书</cite>" in html
    out = render_blockquote("Ann Lee https://example.org/a/very/long/path/to/some/article", "q")
    assert '<a href="https://example.org/a/very/long/path/to/some/article">' in out
    assert ">example.org/a/very/long/path/to/…</a>" in out
    out = render_blockquote("Ann https://example.org/x the article title", "q")
    assert ">The Article Title</a>" in out
    assert "quote-source" not in render_blockquote("", "q")


def test_two_blockquotes_stay_apart():
    html = render_post(render_blockquote("A", "one") + render_blockquote("B", "two")).html
    assert html.count("<blockquote>") == 2


def test_pullquote_becomes_an_aside_and_keeps_the_text():
    out, warning = render_pullquote("left", 'Start {" the quote "} end.')
    assert '<aside class="pullquote pullquote-left">the quote</aside>' in out
    assert "Start the quote end." in out and warning is None
    out, warning = render_pullquote("", "No markers.")
    assert "No markers." in out and warning


def test_gist_is_a_link_not_a_script():
    out, warning = render_gist("4a5b6c app.go")
    assert '<a href="https://gist.github.com/4a5b6c#file-app-go">gist 4a5b6c · app.go</a>' in out
    assert "<script" not in out and warning is None
    with pytest.raises(TagError):
        render_gist("")


def test_include_code_links_to_the_downloads_folder_and_warns():
    out, warning = render_include_code("Sample lang:go servers/main.go")
    assert '<a href="/downloads/code/servers/main.go">Sample</a>' in out
    assert "/downloads/code/servers/main.go" in warning
    out, _warning = render_include_code("main.go")
    assert ">main.go</a>" in out
