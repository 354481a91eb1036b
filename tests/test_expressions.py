"""The condition language: what authors can write, what they get told when they can't."""

import pytest

from game.content.expressions import (
    NEVER,
    Condition,
    EvalContext,
    ExpressionError,
    Namespace,
    VarSpec,
    compile_condition,
)

NS = Namespace(
    names={
        "district.fear": VarSpec("float", 0, 1),
        "city.corruption": VarSpec("float", 0, 1),
        "city.x": VarSpec("float", 0, 1),
        "city.y": VarSpec("float", 0, 1),
        "player.budget": VarSpec("float"),
        "turn": VarSpec("int", 0, 100),
        "role": VarSpec("str"),
        "player.mayor": VarSpec("bool"),
    },
    hidden={"district.trust": "this event has city scope; district values exist only in district-scope events"},
)

VALUES = {
    "district.fear": 0.41,
    "city.corruption": 0.7,
    "city.x": 0.4,
    "city.y": 0.3,
    "player.budget": -20.0,
    "turn": 5,
    "role": "police",
    "player.mayor": True,
}
CTX = EvalContext(values=VALUES, last_fired={"riot": 3}, flags=frozenset({"leak"}), turn=7)


def holds(source: str, ctx: EvalContext = CTX) -> bool:
    return compile_condition(source, NS).evaluate(ctx)


def rejected(source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        compile_condition(source, NS)
    return info.value


# ---------------------------------------------------------------------------
# What authors can write
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("district.fear > 0.4", True),
        ("district.fear > 0.6 and city.corruption >= 0.5", False),
        ("district.fear > 0.6 or city.corruption >= 0.5", True),
        ("not district.fear > 0.6", True),
        ("district.fear <= 0.41 and district.fear >= 0.41", True),
        ("district.fear == 0.41 and district.fear != 0.5", True),
        ("turn == 5 and turn == 5.0", True),
        ('role == "police" and role != "mayor"', True),
        ("player.mayor == true", True),
        ("player.mayor", True),
        ("not player.mayor", False),
        ("true", True),
        ("false", False),
        ("True and not False", True),
        ("district.fear * 2 - 0.1 > 0.7", True),
        ("city.x / 4 == 0.1", True),
        ("-player.budget > 10 and +player.budget < 0", True),
        ("(district.fear + city.x) * 10 > 8", True),
    ],
)
def test_operators_logic_and_arithmetic(source: str, expected: bool) -> None:
    assert holds(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("0.2 < district.fear < 0.6", True),
        ("0.2 < district.fear < 0.4", False),
        ("0 <= city.y < city.x <= 1", True),
        ("city.x < city.y < 1", False),
    ],
)
def test_chained_comparisons(source: str, expected: bool) -> None:
    assert holds(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('role in ["police", "mayor"]', True),
        ('role not in ["police", "mayor"]', False),
        ('role in ("journalist",)', False),
        ("turn in [1, 3, 5]", True),
        ("turn not in [-1, 6]", True),
        ("player.mayor in [true]", True),
        ("turn in []", False),
    ],
)
def test_in_lists(source: str, expected: bool) -> None:
    assert holds(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("min(district.fear, city.x) == 0.4", True),
        ("max(district.fear, city.x, 0.9) == 0.9", True),
        ("abs(player.budget) == 20", True),
        ('fired("riot")', True),
        ('fired("hotline_leak")', False),
        ('turns_since("riot") == 4', True),
        (f'turns_since("hotline_leak") == {NEVER}', True),
        ('turns_since("hotline_leak") > 100', True),
        ('flag("leak")', True),
        ('flag("audit")', False),
        ('fired("riot") and not flag("audit")', True),
    ],
)
def test_functions(source: str, expected: bool) -> None:
    assert holds(source) is expected


