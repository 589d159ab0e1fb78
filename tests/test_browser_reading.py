"""Reading in a real browser: the copy button, small screens, dark mode, axe-core.

axe-core is installed from npm by `make` (node_modules/, not committed) and
injected into each page; it must find no violation.
"""

import json
import os
from pathlib import Path

import pytest

from tests.site_content import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(db):
    return make_site()


def test_copy_button_copies_the_code_and_says_so(live_server, new_page, site):
    page = new_page(**DESKTOP, locale="en-US", permissions=["clipboard-read", "clipboard-write"])
    page.goto(live_server.url + site["post"])
    yaml_block, console_block, _python, go_block = page.locator("figure.code-block").all()
    button = yaml_block.locator("button.code-copy")
    assert button.inner_text() == "Copy"
    # With the keyboard: focus the button and press Enter.
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('button.code-copy').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-with-a-very-long-name-that-needs"
        "-to-scroll-sideways-on-a-small-phone-screen\n"
    )
    status = page.locator("[role=status][aria-live=polite]")
    assert status.inner_text() == "Code copied to the clipboard"
    # A shell session: the command only, without the prompt or the output.
    console_block.locator("button.code-copy").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('kubectl'))")
    assert page.evaluate("navigator.clipboard.readText()") == "kubectl get pods\n"
    # Line numbers stay out.
    go_block.locator("button.code-copy").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('package'))")
    assert page.evaluate("navigator.clipboard.readText()") == "package main\nfunc main() {}\n"


def test_without_javascript_no_copy_button(live_server, new_page, site):
    page = new_page(**DESKTOP, java_script_enabled=False)
    page.goto(live_server.url + site["post"])
    assert page.locator("figure.code-block").count() == 4
    assert page.locator("button").count() == 1  # the comment form's own
    assert page.locator("#comment-form button[type=submit]").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_code_blocks_on_screens(live_server, new_page, site, shoot, scheme, device):
    page = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=scheme)
    page.goto(live_server.url + site["post"])
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The long line scrolls inside its block, which stays within the screen.
    code = page.locator("figure.code-block .highlight").first
    assert code.evaluate("e => e.scrollWidth > e.clientWidth")
    box = page.locator("figure.code-block").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    copy = page.locator("button.code-copy").first.bounding_box()
    assert copy["x"] + copy["width"] <= box["x"] + box["width"]
    page.locator("figure.code-block").first.scroll_into_view_if_needed()
    shoot(page, f"code-{device}-{scheme}")


def test_axe_finds_no_violation(live_server, new_page, site):
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{AXE} is missing: run `make .venv/.dev-installed`")
        pytest.skip("axe-core is not installed (make installs it)")
    found = {}
    for scheme in ("light", "dark"):
        page = new_page(**DESKTOP, color_scheme=scheme, bypass_csp=True)
        for name, url in site.items():
            page.goto(live_server.url + url)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document).then(r => JSON.stringify(r.violations))")
            for violation in json.loads(result):
                targets = [node["target"] for node in violation["nodes"]][:5]
                found.setdefault(f"{scheme} {name}", []).append((violation["id"], targets))
    assert found == {}, json.dumps(found, indent=1)
