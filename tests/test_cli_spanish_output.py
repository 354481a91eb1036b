"""`plaza simulate --list-bots` and `plaza replay` speak the user's language: the bots' summaries come from
content/ui/bots.yaml, the replay's report from content/ui/cli.yaml; `--lang es` and PLAZA_LANG=es both give Spanish."""

import json

import pytest
import yaml

import game.content.content_cache
import game.content.loader
from game.bots import BOTS
from game.cli import main
from game.content.files import SHIPPED_CONTENT
from tests import test_replay

# the replay tests' fixtures: the content loaded once, and a five-turn official game's log
loaded, content, official_log = test_replay.loaded, test_replay.content, test_replay.official_log


@pytest.fixture
def plaza(loaded, monkeypatch, capsys):
    """`plaza ARGS` with the module's content and no language from the environment; (exit code, stdout, stderr)."""
    monkeypatch.setattr(game.content.loader, "load_content", lambda *a, **k: loaded)
    # the checked-content cache would answer before the loader: the commands get this module's content either way
    monkeypatch.setattr(game.content.content_cache, "load_checked", lambda *a, **k: loaded)
    for name in ("PLAZA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)

    def run(*args, env_lang=None):
        if env_lang:
            monkeypatch.setenv("PLAZA_LANG", env_lang)
        status = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return status, out, err

    return run


def summaries() -> dict:
    return yaml.safe_load((SHIPPED_CONTENT / "ui" / "bots.yaml").read_text(encoding="utf-8"))["strings"]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_bots_are_summed_up_in_spanish(plaza, how):
    args = ("simulate", "--list-bots", "--lang", "es") if how == "option" else ("simulate", "--list-bots")
    status, out, _ = plaza(*args, env_lang="es" if how == "environment" else None)
    assert status == 0
    lines = dict(line.split(maxsplit=1) for line in out.splitlines())
    assert list(lines) == list(BOTS)
    for name, summary in lines.items():
        assert summary == summaries()[f"bots.{name}.summary"]["es"]
        assert summary != summaries()[f"bots.{name}.summary"]["en"]
    assert lines["status_quo"].startswith("No hace nada nuevo: la ciudad tal como está.")


def test_the_english_summary_stays_each_bots_summary(plaza):
    _, out, _ = plaza("simulate", "--list-bots", "--lang", "en")
    for line in out.splitlines():
        name, summary = line.split(maxsplit=1)
        assert summary == summaries()[f"bots.{name}.summary"]["en"]
    assert dict(line.split(maxsplit=1) for line in out.splitlines())["status_quo"].startswith(
        "Does nothing new: the city as it is."
    )


def write(tmp_path, text) -> str:
    path = tmp_path / "bitacora.jsonl"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_identical_replay_is_said_in_spanish(plaza, tmp_path, official_log):
    status, out, _ = plaza("replay", write(tmp_path, official_log), env_lang="es")
    assert status == 0
    assert out.strip() == (
        "se volvieron a jugar 5 turnos de border_city (official, semilla 7): idénticos; "
        "la bitácora termina en el turno 5 de 12"
    )


def test_a_difference_is_said_in_spanish_with_its_district(plaza, tmp_path, official_log):
    header, *turns = [json.loads(line) for line in official_log.splitlines()]
    logged = turns[2]["indicators"]["district.oc_control"][5]
    turns[2]["indicators"]["district.oc_control"][5] = logged + 0.25
    edited = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *turns])
    status, out, _ = plaza("replay", "--lang", "es", write(tmp_path, edited))
    assert status == 1
    first, detail = out.splitlines()[:2]
    assert (
        first == "se volvió a jugar border_city (official, semilla 7): DISTINTO en el turno 3 (turnos 1 a 2 idénticos)"
    )
    assert detail.strip() == (
        f"turno 3: district.oc_control en riberas: en la bitácora {logged + 0.25!r}, al volver a jugar {logged!r}"
    )
    # the same difference in English, word for word as before
    _, out, _ = plaza("replay", write(tmp_path, edited))
    assert f"turn 3: district.oc_control in riberas: logged {logged + 0.25!r}, replayed {logged!r}" in out


def test_an_event_the_log_did_not_expect_is_said_in_spanish(plaza, tmp_path, official_log):
    header, *turns = [json.loads(line) for line in official_log.splitlines()]
    next(t for t in turns if t["events"])["events"][0]["event"] = "festival_offer"
    edited = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *turns])
    status, out, _ = plaza("replay", "--lang", "es", write(tmp_path, edited))
    assert status == 1 and "en su lugar ocurrió el suceso" in out and "la bitácora tiene festival_offer" in out


def test_a_log_that_cannot_be_replayed_says_so_in_spanish(plaza, tmp_path):
    status, out, err = plaza("replay", "--lang", "es", write(tmp_path, "no es json\n"))
    assert status == 2 and out == ""
    assert err.startswith("plaza: esta bitácora no se puede volver a jugar (detalle técnico: ")


def _edited(official_log, change) -> str:
    header, *turns = [json.loads(line) for line in official_log.splitlines()]
    change(turns)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *turns])


def test_a_refused_measure_is_said_in_spanish_from_the_refusal_itself(plaza, tmp_path, official_log):
    """The session's English reason is not shown in Spanish: the window's own sentence for the typed refusal is."""

    def aim_a_city_measure_at_a_district(turns):
        turns[2]["commands"] = [{"measure": "witness_protection", "district": "riberas"}]

    edited = _edited(official_log, aim_a_city_measure_at_a_district)
    status, out, _ = plaza("replay", "--lang", "es", write(tmp_path, edited))
    assert status == 1
    assert out.splitlines()[1].strip() == (
        "turno 3: las medidas tomadas son distintas; ahora se rechaza una: Protección a denunciantes y testigos: "
        "Esta medida se aplica en toda la ciudad, no en una sola colonia."
    )
    assert "acts on the whole city" not in out
    _, out, _ = plaza("replay", write(tmp_path, edited))  # English: the log's own words, as before
    assert "witness_protection was refused (witness_protection acts on the whole city, not on a district)" in out


def test_an_option_the_event_does_not_have_is_said_in_spanish(plaza, tmp_path, official_log):
    def choose_a_missing_option(turns):
        next(t for t in turns if t["events"])["events"][0]["option"] = "no_such_option"

    status, out, _ = plaza("replay", "--lang", "es", write(tmp_path, _edited(official_log, choose_a_missing_option)))
    assert status == 1
    assert out.splitlines()[1].strip().endswith("no se puede tomar: el evento no tiene la opción no_such_option")
    assert "has no option" not in out


def test_a_measure_already_running_is_placed_by_the_districts_name(plaza, tmp_path, official_log):
    def light_riberas_again(turns):  # turn 1 lit riberas for four quarters
        turns[1]["commands"] = [{"measure": "street_lighting", "district": "riberas"}]

    status, out, _ = plaza("replay", "--lang", "es", write(tmp_path, _edited(official_log, light_riberas_again)))
    assert status == 1
    assert out.splitlines()[1].strip().endswith("Alumbrado público: Ya está en marcha en Riberas del Sur.")
