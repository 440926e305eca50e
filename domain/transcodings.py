"""How domain values are written to the store and read back unchanged.

The library's JSON transcoder turns ``str``-mixin enums into plain strings and refuses
``date`` and dataclasses, so every such type gets a transcoding here. Each ``name`` is
stored inside every value: never rename one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Transcoding

from domain import decisions, meetings, ppt_values, values
from domain.pbp import values as pbp_values


class DateAsISO(Transcoding):
    """Calendar dates as ``YYYY-MM-DD``."""

    type = dt.date
    name = "date_iso"

    def encode(self, obj: dt.date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> dt.date:
        return dt.date.fromisoformat(data)


class EnumAsValue(Transcoding):
    """A plain enum member as its wire value."""

    def __init__(self, enum_cls: type[enum.Enum], name: str) -> None:
        self.type = enum_cls
        self.name = name

    def encode(self, obj: enum.Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> enum.Enum:
        member: enum.Enum = self.type(data)
        return member


class DataclassAsDict(Transcoding):
    """A frozen value object as a dict of its fields; lists come back as tuples."""

    def __init__(self, cls: type[Any], name: str) -> None:
        self.type = cls
        self.name = name
        self.fields = tuple(f.name for f in dataclasses.fields(cls))

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self.fields}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


class ContactAsDict(Transcoding):
    """A contact as one flat dict of JSON natives.

    A case's snapshot holds every contact, so each is written without nested
    transcodings (which the JSON encoder would call back into one by one). Decoding
    also accepts the nested form, in which ids, instants and words arrive already typed.
    """

    type = values.Contact
    name = "contact"

    def encode(self, c: values.Contact) -> dict[str, Any]:
        return {
            "contact_id": c.contact_id.hex,
            "parent_id": c.parent_id.hex,
            "occurred_at": c.occurred_at.isoformat(),
            "method": c.method.value,
            "location": c.location,
            "outcome": c.outcome.value,
            "purpose": c.purpose,
            "topics": [t.value for t in c.topics],
            "narrative": c.narrative,
            "recorded_at": c.recorded_at.isoformat(),
            "recorded_by": c.recorded_by,
            "documentation_due": c.documentation_due.isoformat(),
            "amendments": c.amendments,
            "voided": c.voided,
            "void_reason": c.void_reason,
        }

    def decode(self, d: dict[str, Any]) -> values.Contact:
        return values.Contact(
            contact_id=_uuid(d["contact_id"]),
            parent_id=_uuid(d["parent_id"]),
            occurred_at=_instant(d["occurred_at"]),
            method=values.ContactMethod(d["method"]),
            location=d["location"],
            outcome=values.ContactOutcome(d["outcome"]),
            purpose=d["purpose"],
            topics=tuple(values.Topic(t) for t in d["topics"]),
            narrative=d["narrative"],
            recorded_at=_instant(d["recorded_at"]),
            recorded_by=d["recorded_by"],
            documentation_due=_instant(d["documentation_due"]),
            amendments=d["amendments"],
            voided=d["voided"],
            void_reason=d["void_reason"],
        )


def _uuid(value: str | UUID) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def _instant(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


ENUMS: tuple[tuple[type[enum.Enum], str], ...] = (
    (values.Program, "program"),
    (values.Relationship, "relationship"),
    (values.ContactMethod, "contact_method"),
    (values.ContactOutcome, "contact_outcome"),
    (values.Topic, "topic"),
    (values.PermanencyGoal, "permanency_goal"),
    (values.SearchOutcome, "search_outcome"),
    (values.Role, "role"),
    (decisions.ConsultantRole, "consultant_role"),
    (decisions.DecisionKind, "decision_kind"),
    (decisions.ReviewOutcome, "review_outcome"),
    (decisions.DecisionStatus, "decision_status"),
    (decisions.CourtOrderKind, "court_order_kind"),
    (pbp_values.Party, "pbp_party"),
    (pbp_values.ReferralStatus, "pbp_referral_status"),
    (ppt_values.InformationSource, "ppt_information_source"),
    (ppt_values.StaffingFactor, "ppt_staffing_factor"),
    (ppt_values.PptRequestKind, "ppt_request_kind"),
    (ppt_values.PptTopic, "ppt_topic"),
    (meetings.MeetingKind, "meeting_kind"),
    (meetings.NoticeOutcome, "notice_outcome"),
    (meetings.WithholdReason, "withhold_reason"),
    (meetings.EscalationStep, "escalation_step"),
)

VALUE_OBJECTS: tuple[tuple[type[Any], str], ...] = (
    (values.ParentCircumstances, "parent_circumstances"),
    (values.Parent, "parent"),
    (values.Household, "household"),
    (values.ContactFrequency, "contact_frequency"),
    (values.GoalSetting, "goal_setting"),
    (values.Reunification, "reunification"),
    (values.Assignment, "assignment"),
    (values.DiligentSearch, "diligent_search"),
    (decisions.Consultation, "consultation"),
    (decisions.SafetyRisk, "safety_risk"),
    (decisions.Review, "decision_review"),
    (decisions.Decision, "decision"),
    (decisions.CourtOrder, "court_order"),
    (decisions.EffortsCeased, "efforts_ceased"),
    (pbp_values.Certification, "pbp_certification"),
    (pbp_values.PartnerAssignment, "pbp_partner_assignment"),
    (ppt_values.Placement, "ppt_placement"),
    (ppt_values.JppoNotice, "ppt_jppo_notice"),
    (ppt_values.ScreenCompletion, "ppt_screen_completion"),
    (ppt_values.InformationGathering, "ppt_information_gathering"),
    (ppt_values.PptMeetingRecord, "ppt_meeting_record"),
    (ppt_values.FactorRecord, "ppt_factor"),
    (ppt_values.PptTask, "ppt_task"),
    (ppt_values.PermanencyOutcome, "ppt_permanency_outcome"),
    (ppt_values.PptRequest, "ppt_request"),
    (ppt_values.PptRecord, "ppt_record"),
    (meetings.Meeting, "meeting"),
    (meetings.MeetingNotice, "meeting_notice"),
    (meetings.RefusalEscalation, "refusal_escalation"),
)


def all_transcodings() -> list[Transcoding]:
    """Every transcoding the application registers beside the library's own."""
    found: list[Transcoding] = [DateAsISO()]
    found += [EnumAsValue(cls, name) for cls, name in ENUMS]
    found += [DataclassAsDict(cls, name) for cls, name in VALUE_OBJECTS]
    found.append(ContactAsDict())
    return found
