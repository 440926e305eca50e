"""Strict field types: no coercion the agency did not mean (reliability-catalogue A2, A6, A9)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from marshmallow import fields, validate

EARLIEST_DAY = dt.date(1900, 1, 1)
EARLIEST_INSTANT = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)

NAME_LIMIT = 200
TEXT_LIMIT = 1_000
REASON_LIMIT = 2_000
NARRATIVE_LIMIT = 20_000


class StrictBoolean(fields.Boolean):
    """Only JSON true/false: "yes", 1 and "true" are refused."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if value is True or value is False:
            return value
        raise self.make_error("invalid")


def text(
    limit: int, *, required: bool = True, nonempty: bool | None = None, **kwargs: Any
) -> fields.String:
    """Free text up to ``limit`` code points; required text may not be empty."""
    shortest = 1 if (required if nonempty is None else nonempty) else 0
    return fields.String(
        required=required, validate=validate.Length(min=shortest, max=limit), **kwargs
    )


def flag(*, required: bool = False, default: bool | None = False) -> StrictBoolean:
    """A yes/no circumstance."""
    if required:
        return StrictBoolean(required=True)
    return StrictBoolean(load_default=default)


def day(*, required: bool = True, **kwargs: Any) -> fields.Date:
    """An ISO date, never before 1900 (A9)."""
    return fields.Date(required=required, validate=validate.Range(min=EARLIEST_DAY), **kwargs)


def instant(*, required: bool = True) -> fields.AwareDateTime:
    """An ISO instant that names its offset: a naive time is refused (A9)."""
    return fields.AwareDateTime(
        format="iso", required=required, validate=validate.Range(min=EARLIEST_INSTANT)
    )


def word(enum_cls: type[enum.Enum], **kwargs: Any) -> fields.Enum[Any]:
    """One of an enumeration's wire words."""
    return fields.Enum(enum_cls, by_value=True, **kwargs)


def username(*, required: bool = True, **kwargs: Any) -> fields.String:
    """A member of staff's username."""
    return text(NAME_LIMIT, required=required, **kwargs)
