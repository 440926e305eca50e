"""Working copies of a case, so a command that fails leaves the kept case as stored."""

from __future__ import annotations

import copy
from typing import Any

from domain.case import Case


def working_copy(case: Case) -> Case:
    """A copy a command may change while ``case`` stays as stored.

    Events change a case only by assigning attributes and by changing its dicts and
    lists; every other value it holds is immutable (frozen dataclasses, tuples, enums,
    dates), so new containers suffice and the copy costs little even for a large case.
    """
    twin = copy.copy(case)
    for name, value in vars(case).items():
        if type(value) in _CONTAINERS:
            vars(twin)[name] = _new_containers(value)
    return twin


def _new_containers(value: Any) -> Any:
    if type(value) is dict:
        return {k: _new_containers(v) if type(v) in _CONTAINERS else v for k, v in value.items()}
    if type(value) is list:
        return [_new_containers(v) if type(v) in _CONTAINERS else v for v in value]
    if type(value) is set:
        return set(value)  # of hashable, hence immutable, members
    return value


_CONTAINERS = frozenset({dict, list, set})
