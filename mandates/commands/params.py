"""Option values read without pydantic (issue 12: start-up).

Typer 0.29 coerces every option value through a pydantic `TypeAdapter`, built on first use;
importing pydantic for it was a fifth of what `mandates check` cost. Its adapters for text,
paths and enum choices only wrap Typer's own functions (`_parse_cli_str`, `coerce_cli_path`,
`coerce_cli_choice`), so `lighten` gives the parameters of the command about to run a runtime
parameter that does that work directly: the same values. Choices (single or repeated) and whole
numbers (with their bounds) are read here too, and refused in plain words: `'overdu' is not one
of 'delivered', …. Did you mean 'overdue'?` (no pydantic `Value error,`), `-3 is not in the range
0..365`; a choice may be typed with `_` or `-` (`due_soon`, `due-soon`). Anything else (dates,
bytes, other lists, a default of another type) goes to Typer's own coercion, as before. Should
Typer's internals move (a new version), `lighten` does nothing.

`with_settings` gives a command that has no `--settings` of its own the option (every command
reads the settings: their language, and checks them).
"""

from __future__ import annotations

import functools
import inspect
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from mandates.commands.common import SettingsOpt

try:
    from typer._click.exceptions import BadParameter
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - another Typer: its own coercion is used
    RuntimeParam = None  # type: ignore[assignment,misc]


def _spellings(value: str) -> tuple[str, ...]:
    """A choice as typed and with `_` and `-` swapped (`due_soon` is `due-soon`)."""
    return (value, value.replace("_", "-"), value.replace("-", "_"))


def choice(value: str, choices: type[Enum], case_sensitive: bool = True) -> Enum:
    """The member of `choices` whose value `value` is (`_` and `-` alike; any case unless
    `case_sensitive`). ValueError `'overdu' is not one of 'delivered', 'overdue', …. Did you
    mean 'overdue'?` (Click's words, without pydantic's `Value error,`)."""
    import difflib

    members = {str(member.value): member for member in choices}
    fold = (lambda text: text) if case_sensitive else str.lower
    folded = {fold(key): member for key, member in members.items()}
    for spelling in _spellings(fold(value)):
        if spelling in folded:
            return folded[spelling]
    listed = ", ".join(repr(key) for key in members)
    near = difflib.get_close_matches(value.replace("_", "-"), list(members), n=2, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise ValueError(f"{value!r} is not one of {listed}.{hint}")


def whole_number(value: str, least: float | None, most: float | None) -> int:
    """A whole number within `least..most` (either may be None). ValueError `'x' is not a whole
    number`, `-3 is not in the range 0..365`, `-3 is less than 0`, `400 is more than 365`."""
    try:
        number = int(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None
    low = least is not None and number < least
    high = most is not None and number > most
    if (low or high) and least is not None and most is not None:
        raise ValueError(f"{number} is not in the range {least:g}..{most:g}")
    if low:
        raise ValueError(f"{number} is less than {least:g}")
    if high:
        raise ValueError(f"{number} is more than {most:g}")
    return number


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """Text, a path, a whole number or an enum's value (or a list of them), coerced as
        Typer's adapters do it, in words of our own (`choice`, `whole_number`)."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Any) -> Any:
            annotation = self.annotation
            if _enum_list(annotation) and isinstance(value, (list, tuple)):
                return [self._one(typing.get_args(annotation)[0], item, param, ctx) for item in value]
            if _plain_type(annotation):
                return self._one(annotation, value, param, ctx)
            return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)

        def _one(self, annotation: Any, value: Any, param: _TyperParameter, ctx: Any) -> Any:
            if isinstance(value, annotation) and not isinstance(value, bool):
                return value  # a default of the parameter's own type
            if isinstance(value, str):
                info = self.parameter_info
                try:
                    if annotation is str:
                        return value
                    if annotation is int:
                        return whole_number(value, info.min, info.max)
                    if annotation is Path and info.path_type is None:
                        # Typer's adapter makes the Path through pydantic; then checks it here
                        return coerce_cli_path(Path(value), info, path_type=Path,
                                               param=param, ctx=ctx)
                    if isinstance(annotation, type) and issubclass(annotation, Enum):
                        return choice(value, annotation, info.case_sensitive)
                except ValueError as exc:
                    raise BadParameter(str(exc), ctx=ctx, param=param) from None
            return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)


def _plain_type(annotation: Any) -> bool:
    """Text, a path, a whole number or an enum (single values)."""
    return annotation is str or annotation is Path or annotation is int or (
        isinstance(annotation, type) and issubclass(annotation, Enum))


def _enum_list(annotation: Any) -> bool:
    """A list of an enum's values (`--status` repeated)."""
    args = typing.get_args(annotation)
    return (typing.get_origin(annotation) is list and len(args) == 1
            and isinstance(args[0], type) and issubclass(args[0], Enum))


def _no_value(ctx: Any = None) -> None:
    """The value a flag shows in `--help`: none."""
    return None


def lighten(command: Any, ctx: Any) -> None:
    """Give each parameter of `command` (a Typer click command, its help option included) the
    coercion above, and each flag no value in `--help` (`--version`, not `--version <bool>`):
    text, paths, whole numbers and enum values (single or repeated) read directly; any other
    value handed to Typer's own coercion when it is given (Typer builds it, and imports
    pydantic, for every parameter, given or not)."""
    if RuntimeParam is None or command is None:
        return  # pragma: no cover
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False) and not getattr(param, "count", False):
            # a flag takes no value: `--help` shows none (Typer 0.29 shows `<bool>`)
            param.display_type_rich = _no_value
        descriptor = getattr(param, "type_descriptor", None)
        if (not isinstance(param, _TyperParameter) or descriptor is None
                or getattr(param, "_runtime_param", False) is not None):
            continue
        if _plain_type(descriptor.annotation) and (param.multiple or param.nargs != 1
                                                   or descriptor.file_annotation is not None):
            continue
        param._runtime_param = _Plain(parameter_info=descriptor.parameter_info,
                                      annotation=descriptor.annotation, descriptor=descriptor)


def _declares(parameter: inspect.Parameter, option: str) -> bool:
    """Whether a command's parameter is the option `option` (`--settings`)."""
    metadata = getattr(parameter.annotation, "__metadata__", ())
    return any(option in (getattr(info, "param_decls", None) or ()) for info in metadata)


def with_settings(function: Any) -> Any:
    """The command's function with a `--settings FILE` option when it has none of its own: the
    file stands for the settings variable of the environment while the command runs
    (`choose_settings`), so every command reads, and checks, the settings it is given (README:
    every command that prints prose takes `--settings`). A function with its own `--settings`
    is returned as it is."""
    signature = inspect.signature(function, eval_str=True)
    if any(_declares(p, "--settings") for p in signature.parameters.values()):
        return function

    @functools.wraps(function)
    def command(*args: Any, settings_file: Path | None = None, **kwargs: Any) -> Any:
        from mandates.config.environ import choose_settings

        choose_settings(settings_file)
        return function(*args, **kwargs)

    extra = inspect.Parameter("settings_file", inspect.Parameter.KEYWORD_ONLY, default=None,
                              annotation=SettingsOpt)
    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), extra])
    command.__annotations__ = {**function.__annotations__, "settings_file": SettingsOpt}
    return command
