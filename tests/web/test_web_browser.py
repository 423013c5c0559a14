"""The workbench in headless Chromium: the analyst's path from dashboard to speaker, and safety.

Screenshots of each step land in tests/screenshots/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen


def test_dashboard_search_article_quote_speaker(
    live_server: str, page: Any, screenshots: Path
) -> None:
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert "Kadri Saar" in page.locator("#speakers-h + ol").inner_text()
    page.screenshot(path=str(screenshots / "1-dashboard.png"), full_page=True)

    page.fill("#site-q", "drones")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=drones")
    hit = page.locator("ol.hits li").first
    assert hit.locator("h2 a").inner_text() == "Drones tested Estonian air defence"
    assert hit.locator(".snippet mark").first.inner_text().lower().startswith("drone")
    page.screenshot(path=str(screenshots / "2-search.png"), full_page=True)

    hit.locator("h2 a").click()
    page.wait_for_url("**/articles/art_*")
    quote = page.locator(".article-text mark.hl-quote").first
    assert quote.inner_text() == "We followed each drone until it turned back,"
    tip = quote.get_attribute("title") or ""
    assert "Kadri Saar" in tip and "said" in tip
    quote.hover()
    # The CSS tooltip shows the same speaker and cue as the title attribute.
    shown = page.evaluate("el => getComputedStyle(el, '::after').content", quote.element_handle())
    assert "Kadri Saar" in shown
    panel_speaker = page.locator(".panel-quote a.speaker").first
    assert panel_speaker.inner_text() == "Kadri Saar"
    page.screenshot(path=str(screenshots / "3-article.png"), full_page=True)

    panel_speaker.click()
    page.wait_for_url("**/actors/act_kadri_saar")
    assert page.locator("h1").inner_text() == "Kadri Saar"
    assert "We followed each drone" in page.locator(".quote-list").inner_text()
    page.screenshot(path=str(screenshots / "4-speaker.png"), full_page=True)


def test_keyboard_skip_link_and_focusable_quotes(live_server: str, page: Any) -> None:
    page.goto(live_server + "/search?q=drones")
    page.locator("ol.hits h2 a").first.click()
    page.wait_for_url("**/articles/art_*")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # "j" moves focus to the first quotation (the one script of the site).
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.classList.contains('hl-quote')")


def _ingest(base: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    request = Request(
        base + "/api/ingest",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    with urlopen(request, timeout=10) as response:  # loopback test server only
        return json.loads(response.read())  # type: ignore[no-any-return]


def test_hostile_article_renders_as_text_and_runs_nothing(
    live_server: str, page: Any, screenshots: Path, token: str
) -> None:
    script = "<script>window.__pwned = 1; alert(1)</script>"
    text = (
        f'“{script} We saw <img src=x onerror="window.__pwned=2"> over the base,” '
        'said Evil" onmouseover="window.__pwned=3" x="y. '
        'Then <b>bold</b> & <a href="javascript:window.__pwned=4">a link</a> appeared.'
    )
    line = json.dumps(
        {
            "id": "hostile-1",
            "title": f"{script} Hostile",
            "text": text,
            "url": "javascript:window.__pwned=5",
        }
    )
    report = _ingest(live_server, token, {"text": line, "source": "hostile.jsonl"})
    assert [i["status"] for i in report["items"]] == ["new"], report
    article = report["items"][0]["article_id"]

    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{live_server}/articles/{article}")
    body = page.locator(".article-text")
    quote = body.locator("mark.hl-quote").first
    quote.hover()
    body.locator("mark, a").last.hover()
    page.locator("h1").hover()
    page.screenshot(path=str(screenshots / "5-hostile.png"), full_page=True)

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert script in body.inner_text()
    assert '<img src=x onerror="window.__pwned=2">' in body.inner_text()
    assert page.locator("h1").inner_text() == f"{script} Hostile"
    assert page.locator("img, [onerror], [onmouseover], script:not([src])").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "onmouseover" in (quote.get_attribute("title") or "")  # shown, as text

    page.goto(f"{live_server}/quotes?q=over+the+base")
    assert script in page.locator(".quote-list").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
