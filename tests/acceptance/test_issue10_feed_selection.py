"""Issue 10, part 1: the `--body/--meeting/--responsible/--status` filters on the feeds.

The agreed interface:
- `mandates feeds --body B --meeting M --responsible R --status S -o FILE [--lang en|zh]` writes
  one iCalendar feed of just the selection, with the semantics of `check`'s filters (values of
  one option or'ed, options and'ed);
- settings `feeds.selections: {NAME: {body: [...], meeting: [...], status: [...]}}` are
  published by `mandates feeds` as feeds of their own, listed in the manifest `feeds.json`;
- unknown ids are refused (exit 2; in the settings with file:line), nothing written.

What "the selection" holds is read from the product's own check (`check --format json` with the
same filters, which README documents) and from the full feeds `mandates feeds` writes: a selection
feed's deadlines are the selected outputs' deadlines, no more, and every selected output with a
deadline in the public `all` feed is there. Real CLI, bundled process and its shipped history,
frozen date, own database per folder; feeds parsed with icalendar.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import CJK, Result, cli_env, english_words, ics_components, ics_human_texts, run_cli

AS_OF = "2020-01-06"
_DEADLINE = re.compile(r"^deadline-([a-z0-9-]+?)(?:\.\d+)?@")
_MEETING = re.compile(r"^meeting-([a-z0-9-]+?)@")


class Folder:
    def __init__(self, root: Path, **env: str) -> None:
        self.root = root
        self.env = cli_env(root / "state.db", root / "cache", **env)

    def run(self, *args: str) -> Result:
        return run_cli(list(args), self.env, self.root)

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.returncode == 0, result.explain()
        return result

    def check(self, *filters: str) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(
            self.ok("check", "--as-of", AS_OF, "--format", "json", *filters).stdout)
        return found


def uids(path: Path) -> list[str]:
    return [str(c.get("UID", "")) for c in ics_components(path)]


def deadline_ids(path: Path) -> set[str]:
    return {m.group(1) for u in uids(path) if (m := _DEADLINE.match(u))}


def meeting_ids(path: Path) -> set[str]:
    return {m.group(1) for u in uids(path) if (m := _MEETING.match(u))}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    """A user's folder, with the full feeds of the date written once (the reference)."""
    folder = Folder(tmp_path_factory.mktemp("feedsel"))
    folder.ok("feeds", "--as-of", AS_OF, "--out", str(folder.root / "reference"))
    return folder


def public_deadlines(folder: Folder) -> set[str]:
    found = deadline_ids(folder.root / "reference" / "all.en.ics")
    assert len(found) > 20, "the reference feed has (almost) no deadlines"
    return found


def assert_is_the_selection(folder: Folder, feed: Path, filters: tuple[str, ...]) -> set[str]:
    """The feed's deadlines are exactly the selected outputs that have a public deadline (and
    nothing unselected, public or private)."""
    selected = {o["id"] for o in folder.check(*filters)["outputs"]}
    shown = deadline_ids(feed)
    assert shown <= selected, f"not selected by {filters}: {sorted(shown - selected)}"
    missing = (selected & public_deadlines(folder)) - shown
    assert not missing, f"selected by {filters} but not in the feed: {sorted(missing)}"
    return shown


SELECTIONS = {
    "one-body": ("--body", "sbstta"),
    "two-bodies-ored": ("--body", "sbstta", "--body", "sbi"),
    "meeting": ("--meeting", "wg2020-2"),
    "responsible": ("--responsible", "executive-secretary"),
    "status": ("--status", "overdue"),
    "body-and-status": ("--body", "sbstta", "--status", "delivered"),
    "meeting-and-statuses": ("--meeting", "wg2020-2", "--status", "delivered", "--status",
                             "on-track"),
}


@pytest.mark.parametrize("name", sorted(SELECTIONS))
def test_selection_feed_holds_just_the_selection(folder: Folder, name: str) -> None:
    filters = SELECTIONS[name]
    out = folder.root / f"sel-{name}"
    out.mkdir()
    feed = out / "selection.ics"
    folder.ok("feeds", "--as-of", AS_OF, *filters, "-o", str(feed))
    # One feed, nothing else: no folder of 44 feeds beside it.
    assert sorted(p.name for p in out.iterdir()) == ["selection.ics"]
    shown = assert_is_the_selection(folder, feed, filters)
    assert shown, f"{filters}: an empty feed (the check selects outputs with deadlines)"
    assert len(shown) < len(public_deadlines(folder)), "the whole feed, not a selection"


def test_or_within_an_option_and_across_options(folder: Folder) -> None:
    """Two bodies give the union of each; a body and a status give the intersection."""
    def written(name: str, *filters: str) -> set[str]:
        feed = folder.root / f"{name}.ics"
        folder.ok("feeds", "--as-of", AS_OF, *filters, "-o", str(feed))
        return deadline_ids(feed)

    sbstta = written("u-sbstta", "--body", "sbstta")
    sbi = written("u-sbi", "--body", "sbi")
    both = written("u-both", "--body", "sbstta", "--body", "sbi")
    assert sbstta and sbi and sbstta != sbi
    assert both == sbstta | sbi
    delivered = written("u-delivered", "--status", "delivered")
    sbstta_delivered = written("u-sbstta-delivered", "--body", "sbstta", "--status", "delivered")
    assert sbstta_delivered == sbstta & delivered
    assert sbstta_delivered and sbstta_delivered != sbstta


