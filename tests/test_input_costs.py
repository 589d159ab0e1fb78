"""The worst inputs found for each check cost time in proportion to their size.

Each case is timed at a size where the old code was already slow and at four
times that size. Linear work takes about four times as long; the bound allows
eight times plus a small constant for noise on a shared machine, and every
run must stay under a second (the old code took from one second to minutes).
"""

import time

import pytest
from django.urls import reverse

from comments import spam
from comments.rendering import render_comment
from importers.frontmatter import BadFile, split_front_matter
from importers.liquid import convert_liquid
from posts.feedgen import absolute_urls
from posts.rendering import render_post
from search.index import body_text

LIMIT_SECONDS = 1.0
NOISE_SECONDS = 0.1


def seconds(function, argument):
    """CPU time of this process, the best of three runs: other work on a busy
    machine delays the run but does not add to its CPU time."""
    best = float("inf")
    for _run in range(3):
        start = time.process_time()
        function(argument)
        best = min(best, time.process_time() - start)
    return best


def assert_linear(function, make, size):
    small, large = make(size), make(4 * size)
    small_time, large_time = seconds(function, small), seconds(function, large)
    assert small_time < LIMIT_SECONDS and large_time < LIMIT_SECONDS, (small_time, large_time)
    assert large_time < 8 * small_time + NOISE_SECONDS, (small_time, large_time)


def nested_list_markers(count):
    # "-   " × 14 + "-    x" (62 characters) took 1.2 s; each marker more ×3.5.
    return "-   " * count + "-    x"


def yaml_aliases(levels):
    """Front matter where each list holds nine aliases of the one before (414 bytes: 1.3 s)."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "---\n" + "\n".join(lines) + f"\ncategories: *l{levels - 1}\n---\nbody\n"


def refused_front_matter(text):
    with pytest.raises(BadFile, match="aliases"):
        split_front_matter(text)


def test_the_comment_nesting_check():
    assert spam.too_deeply_nested(nested_list_markers(20))
    assert_linear(spam.too_deeply_nested, nested_list_markers, 14)
    assert_linear(spam.too_deeply_nested, lambda n: "-   " * n + "-    x\n" + "[" * 5, 250)


@pytest.mark.parametrize(
    ("piece", "count"),
    [
        ("([a]", 300),  # unclosed link addresses
        ("[a](()", 200),  # addresses whose parentheses never balance
        ("[", 1250),  # link texts that never close (nesting is refused before this)
        ("<a ", 400),  # unclosed HTML tags
        ("*a", 600),
        ("**a*", 300),
        ("> ", 600),
    ],
)
def test_rendering_a_comment(piece, count):
    # 4 × count pieces stays within the longest comment allowed.
    assert len(piece) * count * 4 <= spam.MAX_BODY_LENGTH + 100
    assert_linear(render_comment, lambda n: (piece * n)[: spam.MAX_BODY_LENGTH], count)


@pytest.mark.parametrize(
    ("piece", "count"),
    [
        ("([a]", 3000),  # 12 KB took 1.3 s in the admin preview, 50 KB 29 s
        ("[a](()", 2000),
        ("[", 12000),
        ("[a][", 3000),
        ('![a](x"(', 1500),
    ],
)
def test_rendering_a_post(piece, count):
    assert_linear(render_post, lambda n: piece * n, count)


def test_yaml_aliases_are_refused_before_they_expand():
    assert len(yaml_aliases(9)) <= 600
    assert_linear(refused_front_matter, yaml_aliases, 9)


@pytest.mark.parametrize(
    "make",
    [
        # 400 unbalanced block tags, 12 KB: 1 s; 60 KB: 26 s.
        lambda n: "{% blockquote %}\n" * n + "{% endhighlight %}\n" * n,
        lambda n: "{% blockquote Some Author, A Long Title %}\n" * n + "{% endelse %}\n" * n,
        lambda n: "{%" * (30 * n),
        lambda n: "{{" * (30 * n),
        lambda n: ("{% codeblock " + " \t" * 900 + "x %}\ncode\n{% endcodeblock %}\n") * (n // 40),
        # A run of blanks inside a tag: 0.14 s for each image tag of 2,000 characters.
        lambda n: ("{% img x" + " " * 1990 + "y %}\n") * (n // 40),
        lambda n: ("{% blockquote x" + " " * 1990 + "y %}q{% endblockquote %}\n") * (n // 40),
    ],
    ids=[
        "wrong-ends",
        "long-wrong-ends",
        "open-tags",
        "open-outputs",
        "blank-options",
        "img",
        "bq",
    ],
)
def test_converting_liquid(make):
    assert_linear(convert_liquid, make, 200)


def test_indexing_a_post_for_search():
    # Unclosed heading permalinks in a post's HTML: 18 KB took 0.16 s, 72 KB 2.2 s.
    assert_linear(body_text, lambda n: '<a class="anchor">' * n, 1000)


def test_making_feed_urls_absolute():
    # Many unclosed start tags in a post's HTML: 20 KB took 6 s.
    assert_linear(
        lambda html: absolute_urls(html, "https://blog.example/"), lambda n: "<a b" * n, 1250
    )


@pytest.mark.django_db
def test_the_admin_preview(staff_client):
    url = reverse("admin:posts_post_preview")

    def preview(body):
        response = staff_client.post(url, {"body": body})
        assert response.status_code == 200

    assert_linear(preview, lambda n: "([a]" * n, 3000)
