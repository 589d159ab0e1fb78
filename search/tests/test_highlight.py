from search.highlight import SNIPPET_LENGTH, mark, snippet, term_pattern
from search.text import parse_query


def pattern(query):
    return term_pattern(parse_query(query))


def test_mark_escapes_before_marking():
    assert mark("<b>容器</b> & 容器化", pattern("容器")) == (
        "&lt;b&gt;<mark>容器</mark>&lt;/b&gt; &amp; <mark>容器</mark>化"
    )


def test_mark_without_terms_only_escapes():
    assert mark("<i>", None) == "&lt;i&gt;"


def test_snippet_is_cut_around_the_first_match():
    text = "前言。" * 60 + "这里讲服务发现的原理。" + "后记。" * 60
    result = snippet(text, pattern("服务发现"))
    assert "<mark>服务发现</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")
    assert len(result) < SNIPPET_LENGTH + 40


def test_snippet_without_a_match_is_the_start_of_the_text():
    result = snippet("Kubernetes basics. " * 20, pattern("nothing"))
    assert result.startswith("Kubernetes basics.") and result.endswith(" …")
