"""Installation settings, validated by pydantic-settings (the variables of the environment: `config.environ`).

Settings: `config/settings.yaml` (bundled defaults), overridden key by key by the file that
`--settings` or `MANDATES_SETTINGS` names (same format). Every key is checked at every depth: an
unknown key is an error naming the file, the line, the key and the nearest valid key; a bad value
(a time zone that does not exist, a negative count, a list where a number belongs) names the same.
A key given with no value keeps its default, as it always has.

Environment: every `MANDATES_*` variable the product reads is a field of `Environment`, read in
`config.environ` (plain Python, so that a command need not import pydantic) and re-exported here:
`MANDATES_SETTINGS`, `MANDATES_DATABASE_URL`, `MANDATES_CACHE_DIR`, `MANDATES_NO_CACHE`,
`MANDATES_CHROMIUM`, `MANDATES_LANG`.

Language: `language: en|zh` is what commands print in when `--lang` is not given (`MANDATES_LANG`
wins over it). Validated here with the other keys; a read-only command reads only that key, with
`commands.language.read_language` (no pydantic: `mandates check` must start cheaply).

Errors: SettingsError (mandates.errors), never a traceback.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from mandates.config.environ import Environment, environment
from mandates.config.yamlnodes import MappingNode, Node, SequenceNode, compose
from mandates.errors import SettingsError

__all__ = ["AlertSettings", "BriefingSettings", "Environment", "FeedSelection", "FeedSettings", "Settings",
           "SettingsError", "environment", "load_settings"]

SETTINGS_ENV = "MANDATES_SETTINGS"
# Models are built on first use (defer_build): `mandates check` reads the environment only.
_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AlertSettings(BaseModel):
    """Where digests of newly late items go (apprise URLs) and how hard to try."""

    model_config = _STRICT
    urls: tuple[str, ...] = ()
    retries: int = Field(default=3, ge=0, description="tries after the first, per channel")
    retry_delay_seconds: float = Field(default=2.0, ge=0, description="seconds between tries")


Location = tuple[str, int]
Loc = tuple[Any, ...]

FEED_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a feed's name may be (as `feeds.published.FEED_NAME`, without the language)."""
STATUSES = ("delivered", "overdue", "due_soon", "at_risk", "blocked", "on_track", "cancelled")
"""The output statuses a selection may name (`core.statuses.OutputStatus`), kept in this spelling;
`due-soon` (as `--status` and the errors spell them) and `due_soon` are both read."""


def _ids(value: Any) -> Any:
    """One id written alone (`body: sbstta`) as a list of one."""
    return (value,) if isinstance(value, str) else value


def _feed_name(name: str) -> str:
    if not FEED_NAME.fullmatch(name):
        raise ValueError(f"selection name {name!r}: use lowercase letters, digits and single "
                         "hyphens (it names the feed's file)")
    return name


SelectionName = Annotated[str, AfterValidator(_feed_name)]


class FeedSelection(BaseModel):
    """A named feed of part of the process (`feeds.selections`; issue 10, part 1): the filters of
    `mandates check` (`core.select`: the values of one key or'ed, the keys and'ed; none: all),
    and whether it carries the secretariat's items (internal deadlines, late inputs, notes:
    then a private feed, served only under the token `feeds.tokens.selection-<name>`).
    The ids are checked against the process when the feeds are written
    (`feeds.selections.check_selections`), with the file and line kept here (`where`)."""

    model_config = _STRICT
    body: tuple[str, ...] = Field(default=(), description="bodies whose meetings it concerns")
    meeting: tuple[str, ...] = Field(default=(), description="meetings it concerns")
    responsible: tuple[str, ...] = Field(default=(), description="bodies responsible for the outputs")
    status: tuple[str, ...] = Field(default=(), description="output statuses (overdue, due-soon, ...)")
    private: bool = Field(default=False, description="the secretariat's items too; private feed")

    @field_validator("body", "meeting", "responsible", "status", mode="before")
    @classmethod
    def _single(cls, value: Any) -> Any:
        return _ids(value)

    @field_validator("status")
    @classmethod
    def _known_status(cls, statuses: tuple[str, ...]) -> tuple[str, ...]:
        found = []
        spelled = [value.replace("_", "-") for value in STATUSES]  # as `--status` spells them
        for status in statuses:
            value = status.replace("-", "_")
            if value not in STATUSES:
                near = difflib.get_close_matches(status.replace("_", "-"), spelled, n=1, cutoff=0.5)
                hint = f"did you mean {near[0]!r}?" if near else f"valid: {', '.join(spelled)}"
                raise ValueError(f"unknown status {status!r}; {hint}")
            found.append(value)
        return tuple(found)