def test_turns_since_counts_from_the_context_turn() -> None:
    condition = compile_condition('turns_since("riot") >= 2', NS)
    assert condition.evaluate(EvalContext(VALUES, last_fired={"riot": 3}, turn=5))
    assert not condition.evaluate(EvalContext(VALUES, last_fired={"riot": 3}, turn=4))
    assert condition.evaluate(EvalContext(VALUES, last_fired={}, turn=0))  # never fired: NEVER
    assert NEVER == 999


def test_runtime_division_by_zero_makes_the_condition_false() -> None:
    ctx = EvalContext({**VALUES, "city.y": 0.0})
    assert not holds("city.x / city.y > 1", ctx)
    assert not holds("not city.x / city.y > 1", ctx)  # an error is not "not true"
    assert holds("city.y == 0 or city.x / city.y > 1", ctx)  # `or` stops at the first true part


def test_condition_reports_what_it_reads() -> None:
    source = 'district.fear > 0.5 and fired("riot") or turns_since("leak_2") < 3 and flag("audit")'
    condition = compile_condition(source, NS)
    assert isinstance(condition, Condition)
    assert condition.source == source
    assert condition.names == frozenset({"district.fear"})
    assert condition.event_refs == (("riot", source.index('"riot"')), ("leak_2", source.index('"leak_2"')))
    assert condition.flag_refs == (("audit", source.index('"audit"')),)


def test_condition_may_span_several_yaml_lines() -> None:
    assert holds("district.fear > 0.4\n  and city.corruption > 0.6")
    assert holds("district.fear > 0.4\tand\r\ncity.corruption > 0.6")


# ---------------------------------------------------------------------------
# explain()
# ---------------------------------------------------------------------------


def explain(source: str, ctx: EvalContext = CTX) -> str:
    return str(compile_condition(source, NS).explain(ctx))


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("district.fear > 0.6", "district.fear 0.41 > 0.6 ✗"),
        ("0.2 < district.fear < 0.6", "0.2 < district.fear 0.41 < 0.6 ✓"),
        ('flag("audit")', 'flag("audit") = false ✗'),
        ("player.mayor", "player.mayor = true ✓"),
        (
            "min(district.fear, city.x) + 0.1 > city.y",
            "min(district.fear, city.x) + 0.1 = 0.5 > city.y 0.3 ✓",
        ),
        (
            'city.corruption > 0.6 or flag("audit")',
            '(city.corruption 0.7 > 0.6 ✓ or flag("audit") = false ✗) ✓',
        ),
        ('turns_since("hotline_leak") < 3', 'turns_since("hotline_leak") = never < 3 ✗'),
        ('turns_since("riot") < 5', 'turns_since("riot") = 4 < 5 ✓'),
        ('role in ["police", "mayor"]', 'role "police" in ["police", "mayor"] ✓'),
        ("not player.mayor", "not (player.mayor = true ✓) ✗"),
        ("not (player.mayor or turn > 9)", "not (player.mayor = true ✓ or turn 5 > 9 ✗) ✗"),
        ("city.x / 1.2 > 0", "city.x / 1.2 = 0.333 > 0 ✓"),
        ("turn * 2 == 10", "turn * 2 = 10 == 10 ✓"),
        ("true", "true ✓"),
    ],
)
def test_explain_texts(source: str, text: str) -> None:
    assert explain(source) == text


def test_explain_flattens_top_level_and_into_clauses() -> None:
    explanation = compile_condition("district.fear > 0.6 and (city.corruption >= 0.5 and turn > 2)", NS).explain(CTX)
    assert not explanation.passed
    assert [c.text for c in explanation.clauses] == [
        "district.fear 0.41 > 0.6 ✗",
        "city.corruption 0.7 >= 0.5 ✓",
        "turn 5 > 2 ✓",
    ]
    assert [c.passed for c in explanation.clauses] == [False, True, True]
    assert str(explanation) == "district.fear 0.41 > 0.6 ✗; city.corruption 0.7 >= 0.5 ✓; turn 5 > 2 ✓"


