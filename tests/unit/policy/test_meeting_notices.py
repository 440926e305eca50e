"""ENG-V notices judged from facts: a court_order withholding needs its order."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from domain.meetings import Meeting, MeetingKind, MeetingNotice, NoticeOutcome, WithholdReason
from domain.policy import nh_jjs
from domain.policy.adjustments import Exemption
from domain.policy.facts import CaseFacts
from domain.policy.meeting_obligations import meeting_notices
from domain.policy.obligation import Status
from domain.policy.rules import ExemptionKind
from domain.values import Parent, ParentCircumstances, Relationship

OPENED_ON = dt.date(2026, 1, 5)
TEAM = Meeting(UUID(int=1), MeetingKind.TEAM, dt.date(2026, 1, 20))
FATHER = UUID(int=2)
WITHHELD = MeetingNotice(
    UUID(int=3),
    TEAM.meeting_id,
    FATHER,
    NoticeOutcome.WITHHELD,
    dt.date(2026, 1, 9),
    WithholdReason.COURT_ORDER,
)
ORDER = Exemption(ExemptionKind.NO_NOTIFICATION, None, dt.date(2026, 1, 8), UUID(int=4))


def _judged(*orders: Exemption) -> tuple[Status, tuple[UUID, ...]]:
    facts = CaseFacts(
        UUID(int=9), nh_jjs.PACK, dt.date(2026, 2, 2), OPENED_ON, None, (), (), (TEAM,)
    )
    father = Parent(
        FATHER,
        "Tom",
        Relationship.BIOLOGICAL,
        (ParentCircumstances(OPENED_ON, custodial=False),),
    )
    (notice,) = meeting_notices(facts, [father], [WITHHELD], lambda _: orders)
    return notice.status, notice.satisfied_by


def test_a_court_order_withholding_without_a_no_notification_order_is_not_exempt() -> None:
    assert _judged() == (Status.MISSED, ())
    assert _judged(ORDER) == (Status.EXEMPT, (WITHHELD.notice_id,))
