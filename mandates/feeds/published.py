"""The published feeds as the server sees them: names, tokens, validators, index.

Plain Python for `web.py`: a name is served only if it is a feed of `feeds.json` and matches the
strict feed-name pattern (no path ever comes from the request); private feeds only with their
token, compared in constant time. File bytes are cached until the file changes on disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import json
import os
import re
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

from mandates.feeds.publish import MANIFEST
from mandates.words.feeds import index_as_of

FEED_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:en|zh)$")


@dataclass(frozen=True, slots=True)
class FeedFile:
    """One feed's bytes with its HTTP validators: a content hash ETag and the file's mtime."""

    data: bytes
    etag: str
    last_modified: dt.datetime

    @property
    def http_date(self) -> str:
        """Last-Modified as an HTTP date."""
        return format_datetime(self.last_modified, usegmt=True)


def etag_matches(etag: str, if_none_match: str | None) -> bool:
    """RFC 9110 13.1.2: whether an If-None-Match header names `etag` (weakly) or is `*`."""
    if if_none_match is None:
        return False
    tags = [t.strip() for t in if_none_match.split(",")]
    return any(t == "*" or t.removeprefix("W/") == etag for t in tags)


def not_modified(feed: FeedFile, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110 13.1: If-None-Match decides when present, else If-Modified-Since."""
    if if_none_match is not None:
        return etag_matches(feed.etag, if_none_match)
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            return False
        return feed.last_modified <= since
    return False


class Published:
    """The feeds in a calendars folder, looked up by name (and token for private ones)."""

    def __init__(self, calendars_dir: Path, tokens: dict[str, str]) -> None:
        self.root = calendars_dir
        self.tokens = {name: token for name, token in tokens.items() if token}
        self._manifest: tuple[tuple[int, int], dict[str, Any]] | None = None
        self._files: dict[str, tuple[tuple[int, int, int], FeedFile]] = {}

    def manifest(self) -> dict[str, Any]:
        """`feeds.json` as written by `mandates feeds`, re-read when it changes; empty if absent."""
        path = self.root / MANIFEST
        try:
            info = path.stat()
        except OSError:
            return {"feeds": []}
        key = (info.st_mtime_ns, info.st_size)
        if self._manifest is None or self._manifest[0] != key:
            try:
                self._manifest = (key, json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                return {"feeds": []}
        return self._manifest[1]

    def _entry(self, name: str, private: bool) -> dict[str, Any] | None:
        if not FEED_NAME.match(name):
            return None
        for entry in self.manifest().get("feeds", []):
            if f"{entry['name']}.{entry['lang']}" == name and bool(entry["private"]) is private:
                return dict(entry)
        return None

    def public(self, name: str) -> FeedFile | None:
        """A public feed by name (`all.en`), or None."""
        entry = self._entry(name, private=False)
        return self._read(str(entry["file"])) if entry else None

    def private(self, token: str, name: str) -> FeedFile | None:
        """A private feed by name, if `token` is its token (constant-time comparison), or None."""
        entry = self._entry(name, private=True)
        if entry is None:
            return None
        expected = self.tokens.get(str(entry["name"]))
        if expected is None or not hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8")):
            return None
        return self._read(str(entry["file"]))

    def _read(self, relative: str) -> FeedFile | None:
        path = self.root / relative
        try:
            info = os.stat(path)
        except OSError:
            return None
        key = (info.st_mtime_ns, info.st_size, info.st_ino)
        cached = self._files.get(relative)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        modified = dt.datetime.fromtimestamp(int(info.st_mtime), tz=dt.UTC)
        feed = FeedFile(data, etag, modified)
        self._files[relative] = (key, feed)
        return feed

    def listing(self) -> list[dict[str, Any]]:
        """The public feeds of the manifest whose files exist, for the index page."""
        return [e for e in self.manifest().get("feeds", [])
                if not e["private"] and (self.root / str(e["file"])).is_file()]


def index_html(published: Published, base_url: str) -> str:
    """The index page: every public feed with its link (the public URL's scheme) and webcal link
    and what it contains; links to the dashboard and today's check."""
    manifest = published.manifest()
    title = manifest.get("title", {}).get("en", "mandates")
    webcal_base = re.sub(r"^https?://", "webcal://", base_url)
    rows = []
    for entry in published.listing():  # every value escaped: titles come from the process file
        path = f"/calendars/{entry['name']}.{entry['lang']}.ics"
        lang = html.escape(str(entry["lang"]))
        rows.append(
            f"<tr><td lang=\"{lang}\">{html.escape(str(entry['title']))}</td>"
            f"<td>{lang}</td><td lang=\"{lang}\">{html.escape(str(entry['about']))}</td>"
            f"<td><a href=\"{html.escape(base_url + path)}\">{html.escape(base_url + path)}</a></td>"
            f"<td><a href=\"{html.escape(webcal_base + path)}\">webcal</a></td></tr>")
    body = "\n".join(rows) or "<tr><td colspan=\"5\">No feeds published yet: run "\
                              "<code>mandates feeds</code>.</td></tr>"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}: calendar feeds</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:75em}}
table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left}}</style>
</head><body>
<h1>{html.escape(title)}: calendar feeds</h1>
<p class="as-of">{html.escape(index_as_of(manifest))}</p>
<p>Subscribe once and every meeting and deadline stays current: when a meeting moves, its event
moves. Copy a link into Google Calendar (Other calendars, From URL), Outlook (Add calendar,
Subscribe from web), Apple Calendar (File, New Calendar Subscription) or Thunderbird (New Calendar,
On the Network), or open the webcal link. Meetings whose dates are still to be determined are not
listed until they are set. 订阅后，会议改期时日历中的事件会随之更新。</p>
<table><thead><tr><th>Feed</th><th>Language</th><th>Contains</th><th>Link</th>
<th>webcal</th></tr></thead>
<tbody>
{body}
</tbody></table>
<p><a href="/dashboard">Dashboard</a> · <a href="/dashboard?lang=zh" hreflang="zh-Hans"
lang="zh-Hans">仪表板（中文）</a> · <a href="/status">Today's deadline check</a> · <a
href="/status?lang=zh" hreflang="zh-Hans" lang="zh-Hans">今日截止日期检查（中文）</a> · <a
href="/status.json">JSON</a></p>
</body></html>
"""
