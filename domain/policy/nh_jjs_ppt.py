"""NH-JJS: DCYF SOP 1626.4, JPPO responsibilities for PPT meetings, as data."""

from __future__ import annotations

import datetime as dt

from domain.policy.ppt_rules import PptRules
from domain.policy.rules import Citation, parameter
from domain.ppt_values import InformationSource

SOURCE = "NH DCYF SOP 1626.4: JPPO Responsibilities - PPT"
# Policy Directive 21-51, effective December 2021.
IN_FORCE_FROM = dt.date(2021, 12, 1)


def cite(clause: str, section: str) -> Citation:
    """A citation of SOP 1626.4."""
    return Citation(clause, SOURCE, section)


PPT_I_A = cite(
    "PPT-I.A",
    "I.A. Notifying the Permanency JPPO of the placement of any child the day of placement "
    "or any changes in placement that may affect the PPT schedule before the end of the next "
    "business day.",
)
PPT_I_B = cite(
    "PPT-I.B",
    "I.B. Completing the first page of the PPT screen in the DCYF electronic information "
    "system at least 5 business days prior to the PPT meeting.",
)
PPT_I_C = cite(
    "PPT-I.C",
    "I.C. Gathering information from parents/guardians, child(ren), and service providers "
    "prior to a PPT meeting to ensure the most relevant information is available.",
)
PPT_I_H = cite(
    "PPT-I.H",
    "I.H. Advising the Permanency JPPO of factors that warrant inviting additional DCYF "
    "staff to the PPT meeting (human trafficking, domestic violence, substance abuse, "
    "fiscal considerations, medical needs).",
)
PPT_I_I = cite("PPT-I.I", "I.I. Completing tasks assigned during the PPT meeting.")
PPT_I_J = cite("PPT-I.J", "I.J. Updating the PPT when permanency is achieved.")

RULES = PptRules(
    placement_notice=PPT_I_A,
    change_notice_business_days=parameter(1, PPT_I_A, IN_FORCE_FROM),
    screen_business_days_before=parameter(5, PPT_I_B, IN_FORCE_FROM),
    information=PPT_I_C,
    information_sources=frozenset(InformationSource),
    staffing_advice=PPT_I_H,
    task=PPT_I_I,
    # The SOP names no interval for "when permanency is achieved": our reading is the
    # end of the next business day, the same allowance I.A gives a placement change.
    update_business_days=parameter(1, PPT_I_J, IN_FORCE_FROM),
)