class FeedSettings(BaseModel):
    """Private feed tokens, staff reminders, the tasks feed, how long cancelled events stay, and
    named selections published as feeds of their own."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True)
    tokens: dict[str, str] = Field(default_factory=dict,
                                   description="private feed name -> token of its URL")
    alarms_days_before: tuple[int, ...] = Field(default=(), description="VALARMs on the staff feed")
    tasks_feed: bool = True
    keep_cancelled_days: int = Field(default=90, ge=0)
    selections: dict[SelectionName, FeedSelection] = Field(default_factory=dict, description="selection name "
                                                 "-> its filters; feed selection-<name>")
    _where: dict[Loc, Location] = PrivateAttr(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        """Equal values are equal settings, wherever they were written (`where` aside)."""
        if not isinstance(other, FeedSettings):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(repr(self))

    def where(self, *loc: str | int) -> str:
        """`file:line` of a part of `selections` (`name`, `name, "body"`, `name, "body", 0`),
        of the deepest part written in a file; `settings` when none was (built in code)."""
        for end in range(len(loc), 0, -1):
            found = self._where.get(("feeds", "selections", *loc[:end]))
            if found is not None:
                return f"{found[0]}:{found[1]}"
        return "settings"

    @field_validator("alarms_days_before")
    @classmethod
    def _days_not_negative(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        if any(d < 0 for d in days):
            raise ValueError("days before must be 0 or more")
        return days


class BriefingSettings(BaseModel):
    """The Bureau briefing: how far ahead it looks, who gets it and when (issue 10, part 3)."""

    model_config = _STRICT
    horizon_weeks: int = Field(default=6, ge=1, description="upcoming deadlines until the next briefing")
    recipients: tuple[str, ...] = Field(default=(), description="mail addresses, one mail each "
                                        "on every mail channel")
    channels: tuple[str, ...] = Field(default=(), description="apprise URLs; empty: alerts.urls")
    bureau_bodies: tuple[str, ...] = Field(default=("cop-bureau",), description="bodies whose "
                                           "meetings get a briefing before them")
    days_before_bureau: int = Field(default=7, ge=1, description="days before a Bureau meeting "
                                    "the briefing is sent")

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, addresses: tuple[str, ...]) -> tuple[str, ...]:
        for address in addresses:
            if not re.fullmatch(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+", address):
                raise ValueError(f"expected a mail address (name@example.org), not {address!r}")
        return addresses

    @field_validator("channels")
    @classmethod
    def _urls(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        for url in urls:
            if "://" not in url:
                raise ValueError(f"expected an apprise URL (e.g. mailtos://...), not {url!r}")
        return urls


_CRON_FIELD = re.compile(r"[0-9A-Za-z*/,?LW#-]+")  # matched whole (fullmatch)
_CRON_ALIASES = frozenset({"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"})


class Settings(BaseSettings):
    """Everything an installation can set (config/settings.yaml); immutable once loaded.

    Built only from the values given (the YAML files, merged by `load_settings`, or keyword
    arguments): the environment names the file, it does not override single keys.
    """

    model_config = SettingsConfigDict(extra="forbid", frozen=True, defer_build=True)

    timezone: str = "America/Toronto"
    language: Literal["en", "zh"] = Field(default="en", description="what commands print in when "
                                          "--lang is not given (MANDATES_LANG overrides it)")
    calendars_dir: Path = Path("calendars")
    public_base_url: str = "http://127.0.0.1:8000"
    daily_check_cron: str = "0 7 * * *"
    flow_task_threshold: int = Field(default=500, ge=0)
    secretariat_group: str | None = Field(default=None, description="group that may read secretariat files")
    alerts: AlertSettings = AlertSettings()  # frozen: one shared default is safe
    feeds: FeedSettings = FeedSettings()
    briefing: BriefingSettings = BriefingSettings()

    @property
    def briefing_horizon_weeks(self) -> int:
        """Weeks of upcoming deadlines a briefing lists (`briefing.horizon_weeks`)."""
        return self.briefing.horizon_weeks

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings],
                                   init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the values given: no variable overrides a single key (see Environment)."""
        return (init_settings,)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        return check_zone(name)

    @field_validator("public_base_url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if not re.match(r"^https?://[^\s/]+", url):
            raise ValueError(f"expected an http:// or https:// URL, not {url!r}")
        return url.rstrip("/")

    @field_validator("daily_check_cron")
    @classmethod
    def _cron(cls, cron: str) -> str:
        fields = cron.split()
        if cron.strip() in _CRON_ALIASES or (len(fields) == 5 and all(map(_CRON_FIELD.fullmatch, fields))):
            return cron
        raise ValueError(f"expected a cron of five fields (minute hour day month weekday), not {cron!r}")

    @field_validator("secretariat_group")
    @classmethod
    def _known_group(cls, name: str | None) -> str | None:
        if name is None:
            return None
        import grp

        try:
            grp.getgrgid(int(name)) if name.isdigit() else grp.getgrnam(name)
        except KeyError:
            raise ValueError(f"no group {name!r} on this machine") from None
        return name


def check_zone(name: str) -> str:
    """An IANA time zone name, unchanged; ValueError naming the nearest zones if it is unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        near = difflib.get_close_matches(name, sorted(available_timezones()), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"unknown time zone {name!r}{hint}") from None


# ---------------------------------------------------------------------------------------------
# Files: YAML values with the line of every key, merged, validated

def _read(path: Path) -> tuple[dict[str, Any], dict[Loc, Location]]:
    """The mapping of a settings file and the file:line of every key and list item in it."""
    try:
        text = path.read_text(encoding="utf-8")
        root = compose(text)  # first: a control character or a second document, at its line
        data = yaml.safe_load(text)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read settings: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        raise SettingsError(f"{path}{line}: malformed YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}:1: settings must be a mapping of keys")
    return data, dict(_lines(root, (), str(path)))


def _lines(node: Node | None, loc: Loc, file: str) -> Iterator[tuple[Loc, Location]]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            here = (*loc, key.value)
            yield here, (file, key.line)
            yield from _lines(value, here, file)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            here = (*loc, index)
            yield here, (file, item.line)
            yield from _lines(item, here, file)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` over `base`, key by key at every depth; a key with no value keeps its default."""
    merged = {k: v for k, v in base.items() if v is not None}
    for key, value in extra.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _fields_at(loc: Loc) -> list[str]:
    """The valid keys of the mapping at `loc` (empty when it is not a settings section)."""
    model: type[BaseModel] = Settings
    parts = list(loc)
    while parts:
        field = model.model_fields.get(str(parts.pop(0)))
        annotation = field.annotation if field is not None else None
        if typing.get_origin(annotation) is dict and parts:  # a named entry (`feeds.selections.x`)
            annotation = typing.get_args(annotation)[1]
            parts.pop(0)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def _where(loc: Loc, lines: dict[Loc, Location], fallback: str) -> Location:
    """The file and line of the deepest part of `loc` that was written in a file."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return fallback, 1


def _issue(error: Any, lines: dict[Loc, Location], fallback: str) -> tuple[Location, str]:
    loc: Loc = tuple(error["loc"])
    file, line = _where(loc, lines, fallback)
    field = ".".join(str(part) for part in loc) or "settings"
    if error["type"] == "extra_forbidden":
        key = str(loc[-1])
        valid = _fields_at(loc[:-1])
        near = difflib.get_close_matches(key, valid, n=1, cutoff=0.5)
        hint = f"did you mean {near[0]!r}?" if near else f"valid keys: {', '.join(valid)}"
        message = f"unknown key {key!r}; {hint}"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    return (file, line), f"{file}:{line}: {field}: {message}"


def _error(issues: tuple[str, ...]) -> SettingsError:
    if len(issues) == 1:
        return SettingsError(issues[0])
    return SettingsError(f"{len(issues)} problems in the settings; nothing was done", issues)


def load_settings(path: Path | None = None, env: Environment | None = None) -> Settings:
    """The bundled defaults, overridden by `path` or else by the file `MANDATES_SETTINGS` names.

    Raises SettingsError listing every problem with file:line, key and the nearest valid key.
    """
    from mandates.config.processes import bundled_config_dir

    bundled = bundled_config_dir() / "settings.yaml"
    data: dict[str, Any] = {}
    lines: dict[Loc, Location] = {}
    fallback = str(bundled)
    if bundled.exists():
        data, lines = _read(bundled)
    override = path if path is not None else (env or environment()).settings
    if override is not None:
        extra, extra_lines = _read(override)
        data = _merge(data, extra)
        lines.update(extra_lines)
        fallback = str(override)
    else:
        data = _merge({}, data)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        issues = sorted(_issue(e, lines, fallback) for e in exc.errors())
        raise _error(tuple(text for _, text in issues)) from None
    # where each selection was written, for the errors only the process can find (unknown ids)
    settings.feeds._where = {loc: at for loc, at in lines.items() if loc[:2] == ("feeds", "selections")}
    return settings
