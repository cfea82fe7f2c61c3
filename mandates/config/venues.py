"""Known cities and their time zones (`config/venues.yaml`): the zone of a venue given without one.

A venue is matched on its words: English names as whole words, case and accents ignored
("Rome, FAO headquarters" and "Montréal" match Rome and Montreal), Chinese names anywhere in
the text ("意大利罗马（粮农组织总部）" matches 罗马). Entries marked `online` count only when no
city is named. A venue naming no known city, or cities in different zones, has no derived zone:
`zone_for` raises ValueError with a message naming the known cities, for the caller to put
after the option or the file:line and field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from mandates.config.fields import boolean, timezone
from mandates.config.yamlnodes import Collector, Map, ScalarNode, SequenceNode, compose
from mandates.errors import ConfigError, ConfigIssue

VENUES_FILE = "venues.yaml"
CITY_KEYS = ("en", "zh", "timezone", "aliases_en", "aliases_zh", "online")
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True, slots=True)
class City:
    """A known city: names in English and Chinese (with other spellings) and its IANA zone."""

    en: str
    zh: str
    timezone: str
    words: tuple[tuple[str, ...], ...]
    chinese: tuple[str, ...]
    online: bool = False


def _words(text: str) -> tuple[str, ...]:
    """Lowercase words without accents: "Sharm El-Sheikh" -> ("sharm", "el", "sheikh")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return tuple(_WORD.findall(plain))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return size > 0 and any(haystack[i:i + size] == needle for i in range(len(haystack) - size + 1))


@dataclass(frozen=True, slots=True)
class Venues:
    """The known cities, in file order; `file` is where they were read."""

    cities: tuple[City, ...]
    file: str

    def matches(self, *texts: str | None) -> list[City]:
        """The cities named by any of the texts (English words or Chinese names)."""
        given = [t for t in texts if t]
        words = [_words(t) for t in given]
        found = [city for city in self.cities
                 if any(_contains(w, name) for w in words for name in city.words)
                 or any(name in t for t in given for name in city.chinese)]
        places = [c for c in found if not c.online]
        return places or found

    def zone_for(self, *texts: str | None) -> str:
        """The zone of the city the venue names; ValueError naming the known cities otherwise."""
        found = self.matches(*texts)
        zones = sorted({c.timezone for c in found})
        venue = " / ".join(repr(t) for t in texts if t)
        if len(zones) == 1:
            return zones[0]
        if zones:
            names = ", ".join(f"{c.en} ({c.timezone})" for c in found)
            raise ValueError(f"the venue {venue} names cities in different time zones: {names}; "
                             "give the time zone")
        raise ValueError(f"no known city in the venue {venue}; give the time zone (an IANA name "
                         f"such as Europe/Rome) or name a known city: {self.names()}")

    def chinese_of(self, venue: str) -> str | None:
        """The Chinese name of a known city when the venue is that city's name alone, in one of
        its English spellings ("Online" -> 线上, "Montréal" -> 蒙特利尔); None for any other
        text (a venue saying more than the city is translated by whoever wrote it)."""
        words = _words(venue)
        for city in self.cities:
            if words and words in city.words:
                return city.zh
        return None

    def names(self) -> str:
        """The known cities, for messages: "Montreal, Ottawa, ..."."""
        return ", ".join(c.en for c in self.cities)


def venues_file(folder: Path | None) -> Path:
    """`venues.yaml` of a process folder when it has one, else the bundled one."""
    if folder is not None and (folder / VENUES_FILE).is_file():
        return folder / VENUES_FILE
    from mandates.config.processes import bundled_config_dir

    return bundled_config_dir() / VENUES_FILE


def load_venues(folder: Path | None = None) -> Venues:
    """The known cities of a process folder (or the bundled ones); ConfigError with file:line."""
    path = venues_file(folder)
    return _load(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load(label: str, _stamp: int) -> Venues:
    try:
        text = Path(label).read_text(encoding="utf-8")
        root = compose(text)
    except FileNotFoundError:
        raise ConfigError([ConfigIssue(label, 0, "file", "no such file")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ConfigError([ConfigIssue(label, mark.line + 1 if mark else 0, "yaml",
                                       f"malformed YAML: {exc.problem}")]) from None
    errors = Collector(label)
    cities: list[City] = []
    if root is None:
        raise ConfigError([ConfigIssue(label, 1, "file", "the file is empty")])
    top = Map(root, "file", ("cities",), errors)
    node = top.get("cities")
    if not isinstance(node, SequenceNode):
        errors.add(node or root, "cities", "expected a list of cities")
    else:
        for index, item in enumerate(node.value):
            city = _city(Map(item, f"cities[{index}]", CITY_KEYS, errors))
            if city is not None:
                cities.append(city)
    if errors.issues:
        raise ConfigError([ConfigIssue(*issue) for issue in errors.issues])
    return Venues(tuple(cities), label)


def _names(fields: Map, key: str) -> list[str]:
    node = fields.get(key)
    if node is None:
        return []
    if not isinstance(node, SequenceNode) or not all(isinstance(v, ScalarNode) for v in node.value):
        fields.errors.add(node, f"{fields.field}.{key}", "expected a list of names")
        return []
    return [str(v.value) for v in node.value]


def _city(fields: Map) -> City | None:
    en, zh = fields.scalar("en", required=True), fields.scalar("zh", required=True)
    zone = fields.convert("timezone", timezone, required=True)
    online = fields.convert("online", boolean) or False
    english = [n for n in [en or "", *_names(fields, "aliases_en")] if _words(n)]
    chinese = [n for n in [zh or "", *_names(fields, "aliases_zh")] if n.strip()]
    if en is None or zh is None or zone is None:
        return None
    return City(en, zh, zone, tuple(_words(n) for n in english), tuple(chinese), online)
