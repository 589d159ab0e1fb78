import pytest

from posts.rendering import count_units, plain_text, reading_minutes, render_post

# A post with what plain text has to get right: a heading's permalink, inline
# code, entities, a footnote, a titled code block, a table, an indented code
# block and Chinese punctuation.
SOURCE = """## 部署 Pod

先看 `kubectl` 的输出&nbsp;&amp; 结果[^1]：

```yaml title="pod.yaml"
kind: Pod # <注释>
```

| 名称 | 值 |
|:-----|---:|
| a&lt;b | **粗** |

    indented code

[^1]: 脚注 *说明*。
"""


def test_plain_text_of_a_rendered_post():
    html = render_post(SOURCE).html
    assert plain_text(html) == (
        "部署 Pod# 先看 kubectl 的输出 & 结果1： 名称 值 a<b 粗 脚注 说明。 ↩"
    )
    assert plain_text(html, skip_code=False) == (
        "部署 Pod# 先看 kubectl 的输出 & 结果1： pod.yaml YAML kind: Pod # <注释> "
        "名称 值 a<b 粗 indented code 脚注 说明。 ↩"
    )


# (HTML, its text without code, its text with code), as the text has always
# been read: a skipped block leaves no space unless it holds a void element;
# a script's text counts as code.
CASES = [
    ("<p>a<br>b</p><pre>x<img>y</pre>z", "a b z", "a b x y z"),
    (
        '<figure class="code-block"><figcaption>YAML</figcaption><pre>k: v</pre></figure>后',
        "后",
        "YAML k: v 后",
    ),
    (
        "<p>x</p><script>if (a<b) {}</script><template>t<hr></template>y",
        "x y",
        "x if (a<b) {}t y",
    ),
    ("<table><tr><td>1<td>2</table>3", "1 2 3", "1 2 3"),
    ("&copy; &#x4e2d;&#25991; &amp &lt;p&gt;", "© 中文 & <p>", "© 中文 & <p>"),
    ('a<!-- note -->b<span class="code-block x">c</span>d', "abd", "abcd"),
    ("<b>left open <i>x", "left open x", "left open x"),
    ("中文\u3000全角&nbsp;空格\n\t", "中文 全角 空格", "中文 全角 空格"),
]


@pytest.mark.parametrize(("html", "without_code", "with_code"), CASES)
def test_plain_text_of_html(html, without_code, with_code):
    assert plain_text(html) == without_code
    assert plain_text(html, skip_code=False) == with_code


def test_plain_text_of_deeply_nested_html():
    # Walked without recursion.
    assert plain_text("<div><span>" * 5000 + "x") == "x"


def test_reading_time_of_a_rendered_post_leaves_code_out():
    code = "```\n" + "word " * 1000 + "\n```\n"
    assert reading_minutes(render_post(SOURCE + "\n" + code).html) == 1
    assert reading_minutes(render_post("word " * 1000).html) == 5


def test_counting_units_separates_chinese_characters_and_words():
    assert count_units("在 Kubernetes 中部署 web-app v2") == (4, 4)


def test_plain_text_leaves_code_out():
    html = render_post("Words here.\n\n```python\nsecret_code = 1\n```\n").html
    assert plain_text(html) == "Words here."
    assert "secret_code" in plain_text(html, skip_code=False)


def test_reading_time_counts_chinese_english_and_not_code():
    assert reading_minutes("<p>" + "字" * 600 + "</p>") == 2
    assert reading_minutes("<p>" + "word " * 400 + "</p>") == 2
    assert reading_minutes("<p>" + "字" * 300 + " word" * 200 + "</p>") == 2
    code = "<pre>" + "x = 1\n" * 5000 + "</pre>"
    assert reading_minutes("<p>short</p>" + code) == 1


def test_plain_text_joins_inline_elements_and_separates_blocks():
    html = render_post("用 `kubectl` 部署，再看 **Pod**。\n\n下一段").html
    assert plain_text(html) == "用 kubectl 部署，再看 Pod。 下一段"
    assert plain_text("<p>a<em>b</em>c</p><p>d</p>") == "abc d"
