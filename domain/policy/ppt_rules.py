"""The rule vocabulary of the Permanency Planning Team deadlines (SOP 1626.4).

Like the engagement rules, every count of business days is an effective-dated,
cited parameter; the clause behind each obligation kind travels with it.
"""

from __future__ import annotations

import dataclasses

from domain.policy.rules import Citation, Parameter
from domain.ppt_values import InformationSource


@dataclasses.dataclass(frozen=True)
class PptRules:
    """One programme's PPT deadlines, each value cited."""

    # PPT-I.A: a placement is notified the day of placement ...
    placement_notice: Citation
    # ... a change that may affect the PPT schedule by the end of the next business day.
    change_notice_business_days: Parameter[int]
    # PPT-I.B: page 1 of the screen at least this many business days before the meeting.
    screen_business_days_before: Parameter[int]
    # PPT-I.C: the sources heard before each meeting.
    information: Citation
    information_sources: frozenset[InformationSource]
    # PPT-I.H: a factor is advised by the next PPT meeting.
    staffing_advice: Citation
    # PPT-I.I: each task by its own due date.
    task: Citation
    # PPT-I.J: the PPT updated within this many business days of permanency.
    update_business_days: Parameter[int]
