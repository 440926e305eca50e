"""One-line audit summaries of the Permanency Planning Team events (SOP 1626.4).

Like every summary, built from structured fields only: settings, advice, notes,
reasons and topic notes stay in the entry's ``data``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


def _short(value: Any) -> str:
    return str(value)[:8]


def _words(value: Any) -> str:
    return str(value).replace("_", " ")


def _changed(d: Mapping[str, Any]) -> str:
    p = d["placement"]
    affects = "yes" if p["may_affect_schedule"] else "no"
    return f"Placement changed on {p['on']}; may affect the PPT schedule: {affects}"


def _held(d: Mapping[str, Any]) -> str:
    m = d["meeting"]
    who = ", ".join(m["attended_by"]) or "no one named"
    return f"PPT meeting held on {m['held_on']}; topics 1-6 recorded; attended by {who}"


PPT_SUMMARIES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "YouthPlaced": lambda d: f"Youth placed on {d['placement']['on']}",
    "PlacementChanged": _changed,
    "PermanencyJppoNotified": lambda d: (
        f"Permanency JPPO {d['notice']['permanency_worker']} notified on {d['notice']['on']}"
        f" of placement {_short(d['notice']['placement_id'])}"
    ),
    "PptScreenCompleted": lambda d: f"PPT screen page 1 completed on {d['screen']['on']}",
    "PptInformationGathered": lambda d: (
        f"PPT information gathered from {_words(d['information']['source'])}"
        f" on {d['information']['on']}"
    ),
    "PptMeetingHeld": _held,
    "StaffingFactorIdentified": lambda d: (
        f"Staffing factor {_words(d['factor'])} identified on {d['identified_on']}"
    ),
    "StaffingAdviceGiven": lambda d: (
        f"Permanency JPPO advised of staffing factor {_short(d['factor_id'])} on {d['on']}"
    ),
    "PptTaskAssigned": lambda d: (
        f"PPT task {_short(d['task']['task_id'])} assigned to {d['task']['assigned_to']},"
        f" due {d['task']['due_on']}"
    ),
    "PptTaskCompleted": lambda d: f"PPT task {_short(d['task_id'])} completed on {d['on']}",
    "PptTaskFollowedUp": lambda d: (
        f"Supervisor followed up on PPT task {_short(d['task_id'])} on {d['on']}"
    ),
    "PermanencyAchieved": lambda d: f"Permanency achieved on {d['on']}",
    "PptUpdated": lambda d: f"PPT updated of permanency on {d['on']}",
    "ExtraPptMeetingRequested": lambda d: f"Extra PPT meeting requested on {d['request']['on']}",
    "PermanencyWorkgroupRequested": lambda d: (
        f"JJ Permanency Workgroup requested on {d['request']['on']}"
    ),
}