def test_body_selection_shows_only_that_bodys_meetings(folder: Folder) -> None:
    feed = folder.root / "body-meetings.ics"
    folder.ok("feeds", "--as-of", AS_OF, "--body", "sbstta", "-o", str(feed))
    body_meetings = {m["id"] for m in folder.check("--body", "sbstta")["meetings"]}
    shown = {re.sub(r"-part-\d+$", "", m) for m in meeting_ids(feed)}
    assert shown <= body_meetings, sorted(shown - body_meetings)


def test_selection_feed_in_chinese(folder: Folder) -> None:
    feed = folder.root / "sbstta.zh.ics"
    folder.ok("feeds", "--as-of", AS_OF, "--body", "sbstta", "--lang", "zh", "-o", str(feed))
    assert_is_the_selection(folder, feed, ("--body", "sbstta"))
    texts = list(ics_human_texts(feed))
    assert texts
    names = [t for _, prop, t in texts if prop == "X-WR-CALNAME"]
    assert names and all(CJK.search(n) for n in names), names
    english = [(owner, prop, text) for owner, prop, text in texts if english_words(text)]
    assert english == [], english[:5]


def test_selection_feed_in_english_by_default(folder: Folder) -> None:
    feed = folder.root / "sbstta.default.ics"
    folder.ok("feeds", "--as-of", AS_OF, "--body", "sbstta", "-o", str(feed))
    summaries = [t for _, prop, t in ics_human_texts(feed) if prop == "SUMMARY"]
    assert summaries and not any(CJK.search(s) for s in summaries), summaries[:5]


@pytest.mark.parametrize("option,bad,nearest", [("--body", "sbsta", "sbstta"),
                                                ("--meeting", "wg2020-22", "wg2020-2"),
                                                ("--responsible", "executive-secretry",
                                                 "executive-secretary")])
def test_unknown_id_refused_nothing_written(folder: Folder, option: str, bad: str,
                                            nearest: str) -> None:
    out = folder.root / f"refused-{bad}"
    out.mkdir()
    result = folder.run("feeds", "--as-of", AS_OF, option, bad, "-o", str(out / "x.ics"))
    assert result.returncode == 2, result.explain()
    assert bad in result.stderr and nearest in result.stderr, result.explain()
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


def test_unknown_status_refused(folder: Folder) -> None:
    out = folder.root / "refused-status"
    out.mkdir()
    result = folder.run("feeds", "--as-of", AS_OF, "--status", "late", "-o", str(out / "x.ics"))
    assert result.returncode == 2, result.explain()
    assert "late" in result.stderr and "overdue" in result.stderr, result.explain()
    assert list(out.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Selections named in the settings: published with the other feeds, listed in feeds.json.

SETTINGS_SELECTIONS = {
    "sbstta-sbi-moving": ({"body": ["sbstta", "sbi"], "status": ["on-track", "delivered"]},
                          ("--body", "sbstta", "--body", "sbi", "--status", "on-track",
                           "--status", "delivered")),
    "wg2020-2-inputs": ({"meeting": ["wg2020-2"]}, ("--meeting", "wg2020-2")),
}


def write_settings(path: Path, selections: dict[str, dict[str, list[str]]]) -> None:
    lines = ["feeds:", "  selections:"]
    for name, criteria in selections.items():
        lines.append(f"    {name}:")
        for key, values in criteria.items():
            lines.append(f"      {key}: [{', '.join(values)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_settings_selections_published_and_listed(folder: Folder) -> None:
    settings = folder.root / "selections.yaml"
    write_settings(settings, {name: criteria for name, (criteria, _) in SETTINGS_SELECTIONS.items()})
    out = folder.root / "published"
    folder.ok("feeds", "--as-of", AS_OF, "--out", str(out), "--settings", str(settings))
    manifest = json.loads((out / "feeds.json").read_text(encoding="utf-8"))
    entries = manifest["feeds"]
    # The ordinary feeds are still there.
    assert any(e["file"] == "all.en.ics" for e in entries)
    assert (out / "all.en.ics").is_file()
    for name, (_, filters) in SETTINGS_SELECTIONS.items():
        mine = [e for e in entries if name in str(e.get("name", "")) or name in str(e["file"])]
        assert mine, f"selection {name} not in feeds.json: {[e['file'] for e in entries]}"
        for entry in mine:
            path = out / entry["file"]
            assert path.is_file(), f"feeds.json names {entry['file']}, not written"
            assert entry.get("title"), entry
            assert_is_the_selection(folder, path, filters)
            assert deadline_ids(path), f"{entry['file']}: empty"


def test_settings_selection_unknown_id_refused_with_file_line(folder: Folder) -> None:
    settings = folder.root / "bad-selections.yaml"
    write_settings(settings, {"mine": {"meeting": ["wg2020-2"]},
                              "theirs": {"body": ["sbstta", "sbsta"]}})
    bad_line = settings.read_text(encoding="utf-8").splitlines().index(
        "      body: [sbstta, sbsta]") + 1
    out = folder.root / "bad-published"
    result = folder.run("feeds", "--as-of", AS_OF, "--out", str(out), "--settings", str(settings))
    assert result.returncode == 2, result.explain()
    line = next((ln for ln in result.stderr.splitlines()
                 if re.search(rf"{re.escape(settings.name)}:{bad_line}: ", ln)), None)
    assert line is not None, f"no {settings.name}:{bad_line}: line:\n{result.explain()}"
    assert "sbsta" in line and "selections" in line, line
    assert not (out / "feeds.json").exists()
    assert not out.exists() or not any(out.rglob("*.ics"))
