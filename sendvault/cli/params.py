"""sendvault's option and argument classes: plain values converted without pydantic; flags shown as flags.

Typer 0.29 converts every parameter's value with a pydantic ``TypeAdapter``, and
importing pydantic takes ~60 ms: a third of ``sendvault show``'s start-up (an officer
on the phone waits for it). Typer has no public switch for this, and no parameter
type (``parser=`` included) escapes it. What it has is public parameter classes,
``typer.core.TyperOption`` and ``TyperArgument``, that take their converter from
their method ``get_runtime_param()``. The subclasses here return a plain converter
for values that are ``str`` or ``Path`` (or lists of them), with none of Typer's
path checks or a ``parser`` asked for, and for flags that are already ``True`` or
``False`` or not given (``--help`` among them); every other value goes to Typer.
A command class's ``get_params`` passes its parameters through ``plain()``.

If a later Typer stops calling ``get_runtime_param``, nothing breaks: Typer's own
conversion runs, start-up is slower, and tests/test_generated.py says so.

Rich help shows each option's type, ``<bool>`` for a flag too, as if ``--json``
took a value; the option class here shows a flag with no type, as plain help does.
"""

from __future__ import annotations

import typing
from pathlib import Path

import typer
from typer.core import TyperArgument, TyperOption

_PLAIN = {str: str, Path: Path, bool: bool}


class _Plain:
    """Converts a value, or each of a list of values, with ``convert``; anything else goes to ``typer_way()``."""

    def __init__(self, convert, typer_way):
        self.convert = convert
        self.typer_way = typer_way

    def coerce(self, value, param, ctx):
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        if many and isinstance(value, str):
            raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        values = value if isinstance(value, (list, tuple)) else [value]
        if self.convert is bool and not all(isinstance(v, bool) for v in values):  # e.g. "no" from a variable
            return self.typer_way().coerce(value, param=param, ctx=ctx)
        if isinstance(value, (list, tuple)):
            return [self.convert(v) for v in value]
        return self.convert(value)


def plain_converter(param) -> type | None:
    """``str`` or ``Path`` if ``param`` needs no more than that to convert its value, else None."""
    try:
        desc = param.type_descriptor
        info = desc.parameter_info
        if desc.file_annotation is not None or info.parser is not None:
            return None
        if info.exists or info.writable or info.resolve_path or info.allow_dash or info.path_type is not None:
            return None
        if not (info.file_okay and info.dir_okay):
            return None
        annotation = desc.annotation
    except AttributeError:  # a Typer whose parameters differ: keep its own conversion
        return None
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Union and len(args) == 1:
        annotation = args[0]
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    return _PLAIN.get(annotation)


class PlainOption(TyperOption):
    """A Typer option whose plain value is converted without pydantic, and a flag shown without a type."""

    def get_runtime_param(self):
        convert = plain_converter(self)
        return _Plain(convert, super().get_runtime_param) if convert else super().get_runtime_param()

    def display_type_rich(self, ctx):
        return None if self.is_flag else super().display_type_rich(ctx)


class PlainArgument(TyperArgument):
    """A Typer argument whose plain value is converted without pydantic; several values (``FILE...``) shown
    as text, not as Python's ``list[str]``."""

    def get_runtime_param(self):
        convert = plain_converter(self)
        return _Plain(convert, super().get_runtime_param) if convert else super().get_runtime_param()

    def display_type_rich(self, ctx):
        if self.nargs == -1:  # a repeated argument (FILE...) would show Typer's Python type, <list[str]>
            return "<text>..." if plain_converter(self) is str else None
        return super().display_type_rich(ctx)


def plain(params: list) -> list:
    """``params`` (a command's, from its ``get_params``), Typer's options and arguments made the plain classes above."""
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = PlainOption  # the subclass adds behaviour, no state
        elif type(param) is TyperArgument:
            param.__class__ = PlainArgument
    return params
