"""RSS/Atom feeds (sitrep.ingest.feed): entries with text become articles, nothing is fetched."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.feed import read_feed
from sitrep.records import Article

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Defense Desk</title>
  <link>https://desk.example.com/</link>
  <description>Defense news, briefly.</description>
  <item>
    <title>Greece orders four corvettes</title>
    <link>https://desk.example.com/greece-corvettes</link>
    <guid isPermaLink="false">desk-1001</guid>
    <pubDate>Wed, 04 Jun 2025 07:45:00 +0300</pubDate>
    <dc:creator>Nikos Pappas</dc:creator>
    <category>Navy</category>
    <description>Short teaser that the full content replaces.</description>
    <content:encoded><![CDATA[<p>ATHENS — Greece ordered four corvettes on Tuesday.</p>
      <p>“Our islands need ships that can stay at sea for weeks,” the navy chief said.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Drills end in the Aegean</title>
    <link>https://desk.example.com/aegean-drills</link>
    <pubDate>Thu, 05 Jun 2025 12:00:00 GMT</pubDate>
    <description>The ten-day exercise ended &lt;b&gt;without incident&lt;/b&gt;,
      officials said.</description>
  </item>
  <item>
    <title>Headline only: no text in this entry</title>
    <link>https://desk.example.com/headline-only</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Security Notes</title>
  <id>urn:example:notes</id>
  <updated>2025-07-01T09:00:00Z</updated>
  <entry>
    <title>Sweden extends conscription</title>
    <id>urn:example:notes:7</id>
    <link href="https://notes.example.org/sweden-conscription"/>
    <published>2025-07-01T08:00:00+02:00</published>
    <author><name>Karin Lind</name></author>
    <content type="html">&lt;p&gt;Sweden will call up more conscripts next
      year.&lt;/p&gt;&lt;p&gt;The government said that 8,000 young people
      would be trained.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the feed reader tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def _articles(source: str, text: str) -> list[Article]:
    items = list(read_feed(source, text))
    assert all(isinstance(i, Article) for i in items), items
    return [i for i in items if isinstance(i, Article)]


def test_rss_entries_with_content_or_summary_become_articles() -> None:
    first, second = _articles("desk.xml", RSS)
    assert first.text == (
        "ATHENS — Greece ordered four corvettes on Tuesday.\n\n"
        "“Our islands need ships that can stay at sea for weeks,” the navy chief said."
    )
    assert first.id == article_id(first.text)
    assert first.title == "Greece orders four corvettes"
    assert first.url == "https://desk.example.com/greece-corvettes"
    assert first.source == "desk.xml"
    assert first.source_id == "desk-1001"
    assert first.byline == "Nikos Pappas"
    assert first.published == "2025-06-04T04:45:00Z"  # converted to UTC
    assert first.tags == ("Navy",)
    assert second.text == "The ten-day exercise ended without incident, officials said."
    assert second.published == "2025-06-05T12:00:00Z"


def test_atom_html_content() -> None:
    (entry,) = _articles("notes.atom", ATOM)
    assert entry.text == (
        "Sweden will call up more conscripts next year.\n\n"
        "The government said that 8,000 young people would be trained."
    )
    assert entry.title == "Sweden extends conscription"
    assert entry.url == "https://notes.example.org/sweden-conscription"
    assert entry.byline == "Karin Lind"
    assert entry.published == "2025-07-01T06:00:00Z"
    assert entry.source_id == "urn:example:notes:7"


def test_xml_declaration_naming_another_encoding_does_not_garble_decoded_text() -> None:
    feed = RSS.replace('encoding="utf-8"', 'encoding="ISO-8859-1"')
    first = _articles("desk.xml", feed)[0]
    assert first.text.startswith("ATHENS — Greece")
    assert "“Our islands" in first.text


def test_headline_only_feed_is_one_input_error() -> None:
    feed = RSS.split("<item>")[0] + "<item><title>Only a title</title></item></channel></rss>"
    (error,) = read_feed("heads.rss", feed)
    assert isinstance(error, InputError)
    assert error.source == "heads.rss"
    assert "none of the feed's 1 entries has content or a summary" in error.reason


def test_feed_without_entries() -> None:
    (error,) = read_feed("empty.rss", RSS.split("<item>")[0] + "</channel></rss>")
    assert isinstance(error, InputError)
    assert error.reason == "feed has no entries"


def test_text_that_looks_like_a_url_or_path_is_never_fetched_or_opened(tmp_path: Path) -> None:
    real_feed = tmp_path / "feed.xml"
    real_feed.write_text(RSS, encoding="utf-8")
    for text in ("https://desk.example.com/feed.xml", str(real_feed)):
        items = list(read_feed("arg", text))
        assert len(items) == 1
        assert isinstance(items[0], InputError)


def test_broken_xml_is_reported_not_raised() -> None:
    (error,) = read_feed("bad.xml", "<rss><channel><item><title>Unclosed")
    assert isinstance(error, InputError)
