"""Known cities (config/venues.yaml): a venue's zone from the words of its text, in English or
Chinese; an unknown or ambiguous venue names the known cities; a bad file has file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mandates.config.venues import load_venues
from mandates.errors import ConfigError

REQUIRED = {"Montreal", "Rome", "Geneva", "Nairobi", "Kunming", "Beijing", "Ottawa", "Quebec City", "Bonn",
            "Paris", "Oslo", "Cairo", "Sharm El-Sheikh", "Trondheim", "Bern", "Nagoya", "Cancun", "Online"}


def test_the_bundled_cities() -> None:
    venues = load_venues()
    assert {c.en for c in venues.cities} >= REQUIRED
    assert all(c.zh and c.timezone for c in venues.cities)


@pytest.mark.parametrize(("venue", "zone"), [
    ("Rome, FAO headquarters", "Europe/Rome"),
    ("Rome, Italy (FAO headquarters)", "Europe/Rome"),
    ("意大利罗马（粮农组织总部）", "Europe/Rome"),
    ("Montréal, Canada", "America/Toronto"),
    ("MONTREAL", "America/Toronto"),
    ("Québec, Canada", "America/Toronto"),
    ("Quebec City", "America/Toronto"),
    ("Sharm el-Sheikh, Egypt", "Africa/Cairo"),
    ("Geneva (resumed session)", "Europe/Zurich"),
    ("Geneva and online", "Europe/Zurich"),  # a city named: online does not count
    ("Online", "America/Toronto"),
    ("线上会议", "America/Toronto"),
    ("Cancún, Mexico", "America/Cancun"),
    ("中国昆明", "Asia/Shanghai"),
])
def test_a_known_city_gives_its_zone(venue: str, zone: str) -> None:
    assert load_venues().zone_for(venue) == zone


def test_words_not_substrings() -> None:
    venues = load_venues()
    with pytest.raises(ValueError, match="no known city in the venue 'Romeo Hall'"):
        venues.zone_for("Romeo Hall")  # "Rome" is not a word of it


def test_an_unknown_venue_names_the_known_cities() -> None:
    with pytest.raises(ValueError) as caught:
        load_venues().zone_for("Atlantis", "亚特兰蒂斯")
    message = str(caught.value)
    assert "'Atlantis' / '亚特兰蒂斯'" in message and "give the time zone" in message
    assert "Montreal, Ottawa" in message and "Sharm El-Sheikh" in message


def test_cities_in_two_zones_are_ambiguous() -> None:
    with pytest.raises(ValueError, match=r"different time zones: Rome \(Europe/Rome\), Geneva"):
        load_venues().zone_for("Rome or Geneva")


def test_a_process_folder_may_have_its_own_cities(tmp_path: Path) -> None:
    (tmp_path / "venues.yaml").write_text(
        "cities:\n  - {en: Atlantis, zh: 亚特兰蒂斯, timezone: Atlantic/Azores}\n", encoding="utf-8")
    assert load_venues(tmp_path).zone_for("Atlantis") == "Atlantic/Azores"


def test_a_bad_venues_file_has_file_line_and_field(tmp_path: Path) -> None:
    text = ("cities:\n  - {en: Rome, zh: 罗马, timezone: Europe/Roma}\n"
            "  - {en: Oslo, timezone: Europe/Oslo, aliases: [Christiania]}\n")
    (tmp_path / "venues.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_venues(tmp_path)
    found = [(i.line, i.field, i.message.split(";")[0]) for i in caught.value.issues]
    assert found == [
        (2, "cities[0].timezone", "unknown time zone 'Europe/Roma'"),
        (3, "cities[1].aliases", "unknown key 'aliases'"),
        (3, "cities[1].zh", "is required"),
    ]
