"""The built-in bots (anchors-model §4), one short policy each, for both roles where the role allows it."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from game.bots.base import Bot
from game.session.commands import AdoptMeasure
from game.session.session import GameSession


class StatusQuo(Bot):
    """Does nothing new: it adopts no measure, and answers events as the state is (`Bot.keeps_the_state`)."""

    name = "status_quo"
    plan: ClassVar[dict] = {}
    keeps_the_state = True


class CitizenCampaign(Bot):
    name = "citizen_campaign"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [("anonymous_hotline", "{contested}"), ("street_lighting", "{contested}")],
        "organizer": [("neighborhood_watch", "{contested}"), ("reporting_drive", "{contested}")],
    }


class Accountability(Bot):
    name = "accountability"
    plan: ClassVar[dict] = {
        "official": [
            ("witness_protection", None),
            ("transparency_audits", None),
            ("police_vetting", None),
            ("publish_statistics", None),
        ],
        "organizer": [("press_and_protest", None), ("petition_council", None), ("transparency_requests", None)],
    }


class Gated(Bot):
    name = "gated"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [("security_budget_increase", None)],
        "organizer": [("private_guards", "{rich}"), ("close_streets", "{rich}"), ("private_guards", "{middle}")],
    }


class Militia(Bot):
    name = "militia"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [("deputize_self_defense", "{rural}"), ("deputize_self_defense", "{contested}")],
        "organizer": [("self_defense_group", "{rural}"), ("self_defense_group", "{contested}")],
    }


class FearManagement(Bot):
    name = "fear_management"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [
            ("street_lighting", "{each}"),
            ("suppress_statistics", None),
            ("request_federal_forces", None),
            ("cultural_programme", "{contested}"),
        ],
        "organizer": [
            ("cultural_events", "{contested}"),
            ("space_recovery", "{contested}"),
            ("neighborhood_watch", "{rich}"),
        ],
    }


class Culture(Bot):
    name = "culture"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [("cultural_programme", "{each}"), ("recover_public_space", "{each}")],
        "organizer": [("cultural_events", "{each}"), ("space_recovery", "{each}")],
    }


class SecuritySpending(Bot):
    name = "security_spending"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [("security_budget_increase", None), ("request_federal_forces", None)],
        "organizer": [("neighborhood_watch", "{contested}"), ("private_guards", "{contested}")],
    }


class Random(Bot):
    name = "random"

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        options = [
            AdoptMeasure(m.id, d)
            for m in session.offered()
            for d in (session.world.district_ids if m.target == "district" else [None])
        ]
        order = rng.permutation(len(options))
        wanted = int(rng.integers(0, 3))
        chosen, spent = [], {}
        for i in order:
            if len(chosen) >= wanted:
                break
            self.take(session, options[i], chosen, spent)
        return chosen


class ReportingDrive(Bot):
    name = "reporting_drive"
    keeps_the_state = True
    plan: ClassVar[dict] = {
        "official": [("anonymous_hotline", "{contested}")],
        "organizer": [("reporting_drive", "{contested}")],
    }
    quarters = 4

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        # A drive for one year: never start a measure that would still run after it (a 3-quarter drive started
        # in quarter 4 would push on to quarter 6, inside the quarters where the chilling effect is looked for).
        measures = session.content.measures
        return [
            command
            for command in super().decide(session, rng)
            if session.turn + measures[command.measure].duration - 1 <= self.quarters
        ]


class VettedMilitia(Bot):
    name = "vetted_militia"
    plan: ClassVar[dict] = {
        "official": [
            ("police_vetting", None),
            ("deputize_self_defense", "{rural}"),
            ("deputize_self_defense", "{contested}"),
            ("transparency_audits", None),
        ]
    }
    per_turn = 3


class Concentrated(Bot):
    name = "concentrated"
    per_turn = 3
    campaign: ClassVar[dict[str, str]] = {"official": "anonymous_hotline", "organizer": "reporting_drive"}

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        # Kept in one district, the one where control was worst at the start: re-picking the worst each quarter
        # hopped among districts whose control is nearly tied, which is spreading by another name.
        worst = self.worst_first(session)[0]
        # The protection program's money in that district alone, where the level lets an office open there.
        office = any(m.id == "protection_office" for m in session.offered())
        return self._with_hotline(session, worst, AdoptMeasure("protection_office", worst) if office else None)

    @staticmethod
    def worst_first(session: GameSession) -> list[str]:
        """The level's districts by their criminal control at the start, highest first (the claim reads the first)."""
        start = session.model.state.start["district.oc_control"][session.run]
        return [session.world.district_ids[i] for i in np.argsort(-start, kind="stable")]

    def _with_hotline(
        self, session: GameSession, district: str | None, protection: AdoptMeasure | None = None
    ) -> list[AdoptMeasure]:
        """The official's protection (the city-wide program unless another is given) and vetting, or the
        organizer's pressure for them, then the campaign in `district` (none if None)."""
        chosen: list[AdoptMeasure] = []
        spent: dict[str, float] = {}
        pressure = (
            [protection or AdoptMeasure("witness_protection", None), AdoptMeasure("police_vetting", None)]
            if session.role == "official"
            else [AdoptMeasure("press_and_protest", None), AdoptMeasure("transparency_requests", None)]
        )
        campaign = [AdoptMeasure(self.campaign[session.role], district)] if district is not None else []
        for command in [*pressure, *campaign]:
            self.take(session, command, chosen, spent)
        return chosen


class Spread(Concentrated):
    name = "spread"

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        # The same money as `concentrated`: one campaign running at a time, renewed when it ends, but each time in
        # another district, worst first, so the measured district gets its turn too. (Until now a new one started
        # every quarter wherever none ran, so four ran at once and `spread` spent several times what
        # `concentrated` did.)
        campaign = self.campaign[session.role]
        if any(a.measure == campaign for a in session.active):
            return self._with_hotline(session, None)  # protection and vetting only, while the campaign runs
        order = self.worst_first(session)
        started = sum(c["measure"] == campaign for r in session.records for c in r.commands)
        return self._with_hotline(session, order[started % len(order)])