def test_explain_runtime_division_by_zero() -> None:
    ctx = EvalContext({**VALUES, "city.y": 0.0})
    explanation = compile_condition("turn > 2 and city.x / city.y > 1", NS).explain(ctx)
    assert not explanation.passed
    assert explanation.clauses[1].text == "city.x / city.y > 1: division by zero ✗"
    assert not explanation.clauses[1].passed
    assert explain("city.y == 0 or city.x / city.y > 1", ctx) == (
        "(city.y 0 == 0 ✓ or city.x / city.y > 1: division by zero ✗) ✓"
    )


# ---------------------------------------------------------------------------
# What authors cannot write, and what they are told
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code", "says"),
    [
        # escapes into Python
        ("__import__('os')", "E141", "`__import__` starts with `_`"),
        ("().__class__.__bases__[0].__subclasses__()", "E141", "starts with `_`"),
        ('"{0.__class__}".format(x)', "E141", "method calls"),
        ("open('/etc/passwd') == 1", "E141", "`open` is not a function"),
        ("player._secret > 1", "E141", "`_secret` starts with `_`"),
        ("role.upper() == 'X'", "E141", "method calls"),
        ("min(district.fear, key=1) > 0", "E141", "keyword arguments"),
        ("max(*district.fear) > 0", "E141", "unpacking"),
        ("lambda: 1", "E141", "lambda"),
        ("[x for x in y]", "E141", "list comprehension"),
        ("any(x for x in y)", "E141", "`any` is not a function"),
        ("(y := 1)", "E141", "`:=`"),
        ('f"{x}" == role', "E141", "f-string"),
        ("1 if true else 2", "E141", "`a if b else c`"),
        ("{1: 2} == 1", "E141", "dictionary"),
        ("turn in {1, 2}", "E141", "set"),
        ("turn > [1, 2]", "E141", "list"),
        ("role in role", "E141", "list of constants"),
        ("turn in [turn]", "E141", "constants"),
        ("district.fear[0] > 1", "E141", "indexing"),
        # operators that are not part of the language
        ("9**9**9", "E141", "`**` (power)"),
        ('"a"*10**9', "E141", "`**` (power)"),
        ("turn % 2 == 0", "E141", "`%`"),
        ("turn // 2 == 0", "E141", "`//`"),
        ("turn & 1", "E141", "`&`"),
        ("~turn == 1", "E141", "`~`"),
        ("player.mayor is true", "E141", "`is`"),
        ("turn < 3 in [1]", "E141", "cannot be chained"),
        # literals
        ('b"x" == role', "E141", "bytes"),
        ("1j == turn", "E141", "complex"),
        ("None == turn", "E141", "`None`"),
        ("1e309 > turn", "E146", "too large"),
        ("turn < 2000000000", "E146", "larger than 1,000,000,000"),
        ("turn < -1e10", "E146", "larger than"),
        ("city.x / 0 > 1", "E146", "divides by zero"),
        ("city.x / (2 - 2.0) > 1", "E146", "divides by zero"),
        ('role == "' + "x" * 41 + '"', "E142", "41 characters"),
        # size
        ("(" * 300, "E140", "brackets"),
        ("+0" * 200000, "E142", "400000 characters"),
        ("not " * 1000 + "true", "E142", "characters long"),
        ("1" * 5000 + " > turn", "E142", "characters long"),
        ("turn > " + "1" * 200, "E146", "larger than"),
        ("not " * 20 + "true", "E142", "nested too deeply"),
        ("turn" + " + turn" * 40 + " > 1", "E142", "nested too deeply"),
        ("max(" + "1," * 70 + "1) > turn", "E142", "too complex"),
        # syntax
        ("", "E140", "empty"),
        ("   \n", "E140", "empty"),
        ("district.fear >", "E140", "cannot be read"),
        ("district.fear > 0.6 && turn > 1", "E140", "cannot be read"),
        ("(district.fear > 0.6", "E140", "never closed"),
        ("role == 'police", "E140", "closing quote"),
        ("'\\d' == role", "E140", "cannot be read"),
        ("turn == 1\x00", "E140", "null"),
        ("turn == '\ud800'", "E140", "character"),
        # names and functions
        ("district.feer > 0.6", "E143", "`district.feer` is not a declared value"),
        ("district > 0.6", "E143", "`district` is not a declared value"),
        ("fired > 0", "E143", "`fired` is not a declared value"),
        ("fired(role) and true", "E143", "quoted event id"),
        ("fired() and true", "E143", "quoted event id"),
        ('flag("a", "b")', "E143", "quoted flag name"),
        ('flag("") or true', "E143", "empty"),
        ("min(turn) > 1", "E143", "at least two values"),
        ("abs(turn, turn) > 1", "E143", "exactly one value"),
        # types
        ('district.fear > "high"', "E144", "`>` compares numbers"),
        ("role == 1", "E144", "cannot compare"),
        ("player.mayor > 0", "E144", "compares numbers"),
        ("district.fear and true", "E144", "`and` joins true/false parts"),
        ("not turn", "E144", "`not` negates"),
        ("role + 1 > 0", "E144", "works on numbers"),
        ("-player.mayor == 1", "E144", "works on numbers"),
        ("abs(role) > 0", "E144", "works on numbers"),
        ('turn in ["a"]', "E144", "the list holds text"),
        ("district.fear", "E144", "must be true or false"),
        ("turn + 1", "E144", "must be true or false"),
        ('turns_since("x")', "E144", "must be true or false"),
    ],
)
def test_rejected_with_code_and_message(source: str, code: str, says: str) -> None:
    error = rejected(source)
    assert error.code == code, error
    assert says in error.message, error
    assert error.hint, error  # every rejection says what to do instead
    assert 0 <= error.offset <= max(len(source), 300)


