"""Policy bots for `plaza simulate`, the fidelity tests, and "your game among 1,000 simulated ones"."""

from game.bots.base import Bot
from game.bots.policies import (
    Accountability,
    CitizenCampaign,
    Concentrated,
    Culture,
    FearManagement,
    Gated,
    Militia,
    Random,
    ReportingDrive,
    SecuritySpending,
    Spread,
    StatusQuo,
    VettedMilitia,
)

BOTS: dict[str, type[Bot]] = {
    bot.name: bot
    for bot in (
        StatusQuo,
        CitizenCampaign,
        Accountability,
        Gated,
        Militia,
        FearManagement,
        Culture,
        SecuritySpending,
        Random,
        ReportingDrive,
        VettedMilitia,
        Concentrated,
        Spread,
    )
}

__all__ = ["BOTS", "Bot"]
