import pytest

from importers.liquid import convert_liquid
from posts.rendering import render_post

# These tests read report messages, which the site would give in Chinese.
pytestmark = pytest.mark.usefixtures("english")


def convert(text):
    return convert_liquid(text).text


def rendered(text):
    return render_post(convert(text)).html


def test_raw_blocks_become_literal_text():
    text = "{% raw %}{{ page.title }} {% url 'x' %} {% img /a.png %}{% endraw %}"
    assert convert(text) == "{{ page.title }} {% url 'x' %} {% img /a.png %}"
    assert convert_liquid(text).warnings == []


def test_code_fences_and_inline_code_stay_literal_but_lose_raw_markers():
    text = (
        "Use `{% img /x.png %}` inline.\n\n"
        "```html\n{% raw %}{{ user }}{% endraw %}\n{% if a %}b{% endif %}\n```\n\n"
        "~~~\n{{ form }}\n~~~"
    )
    out = convert(text)
    assert "`{% img /x.png %}`" in out
    assert "```html\n{{ user }}\n{% if a %}b{% endif %}\n```" in out
    assert "~~~\n{{ form }}\n~~~" in out
    assert convert_liquid(text).warnings == []


def test_fence_info_strings_with_junk_options_keep_only_the_language():
    out = convert("```java lineos:false\nclass A {}\n```\n\n~~~ ruby  title:x\nputs 1\n~~~")
    assert out.startswith("```java\nclass A {}\n```")
    assert "~~~ruby\nputs 1\n~~~" in out
    html = render_post(out).html
    assert html.count('class="highlight"') == 2 and "lineos" not in html
    # Attribute lists and plain languages are already right: left alone.
    assert convert('``` { .go linenums="1" }\nx\n```') == '``` { .go linenums="1" }\nx\n```'


def test_an_unclosed_fence_keeps_the_rest_literal_and_is_reported():
    result = convert_liquid("```\n{% img /a.png %}")
    assert result.text == "```\n{% img /a.png %}"
    assert result.warnings == ["a code fence is never closed"]


def test_root_url_disappears_other_outputs_stay_visible_and_are_reported():
    result = convert_liquid("![x]({{ root_url }}/images/x.png) and {{ site.author }}")
    assert result.text == "![x](/images/x.png) and {{ site.author }}"
    assert result.warnings == ["Liquid output {{ site.author }} kept as text"]


def test_octopress_fence_titles_become_fence_options():
    out = convert(
        "``` ruby Discover if a number is prime http://x.org/prime.rb source linenos:false\n"
        'puts 1\n```\n\n```python title="app.py"\nprint(1)\n```'
    )
    assert out == (
        '```{ .ruby title="Discover if a number is prime" url="http://x.org/prime.rb" '
        'url_text="source" }\nputs 1\n```\n\n```python title="app.py"\nprint(1)\n```'
    )


def test_codeblock_with_title_language_and_link():
    html = rendered(
        "{% codeblock Greeting - greet.py http://example.org/g.py source %}\n"
        "def f():\n    return '{{ x }}'\n{% endcodeblock %}"
    )
    assert (
        '<figcaption class="code-caption"><span class="code-title">Greeting - greet.py</span> '
        '<a class="code-source" href="http://example.org/g.py">source</a> '
        '<span class="code-lang">Python</span></figcaption>'
    ) in html
    assert '<span class="k">def</span>' in html and "{{ x }}" in html
    assert "{%" not in html


def test_unknown_tags_stay_visible_and_are_reported():
    result = convert_liquid("Watch {% youtube abc123 %} now.")
    assert result.text == 'Watch <code class="liquid">{% youtube abc123 %}</code> now.'
    assert result.warnings == ["unknown tag {% youtube abc123 %} kept as text"]


def test_misspelt_and_stray_end_tags():
    result = convert_liquid("{% codeblock lang:sh %}\nls\n{% endcodeblok %}\n\n{% endblockquote %}")
    assert "```sh\nls\n```" in result.text
    assert "endblockquote" not in result.text
    assert result.warnings == [
        "{% endcodeblok %} read as the end of codeblock",
        "{% endblockquote %} has no opening tag; removed",
    ]


def test_an_unclosed_codeblock_takes_the_rest_and_is_reported():
    result = convert_liquid("{% codeblock %}\nx = 1\n")
    assert "```\nx = 1\n```" in result.text
    assert result.warnings == ["{% codeblock %} is never closed"]


def test_an_unclosed_blockquote_keeps_its_text():
    result = convert_liquid("{% blockquote Ann %}\nQuoted text")
    assert result.text.strip() == "Quoted text"
    assert result.warnings == ["{% blockquote Ann %} is never closed; removed"]


def test_tags_inside_a_blockquote_are_converted():
    html = rendered("{% blockquote %}\nSee {% img /a.png %}\n{% endblockquote %}")
    assert '<blockquote>\n<p>See <img src="/a.png"></p>' in html


def test_liquid_comments_disappear():
    assert convert("a{% comment %} hidden {% endcomment %}b") == "ab"


def test_whitespace_control_and_odd_spacing():
    assert convert("{%- img /a.png -%}") == '<img src="/a.png">'
    assert convert("{%img /a.png%}") == '<img src="/a.png">'
    assert convert("{% end codeblock %}") == ""


def test_jekyll_highlight_tag_becomes_a_fence():
    result = convert_liquid("{% highlight ruby linenos %}\nputs '{{ x }}'\n{% endhighlight %}")
    assert "```ruby\nputs '{{ x }}'\n```" in result.text and result.warnings == []


def test_each_opening_tag_finds_its_own_end_among_many():
    text = (
        "{% blockquote %}quoted\n"
        + "{% endhighlight %}\n" * 3
        + "{% endblockquote %}\n{% codeblock %}b\n{% endcodeblok %}\n"
    )
    converted = convert_liquid(text)
    assert converted.text.startswith("\n\n> quoted")
    assert "```\nb\n```" in converted.text
    assert "{% endcodeblok %} read as the end of codeblock" in converted.warnings
    assert "{% endhighlight %} has no opening tag; removed" in converted.warnings
