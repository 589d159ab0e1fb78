from importers.html_text import html_to_text


def test_paragraphs_breaks_links_and_emphasis():
    source = (
        "<p>One &amp; <b>two</b> <i>three</i> <code>x()</code></p>"
        "<p>Line<br>break <a href='https://e.org/'>link</a> "
        "<a href='https://e.org/same'>https://e.org/same</a> "
        "<a href='javascript:alert(1)'>bad</a></p>"
    )
    assert html_to_text(source) == (
        "One & **two** *three* `x()`\n\nLine\nbreak [link](https://e.org/) https://e.org/same bad"
    )


def test_plain_text_and_empty_messages():
    assert html_to_text("just text\u00a0here") == "just text here"
    assert html_to_text("") == html_to_text(None) == ""
    assert html_to_text("<script>x</script><p>ok") == "x\n\nok"
