"""A command works on a copy of the case, so a refused or conflicting save leaves it intact."""

from __future__ import annotations

import copy

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
