"""Option values read without pydantic (issue 12: start-up).

Typer 0.29 coerces every option value through a pydantic `TypeAdapter`, built on first use;
importing pydantic for it was a fifth of what `mandates check` cost. Its adapters for text,
paths and enum choices only wrap Typer's own functions (`_parse_cli_str`, `coerce_cli_path`,
`coerce_cli_choice`), so `lighten` gives the parameters of the command about to run a runtime
parameter that calls those functions directly: the same values and the same errors. Anything
else (numbers with bounds, dates, bytes, lists, a default of another type) goes to Typer's own
coercion, as before. Should Typer's internals move (a new version), `lighten` does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - another Typer: its own coercion is used
    RuntimeParam = None  # type: ignore[assignment,misc]


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """Text, a path or an enum's value, coerced as Typer's adapters do it."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Any) -> Any:
            annotation = self.annotation
            if not _plain_type(annotation):
                return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)
            if isinstance(value, annotation):
                return value  # a default of the parameter's own type
            if isinstance(value, str):
                if annotation is str:
                    return value
                if annotation is Path and self.parameter_info.path_type is None:
                    # Typer's adapter makes the Path through pydantic; then checks it here
                    return coerce_cli_path(Path(value), self.parameter_info, path_type=Path,
                                           param=param, ctx=ctx)
                if isinstance(annotation, type) and issubclass(annotation, Enum):
                    try:
                        return coerce_cli_choice(value, choices=list(annotation),
                                                 case_sensitive=self.parameter_info.case_sensitive,
                                                 ctx=ctx)
                    except ValueError:
                        pass  # not a choice: Typer's own coercion words the error
            return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)


def _plain_type(annotation: Any) -> bool:
    """Text, a path or an enum (single values)."""
    return annotation is str or annotation is Path or (
        isinstance(annotation, type) and issubclass(annotation, Enum))


def lighten(command: Any, ctx: Any) -> None:
    """Give each parameter of `command` (a Typer click command, its help option included) the
    coercion above: text, paths and enum values read directly; any other value handed to
    Typer's own coercion when it is given (Typer builds it, and imports pydantic, for every
    parameter, given or not)."""
    if RuntimeParam is None or command is None:
        return  # pragma: no cover
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        if (not isinstance(param, _TyperParameter) or descriptor is None
                or getattr(param, "_runtime_param", False) is not None):
            continue
        if _plain_type(descriptor.annotation) and (param.multiple or param.nargs != 1
                                                   or descriptor.file_annotation is not None):
            continue
        param._runtime_param = _Plain(parameter_info=descriptor.parameter_info,
                                      annotation=descriptor.annotation, descriptor=descriptor)
