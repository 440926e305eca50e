"""Wire words become enumeration members, or a refusal naming the field."""

from __future__ import annotations

import dataclasses
import enum

import pytest

from domain import decisions, errors, meetings, ppt_values, transcodings, values
from domain.pbp import values as pbp_values
from domain.values import ContactMethod, Program, parse_enum

VALUE_MODULES = (values, decisions, pbp_values, meetings, ppt_values)
ENUMS = sorted(
    (
        v
        for module in VALUE_MODULES
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, enum.Enum) and v.__module__ == module.__name__
    ),
    key=lambda cls: cls.__name__,
)
VALUE_OBJECTS = [
    v
    for module in VALUE_MODULES
    for v in vars(module).values()
    if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == module.__name__
]


def test_every_enumeration_is_a_plain_enum_so_the_store_keeps_its_members():
    assert ENUMS
    for cls in ENUMS:
        assert not issubclass(cls, str | int), cls


def test_every_enumeration_and_value_object_has_a_transcoding():
    assert {cls for cls, _ in transcodings.ENUMS} == set(ENUMS)
    covered = {cls for cls, _ in transcodings.VALUE_OBJECTS} | {transcodings.ContactAsDict.type}
    assert covered == set(VALUE_OBJECTS)
    names = [t.name for t in transcodings.all_transcodings()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_every_wire_word_parses_to_its_member(cls):
    for member in cls:
        assert parse_enum(cls, member.value, "f") is member
        assert parse_enum(cls, member, "f") is member


@pytest.mark.parametrize(
    "word", ["IN_HOME", "In_Home", "in-home", "in_home ", "", None, 1, ["in_home"], "office"]
)
def test_value_outside_the_enumeration_is_refused_naming_the_field(word):
    with pytest.raises(errors.InvalidValue) as refused:
        parse_enum(ContactMethod, word, "method")
    assert refused.value.field == "method"
    assert "in_home" in refused.value.message


def test_member_of_another_enumeration_is_refused():
    with pytest.raises(errors.InvalidValue):
        parse_enum(Program, ContactMethod.PHONE, "program")


def test_program_words_are_the_contracts():
    assert [p.value for p in Program] == ["NH-CPS", "NH-JJS", "TN-DCS"]
