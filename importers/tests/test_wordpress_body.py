import pytest

from importers.wordpress_body import attributes, convert_body
from posts.rendering import render_post

pytestmark = pytest.mark.usefixtures("english")


def rendered(content):
    return render_post(convert_body(content).text).html


def test_blank_lines_make_paragraphs_and_line_breaks_stay():
    assert rendered("One *star*\ntwo\n\nThree") == ("<p>One *star*<br>\ntwo</p>\n\n<p>Three</p>")


def test_blocks_are_not_wrapped_and_their_text_is_paragraphed():
    html = rendered("<blockquote>one\n\ntwo</blockquote>\n<ul>\n<li>a</li>\n</ul>")
    assert "<blockquote>\n\n<p>one</p>\n\n<p>two</p>\n\n</blockquote>" in html
    assert "<ul>\n\n<li>a</li>\n\n</ul>" in html and "<p><ul>" not in html


@pytest.mark.parametrize(
    ("shortcode", "language_class"),
    [
        ('[code lang="python"]x = 1[/code]', '<span class="n">x</span>'),
        ('[sourcecode language="ruby"]x = 1[/sourcecode]', '<span class="n">x</span>'),
        ('<pre class="brush: python">x = 1</pre>', '<span class="n">x</span>'),
        ('<pre><code class="language-python">x = 1</code></pre>', '<span class="n">x</span>'),
    ],
)
def test_code_becomes_highlighted_fenced_code(shortcode, language_class):
    html = rendered(f"Before\n\n{shortcode}\n\nAfter")
    assert 'class="highlight"' in html and language_class in html
    assert "[code" not in html and "<p>After</p>" in html


def test_code_with_backticks_gets_a_longer_fence():
    text = convert_body('[code lang="md"]```\ninner\n```[/code]').text
    assert text.startswith("````md\n```\ninner\n```\n````")


def test_a_caption_becomes_a_figure():
    html = rendered('[caption align="aligncenter"]<img src="/a.png" alt="A"> The A[/caption]')
    assert html == (
        '<figure class="wp-caption aligncenter"><img src="/a.png" alt="A">\n\n'
        "<figcaption>The A</figcaption>\n\n</figure>"
    )


def test_unknown_shortcodes_stay_visible_and_are_reported():
    converted = convert_body('[gallery ids="1,2"]\n\n[embed]https://v.example/1[/embed]')
    assert converted.warnings == [
        "[gallery] kept as text (shortcode not converted)",
        "[embed] kept as text (shortcode not converted)",
    ]
    assert '[gallery ids="1,2"]' in render_post(converted.text).html


def test_the_more_marker_ends_the_excerpt_even_inside_a_paragraph():
    result = render_post(convert_body("Intro<!--more-->Rest\n\nMore").text)
    assert result.excerpt_html == "<p>Intro</p>"
    assert "<p>Rest</p>" in result.html


def test_scripts_and_event_handlers_are_removed():
    converted = convert_body('<img src="/a.png" onerror="x()"><script>bad()</script>')
    assert "onerror" not in converted.text and "bad()" not in converted.text
    assert converted.warnings == ["scripts, styles, frames and embeds removed"]


def test_attributes_take_any_quoting():
    assert attributes(" a=\"1\" b='2' c=3") == {"a": "1", "b": "2", "c": "3"}


def test_long_hostile_input_is_fast():
    converted = convert_body("[" + "a" * 50000 + " [code " * 2000 + "<pre " * 2000)
    assert converted.text.startswith("<p>[")
