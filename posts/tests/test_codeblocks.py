"""Code blocks: captioned figures, fence titles, and no button in the stored HTML."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from posts.rendering import render_post
from posts.rendering.codeblocks import CodeBlockFormatter
from posts.tests.factories import make_post


def blocks(source):
    return BeautifulSoup(render_post(source).html, "html.parser").select("figure.code-block")


def test_a_block_names_its_language_and_has_no_button():
    (figure,) = blocks("```python\nprint(1)\n```\n")
    caption = figure.select_one("figcaption.code-caption")
    assert caption.get_text(" ", strip=True) == "Python"
    assert figure.select_one("div.highlight")["tabindex"] == "0"
    assert figure.select("button") == []


@pytest.mark.parametrize(
    "opening",
    ['```python title="app.py"', '``` { .python title="app.py" }', '~~~python title="app.py"'],
)
def test_a_fence_option_gives_the_caption(opening):
    fence = opening[:3]
    (figure,) = blocks(f"{opening}\nprint(1)\n{fence}\n")
    assert figure.select_one(".code-title").text == "app.py"
    assert figure.select_one(".code-lang").text == "Python"
    assert figure.select_one("pre").get_text() == "print(1)\n"


def test_a_titled_fence_inside_a_longer_fence_stays_code():
    source = '````markdown\n```python title="app.py"\nx\n```\n````\n'
    (figure,) = blocks(source)
    assert figure.select(".code-title") == []
    assert 'title="app.py"' in figure.select_one("pre").get_text()


def test_plain_blocks_have_no_caption_and_titles_are_escaped():
    (plain,) = blocks("    indented code\n")
    assert plain.select("figcaption") == []
    (titled,) = blocks('```{ title="<b>x</b>" }\ny\n```\n')
    assert titled.select_one(".code-title").text == "<b>x</b>"
    assert titled.select(".code-lang") == []


def test_a_title_written_before_a_block_joins_its_caption():
    # Posts imported before captions existed.
    source = '<p class="code-title"><span>Foo.java</span></p>\n\n```java\nclass A {}\n```\n'
    html = render_post(source).html
    assert "code-title" not in html.split("<figure")[0]
    (figure,) = blocks(source)
    assert figure.select_one("figcaption").get_text(" ", strip=True) == "Foo.java Java"


def test_line_numbers_stay_out_of_the_code_cell():
    (figure,) = blocks('``` { .go linenums="1" }\na\nb\n```\n')
    assert figure.select_one("td.code pre").get_text() == "a\nb\n"
    assert figure.select_one("td.linenos").get_text().split() == ["1", "2"]


@pytest.mark.django_db
def test_the_page_loads_the_copy_script_and_serves_no_button(client):
    post = make_post("代码", body="```sh\nls -l\n```\n")
    html = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    script = html.select_one('script[src$="js/code-copy.js"]')
    assert script.has_attr("defer") and script["data-copied"] == "已复制"
    assert html.select("figure.code-block") and html.select(".code-copy") == []
    assert finders.find("js/code-copy.js")


def test_blocks_share_one_copy_of_the_styles_token_classes():
    first, second = CodeBlockFormatter(lang_str="python"), CodeBlockFormatter(title="a.py")
    assert first.ttype2class is second.ttype2class
