"""Static analysis: conditions that can never (or always) hold are spotted before play."""

import pytest

from game.content.expressions import Namespace, VarSpec, compile_condition
from game.content.intervals import Analysis, Verdict, analyze

NS = Namespace(
    names={
        "district.fear": VarSpec("float", 0, 1),
        "city.x": VarSpec("float"),
        "city.y": VarSpec("float", 0, 1),
        "city.budget": VarSpec("float", min=0),
        "turn": VarSpec("int", 0, 100),
        "role": VarSpec("str"),
        "player.mayor": VarSpec("bool"),
    }
)

FALSE, TRUE, UNKNOWN = Verdict.ALWAYS_FALSE, Verdict.ALWAYS_TRUE, Verdict.UNKNOWN


def judge(*sources: str) -> Analysis:
    return analyze([compile_condition(s, NS) for s in sources], NS)


@pytest.mark.parametrize(
    ("sources", "verdict"),
    [
        # the declared range alone
        (["district.fear > 1.5"], FALSE),
        (["district.fear >= 0"], TRUE),
        (["district.fear > 1"], FALSE),
        (["district.fear >= 1"], UNKNOWN),
        (["district.fear < 0.5"], UNKNOWN),
        (["city.budget < 0"], FALSE),
        (["city.x > 1000000"], UNKNOWN),  # no declared range
        (['turns_since("riot") > 999'], FALSE),
        (['turns_since("riot") >= 0'], TRUE),
        # contradictions between parts, within one condition or across the `when:` list
        (["city.x > 0.6 and city.x < 0.4"], FALSE),
        (["city.x > 0.6", "city.x < 0.4"], FALSE),
        (["city.x >= 0.5 and city.x <= 0.5"], UNKNOWN),  # x = 0.5 satisfies it
        (["city.x > 0.5 and city.x <= 0.5"], FALSE),
        (["city.x >= 0.5", "city.x < 0.5"], FALSE),
        (["0.8 < district.fear < 0.2"], FALSE),
        (["0.6 < city.x", "city.x < 0.4"], FALSE),
        (["turn > 2 and turn < 3"], FALSE),  # turn is a whole number
        (["turn >= 2 and turn <= 2"], UNKNOWN),
        (["city.x == 0.3", "city.x != 0.3"], FALSE),
        (["city.x == 0.3", "city.x == 0.4"], FALSE),
        (["city.x in [1, 2]", "city.x > 5"], FALSE),
        (["city.x in [1, 2]", "city.x not in [2, 1]"], FALSE),
        (["city.x in [1, 2]", "city.x > 1.5"], UNKNOWN),
        (["turn in [0.5, 1.5]"], FALSE),
        (["not city.x > 0.5", "city.x > 0.7"], FALSE),
        (['role == "a"', 'role == "b"'], FALSE),
        (['role == "a"', 'role in ["a", "b"]'], UNKNOWN),
        (["player.mayor", "not player.mayor"], FALSE),
        (["player.mayor == true", "player.mayor != true"], FALSE),
        (['fired("riot")', 'not fired("riot")'], FALSE),
        (['flag("audit") and not flag("audit")'], FALSE),
        # `or` and `not`
        (["district.fear > 2 or city.y > 2"], FALSE),
        (["district.fear > 2 or city.x > 1"], UNKNOWN),
        (["district.fear > 2 or district.fear >= 0"], TRUE),
        (["not district.fear > 2"], TRUE),
        (["not district.fear >= 0"], FALSE),
        (["not city.x > 0.5"], UNKNOWN),
        (["(city.x > 0.6 and city.x < 0.4) or district.fear > 3"], FALSE),
        # arithmetic by interval rules
        (["district.fear * 2 + 1 > 3.5"], FALSE),
        (["district.fear * 2 + 1 >= 1"], TRUE),
        (["min(district.fear, city.y) > 1"], FALSE),
        (["max(district.fear, city.y) <= 1"], TRUE),
        (["abs(district.fear - 0.5) <= 0.5"], TRUE),
        (["-district.fear > 0"], FALSE),
        (["district.fear > city.y + 1"], FALSE),
        (["district.fear - city.y > -1"], UNKNOWN),  # 0 - 1 = -1 is reachable
        (["city.y / (district.fear + 1) <= 1"], TRUE),
        (["city.y / district.fear > 0"], UNKNOWN),  # divisor may be 0
        (["district.fear in [2, 3]"], FALSE),
        (["district.fear not in [2, 3]"], TRUE),
        # constants
        (["1 > 2"], FALSE),
        (["1 < 2"], TRUE),
        (['"a" == "a"'], TRUE),
        (["true and false"], FALSE),
        (["true"], TRUE),
        # strings and booleans on their own depend on the game
        (['role == "mayor"'], UNKNOWN),
        (["player.mayor"], UNKNOWN),
        (['fired("riot")'], UNKNOWN),
        ([], TRUE),
    ],
)
def test_verdicts(sources: list[str], verdict: Verdict) -> None:
    result = judge(*sources)
    assert result.verdict is verdict, result.reason
    assert result.reason


def test_reason_names_the_declared_range() -> None:
    assert judge("district.fear > 1.5").reason == (
        "district.fear is at most 1 (declared range 0–1), so `district.fear > 1.5` can never hold"
    )
    assert judge("district.fear >= 0").reason == (
        "district.fear is at least 0 (declared range 0–1), so `district.fear >= 0` always holds"
    )


def test_reason_names_the_contradicting_parts() -> None:
    assert judge("city.x > 0.6", "turn > 3", "city.x < 0.4").reason == (
        "`city.x > 0.6` and `city.x < 0.4` cannot both hold"
    )
    assert "whole number" in judge("turn > 2 and turn < 3").reason


def test_always_true_but_may_divide_by_zero_is_not_always_true() -> None:
    # When city.y is 0 the division fails and the condition is false.
    result = judge("district.fear >= 0 or city.x / city.y > 1")
    assert result.verdict is UNKNOWN
    assert "divide by zero" in result.reason


def test_analysis_uses_the_given_namespace_for_ranges() -> None:
    condition = compile_condition("city.x > 2", NS)
    narrow = Namespace(names={**NS.names, "city.x": VarSpec("float", 0, 1)})
    assert analyze([condition], NS).verdict is UNKNOWN
    assert analyze([condition], narrow).verdict is FALSE


def test_huge_numbers_stay_unknown_instead_of_failing() -> None:
    huge = " * ".join(["1000000000"] * 12)
    assert judge(f"turn * {huge} > 0").verdict is UNKNOWN
    assert judge("city.y / 1e-300 / 1e-300 > 0").verdict is UNKNOWN
