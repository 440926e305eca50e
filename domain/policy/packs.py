"""Which pack governs which programme."""

from __future__ import annotations

from collections.abc import Mapping

from domain.policy import nh_cps, nh_jjs, tn_dcs
from domain.policy.rules import PolicyPack
from domain.values import Program

PACKS: Mapping[Program, PolicyPack] = {
    Program.NH_CPS: nh_cps.PACK,
    Program.NH_JJS: nh_jjs.PACK,
    Program.TN_DCS: tn_dcs.PACK,
}


def pack_for(program: Program) -> PolicyPack:
    """The policy pack of ``program``."""
    return PACKS[program]
