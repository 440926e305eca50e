"""A command works on a copy of the case, so a refused or conflicting save leaves it intact."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import uuid

from domain.working_copy import working_copy
from tests.unit.builders import NOW, add_parent, every_fact, open_case, record_contact


def _snapshot_of(case):
    return copy.deepcopy(vars(case))


def test_every_command_applied_to_a_working_copy_leaves_the_original_unchanged():
    original = open_case()
    add_parent(original)
    original.collect_events()
    before = _snapshot_of(original)
    twin = working_copy(original)
    every_fact(twin)
    assert vars(original) == before
    assert twin.version > original.version


def test_working_copy_equals_the_original_until_changed():
    case = every_fact(open_case())
    case.collect_events()
    twin = working_copy(case)
    assert vars(twin) == vars(case)
    assert twin is not case


def test_events_recorded_on_a_copy_belong_to_the_copy_only():
    case = open_case()
    parent = add_parent(case)
    case.collect_events()
    twin = working_copy(case)
    record_contact(twin, parent, occurred_at=NOW)
    assert len(twin.collect_events()) == 1
    assert case.collect_events() == []
    assert case.contacts == {}


IMMUTABLE = (str, int, float, bool, type(None), dt.date, uuid.UUID, enum.Enum, tuple, frozenset)


def _assert_copyable(value, path):
    if isinstance(value, dict | list | set):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            _assert_copyable(item, f"{path}[{key!r}]")
        return
    if dataclasses.is_dataclass(value):
        params = getattr(type(value), "__dataclass_params__", None)
        assert params is not None, path
        assert params.frozen, f"{path}: mutable dataclass"
        for field in dataclasses.fields(value):
            _assert_copyable(getattr(value, field.name), f"{path}.{field.name}")
        return
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            _assert_copyable(item, f"{path}[{i}]")
        return
    assert isinstance(value, IMMUTABLE), f"{path}: {type(value).__name__} is neither"


def test_case_state_holds_only_containers_a_working_copy_renews_and_immutable_values():
    case = every_fact(open_case())
    case.collect_events()
    for name, value in vars(case).items():
        _assert_copyable(value, name)