def test_unknown_name_suggests_the_closest_declared_one() -> None:
    error = rejected("turn > 1 and district.feer > 0.6")
    assert error.code == "E143"
    assert error.message == "`district.feer` is not a declared value"
    assert "did you mean `district.fear`?" in error.hint
    assert error.offset == len("turn > 1 and ")


def test_unknown_function_suggests_the_closest_allowed_one() -> None:
    error = rejected('fird("riot")')
    assert error.hint == "did you mean `fired`?"


def test_group_name_points_to_its_members() -> None:
    assert "`district.fear`" in rejected("district > 0.6").hint


def test_hidden_name_gives_the_reason() -> None:
    error = rejected("district.trust > 0.5")
    assert error.code == "E143"
    assert "`district.trust` cannot be used here" in error.message
    assert error.hint == NS.hidden["district.trust"]


def test_power_hint_says_what_to_write_instead() -> None:
    assert rejected("district.fear ** 2 > 0.5").hint == "write x * x instead of x ** 2"


def test_syntax_error_offsets_point_at_the_problem() -> None:
    assert rejected("turn > > 1").offset == len("turn > ")
    assert rejected("district.fear > 0.6 = 1").hint == "use == to test equality"


def test_offsets_are_characters_even_after_non_ascii_text() -> None:
    source = 'role == "policía" and district.feer > 0.6'
    assert rejected(source).offset == source.index("district.feer")


def test_non_text_condition_is_rejected() -> None:
    with pytest.raises(ExpressionError) as info:
        compile_condition(1, NS)  # type: ignore[arg-type]  # e.g. YAML `when: 1`
    assert info.value.code == "E140"


def test_error_str_is_readable() -> None:
    text = str(rejected("district.feer > 0.6"))
    assert text.startswith("E143")
    assert "district.feer" in text and "did you mean" in text


def test_varspec_rejects_unknown_type_and_empty_range() -> None:
    with pytest.raises(ValueError):
        VarSpec("double")
    with pytest.raises(ValueError):
        VarSpec("float", 1, 0)
