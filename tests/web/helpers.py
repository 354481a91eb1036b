"""A room with a two-option card, for the web tests (no game, no pygame)."""

from __future__ import annotations

from game.classweb.limits import Limits
from game.classweb.views import CardView, OptionView, ReportLine, ReportView

CODE = "ABCD-EFGH-JK12"
GROUPS = ["A", "B", "C"]


def card(event: str = "council_meeting") -> CardView:
    return CardView(
        event,
        {"en": "The council meets", "es": "Se reúne el cabildo"},
        {"en": "Who gets the <b>money</b>?", "es": "¿Quién recibe el <b>dinero</b>?"},
        {"en": "Downtown", "es": "Centro"},
        2,
        6,
        (
            OptionView(
                "patrols", "A", {"en": "More patrols", "es": "Más patrullas"}, {"en": "trust", "es": "confianza"}, True
            ),
            OptionView("audit", "B", {"en": "Audit the police", "es": "Auditar a la policía"}, None, True),
            OptionView("militia", "C", {"en": "Arm the neighbors", "es": "Armar a los vecinos"}, None, False),
        ),
    )


def report() -> ReportView:
    return ReportView(
        1,
        6,
        ({"en": "The council meets: Audit the police", "es": "Se reúne el cabildo: Auditar a la policía"},),
        (
            ReportLine(
                {"en": "Fear", "es": "Miedo"},
                {"en": "42%", "es": "42%"},
                {"en": "▼ 3 pts ✓", "es": "▼ 3 pts ✓"},
                "good",
            ),
        ),
    )


ROOMY = Limits(per_address=100_000, per_device=1000, wrong_codes=1000)  # many students on one loopback address
STRINGS = {"students.page.join": {"en": "Join", "es": "Entrar"}}
