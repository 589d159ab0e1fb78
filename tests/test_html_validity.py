"""Every kind of page is valid HTML, with imported content at its worst.

The Nu HTML Checker (vnu.jar, installed from npm by `make`) must report no
error; the cheaper structural checks (ids, one h1, time format) run always.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site_content import make_site

VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


@pytest.fixture
def pages(client, db):
    """Each page's HTML by name, every one answered 200."""
    html = {}
    for name, url in make_site().items():
        response = client.get(url)
        assert response.status_code == 200, url
        html[name] = response.content.decode()
    return html


def test_ids_are_unique_and_each_page_has_one_h1(pages):
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        ids = [element["id"] for element in soup.select("[id]")]
        assert len(ids) == len(set(ids)), (name, sorted(ids))
        assert len(soup.select("h1")) == 1, name


def test_times_have_whole_seconds_and_an_offset(pages):
    times = BeautifulSoup(pages["post"], "html.parser").select("time[datetime]")
    assert len(times) == 4  # the post, a related post, a comment and its reply
    for time in times:
        assert DATETIME.fullmatch(time["datetime"]), time["datetime"]


def test_search_landmarks_are_told_apart(pages):
    forms = BeautifulSoup(pages["search"], "html.parser").select("[role=search]")
    labels = [form.get("aria-label") for form in forms]
    assert len(labels) == 2 and all(labels) and labels[0] != labels[1]


def test_bodies_lose_the_stray_end_tag_and_keep_an_outline(pages):
    post = BeautifulSoup(pages["post"], "html.parser")
    assert "favicon.ico>" not in pages["post"]
    body = post.select_one(".entry-content")
    assert [h.name for h in body.select("h2, h3, h4, h5, h6")] == ["h2", "h3", "h4"]
    index = BeautifulSoup(pages["index"], "html.parser")
    headings = [h.name for h in index.select(".entry-content :is(h1, h2, h3, h4, h5, h6)")]
    assert headings and set(headings) == {"h3"}


def test_the_nu_html_checker_finds_no_error(pages, tmp_path):
    java = shutil.which("java")
    if not (java and VNU.exists()):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"java or {VNU} is missing: run `make .venv/.dev-installed`")
        pytest.skip("the Nu HTML Checker is not installed (make installs it)")
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']} «{m.get('extract', '')}»"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors)
