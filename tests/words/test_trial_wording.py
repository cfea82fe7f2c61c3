"""Words a new user's trial found wrong, at their root in `words/`: a venue that already says the
mode, a body's title with its article in a feed's description, the date the feeds were made as
of on the feeds index, the check's section headings shared with the dashboard, Chinese quotes."""

from __future__ import annotations

from pathlib import Path

from mandates.core.evaluate import OutputStatus
from mandates.core.plan import Assumption, Mode, Plan, Title
from mandates.feeds.published import Published, index_html
from mandates.words.check import section_heading
from mandates.words.en import with_article
from mandates.words.feeds import body_feed_about, index_as_of
from mandates.words.names import assumption_text, venue_says_mode


def test_a_venue_that_says_the_mode() -> None:
    online = Title("Online", "线上")
    assert venue_says_mode(online, Mode.ONLINE)
    assert venue_says_mode(Title("Online (Edinburgh Process)", "线上（爱丁堡进程）"), Mode.ONLINE)
    assert venue_says_mode(Title("线上", "线上", "zh"), Mode.ONLINE)  # typed in Chinese only
    assert not venue_says_mode(Title("Montreal, Canada", "加拿大蒙特利尔"), Mode.ONLINE)
    assert not venue_says_mode(online, Mode.IN_PERSON)
    assert not venue_says_mode(None, Mode.ONLINE)
    assert venue_says_mode(Title("Kunming, China (with online participation)", "中国昆明（线上线下结合）"),
                           Mode.HYBRID)
    assert not venue_says_mode(Title("Kunming, China", "中国昆明"), Mode.HYBRID)


def test_a_body_with_its_article(bundled_plan: Plan) -> None:
    assert with_article("Subsidiary Body on Implementation") == "the Subsidiary Body on Implementation"
    assert with_article("Parties, other Governments, relevant organizations and stakeholders") == \
        "Parties, other Governments, relevant organizations and stakeholders"
    assert with_article("The Bureau") == "The Bureau"
    about = body_feed_about(bundled_plan, "sbstta")
    assert about.en == ("Meetings of, and public deadlines for, the Subsidiary Body on Scientific, "
                        "Technical and Technological Advice.")
    assert about.zh == "科学、技术和工艺咨询附属机构的会议和相关公开截止日期。"
    assert body_feed_about(bundled_plan, "unknown-body").en.endswith("for, the unknown-body.")


def test_the_feeds_index_says_as_of_which_date(tmp_path: Path) -> None:
    assert index_as_of({"as_of": "2020-04-01"}) == (
        "These feeds show the process as of 1 April 2020. 截至2020年4月1日。")
    assert index_as_of({}) == "" and index_as_of({"as_of": "April"}) == ""
    (tmp_path / "feeds.json").write_text('{"title": {"en": "P"}, "as_of": "2020-04-01", "feeds": []}',
                                         encoding="utf-8")
    page = index_html(Published(tmp_path, {}), "http://127.0.0.1:8000")
    assert "as of 1 April 2020" in page and "截至2020年4月1日" in page


def test_section_headings_of_the_check() -> None:
    assert [section_heading(s, "en") for s in (OutputStatus.OVERDUE, OutputStatus.DUE_SOON,
                                               OutputStatus.AT_RISK, OutputStatus.BLOCKED,
                                               OutputStatus.CANCELLED)] == [
        "Overdue", "Due soon", "At risk", "Blocked", "Cancelled or waived"]
    assert section_heading(OutputStatus.DUE_SOON, "zh") == "即将到期"


def test_what_the_text_says_in_chinese_quotes() -> None:
    assumed = Assumption("quarterly", Title("regularly", "定期"))
    assert assumption_text(assumed, "zh") == "按季度推定（案文称“定期”）"
    assert assumption_text(assumed, "en") == "assumed quarterly (the text says 'regularly')"
