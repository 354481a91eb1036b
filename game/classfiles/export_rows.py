"""The rows of a class's export: decisions.csv and statements.jsonl (xAPI 1.0.3), and turns.csv.

game.classfiles.export writes them into files (with session.json); every column and field is described in
docs/logs.md ("Exports").
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from game import __version__
from game.classfiles.logs import ClassLog, vote_source
from game.classfiles.session import LANGS, ClassSession

HOME = "https://plaza.invalid"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
EXT = f"{HOME}/xapi/ext"
LANG_TAGS = {"en": "en-US", "es": "es-MX"}

DECISION_COLUMNS = [
    "session_id",
    "scenario_id",
    "scenario_rev",
    "seed",
    "game_version",
    "lang",
    "mode",
    "group_id",
    "seat_id",
    "role",
    "turn",
    "event_id",
    "option_id",
    "option_label",
    "decision_source",
    "adopted",
    "time_to_decide_s",
    "teacher_flag",
    "timestamp_utc",
    # after the columns of the shared classroom shape, Plaza's own:
    "district_id",
    "votes",
    "n_ballots",
    "tally",
    "locked",
    "bot",
    "log_file",
]
TURN_COLUMNS = [
    "session_id",
    "scenario_id",
    "scenario_rev",
    "seed",
    "mode",
    "group_id",
    "role",
    "turn",
    "measures",
    "rejected",
    "n_events",
    "choices",
    "n_votes",
    "n_ballots",
    "share_adopted",
    "bot",
    "log_file",
    # then one column per indicator: city.* and player.* as they are, district.* as name[district_id]
]


def registration(session_id_: str) -> str:
    """The xAPI context.registration of a session: a UUID derived from its id (uuid5)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{HOME}/class/{session_id_}"))


# --- decisions.csv and statements.jsonl ----------------------------------------------------------------------


class _Texts:
    """Event titles and option labels in both languages, with the level's names filled in."""

    def __init__(self, content, level_id: str, role: str):
        from game.events.world import placeholder_names, render

        self.content = content
        self.level = content.levels.get(level_id)
        self.role = role
        self._render = render
        self._names = placeholder_names

    def names(self, lang: str, district: int | None) -> dict[str, str]:
        if self.level is None:
            return {}
        names = self._names(self.level, self.role, 1, lang, district)
        names.pop("turn", None)
        names.setdefault("district", "el barrio" if lang == "es" else "the district")
        return names

    def text(self, text, lang: str, district: int | None = None) -> str:
        return self._render(text, lang, self.names(lang, district))

    def option_label(self, event_id: str, option_id: str, lang: str, district: int | None) -> str:
        event = self.content.events.get(event_id)
        for option in event.options if event else []:
            if option.id == option_id:
                return self.text(option.label, lang, district)
        return ""

    def definition(self, event_id: str) -> dict:
        event = self.content.events.get(event_id)
        definition: dict[str, object] = {"type": INTERACTION, "interactionType": "choice"}
        if event is None:
            return definition
        definition["name"] = {LANG_TAGS[x]: self.text(event.title, x) for x in LANGS}
        definition["choices"] = [
            {"id": o.id, "description": {LANG_TAGS[x]: self.text(o.label, x) for x in LANGS}} for o in event.options
        ]
        return definition

    def district_index(self, district_id: str | None) -> int | None:
        if district_id is None or self.level is None:
            return None
        ids = [d.id for d in self.level.districts]
        return ids.index(district_id) if district_id in ids else None

    def district_id(self, index: int | None) -> str | None:
        if index is None or self.level is None or not 0 <= index < len(self.level.districts):
            return None
        return self.level.districts[index].id


def decision_rows(logs: list[ClassLog], session: ClassSession, content) -> tuple[list[dict], list[dict]]:
    """The rows of decisions.csv and the statements of statements.jsonl: one per decision, one per ballot."""
    rows: list[dict] = []
    statements: list[dict] = []
    reg = registration(session.id)
    lang = session.lang
    for log in logs:
        h = log.header
        texts = _Texts(content, h["level"], h["role"])
        sid = h.get("session") or session.id
        mode = h.get("mode", session.mode)
        base = {
            "session_id": sid,
            "scenario_id": h["level"],
            "scenario_rev": h["content_hash"],
            "seed": h["seed"],
            "game_version": h.get("plaza", ""),
            "lang": lang,
            "mode": mode,
            "group_id": log.group,
            "seat_id": "",
            "role": h["role"],
            "time_to_decide_s": "",
            "timestamp_utc": h.get("started", ""),
            "bot": h.get("bot", ""),
            "log_file": log.path.name,
        }
        for turn in log.turns:
            unused = list(turn.get("votes", []))
            for n, event in enumerate(turn["events"], start=1):
                option = event.get("option")
                if option is None:
                    continue
                district = texts.district_index(event.get("district"))
                vote = _take_vote(unused, event["event"], district, texts)
                tally = vote["tally"] if vote else {}
                total = sum(tally.values())
                source = vote_source(vote) if vote else ("bot" if h.get("bot") else "player")
                rows.append(
                    {
                        **base,
                        "turn": turn["turn"],
                        "event_id": event["event"],
                        "option_id": option,
                        "option_label": texts.option_label(event["event"], option, lang, district),
                        "decision_source": source,
                        "adopted": "true",
                        "teacher_flag": "1" if source in ("teacher", "tie_break") else "",
                        "district_id": event.get("district") or "",
                        "votes": tally.get(option, 0) if vote else "",
                        "n_ballots": total if vote else "",
                        "tally": _tally_text(tally),
                        "locked": _bool(vote["locked"]) if vote else "",
                    }
                )
                statements.append(
                    _statement(
                        reg,
                        sid,
                        log,
                        texts,
                        event["event"],
                        option,
                        source,
                        turn["turn"],
                        session,
                        mode,
                        district,
                        f"decision|{turn['turn']}|{n}",
                        vote=None,
                    )
                )
                if vote is not None:
                    leading = _leading(tally)
                    rows.append(
                        {
                            **base,
                            "turn": turn["turn"],
                            "event_id": event["event"],
                            "option_id": "|".join(leading),
                            "option_label": " | ".join(
                                texts.option_label(event["event"], o, lang, district) for o in leading
                            ),
                            "decision_source": "ballot",
                            "adopted": _bool(vote.get("adopted") in leading),
                            "teacher_flag": "",
                            "district_id": event.get("district") or "",
                            "votes": tally[leading[0]] if leading else 0,
                            "n_ballots": total,
                            "tally": _tally_text(tally),
                            "locked": _bool(vote["locked"]),
                        }
                    )
                    statements.append(
                        _statement(
                            reg,
                            sid,
                            log,
                            texts,
                            event["event"],
                            "[,]".join(leading),
                            "ballot",
                            turn["turn"],
                            session,
                            mode,
                            district,
                            f"ballot|{turn['turn']}|{n}",
                            vote=vote,
                        )
                    )
    return rows, statements


def _take_vote(unused: list[dict], event_id: str, district: int | None, texts: _Texts) -> dict | None:
    for i, vote in enumerate(unused):
        if vote.get("event") == event_id and vote.get("district") == district:
            return unused.pop(i)
    return None


def _leading(tally: dict) -> list[str]:
    """The options with the most votes; none when nobody voted."""
    if not tally or not max(tally.values()):
        return []
    top = max(tally.values())
    return [o for o, n in tally.items() if n == top]


def _tally_text(tally: dict) -> str:
    return ";".join(f"{o}={n}" for o, n in tally.items())


def _bool(value) -> str:
    return "true" if value else "false"


def _statement(
    reg: str,
    sid: str,
    log: ClassLog,
    texts: _Texts,
    event_id: str,
    response: str,
    source: str,
    turn: int,
    session: ClassSession,
    mode: str,
    district: int | None,
    key: str,
    vote: dict | None,
) -> dict:
    h = log.header
    result: dict = {"response": response}
    if vote is not None:
        result["extensions"] = {
            f"{EXT}/tally": dict(vote["tally"]),
            f"{EXT}/adopted": vote.get("adopted"),
            f"{EXT}/locked": bool(vote["locked"]),
        }
    extensions = {
        f"{EXT}/turn": turn,
        f"{EXT}/seed": h["seed"],
        f"{EXT}/role": h["role"],
        f"{EXT}/mode": mode,
        f"{EXT}/decision-source": source,
    }
    if h.get("started"):
        extensions[f"{EXT}/game-started"] = _utc(h["started"])
    district_id = texts.district_id(district)
    if district_id is not None:
        extensions[f"{EXT}/district"] = district_id
    context = {
        "registration": reg,
        "language": LANG_TAGS.get(session.lang, "es-MX"),
        "platform": f"Plaza {h.get('plaza', __version__)}",
        "revision": h["content_hash"],
        "contextActivities": {
            "parent": [{"id": f"{HOME}/xapi/level/{h['level']}", "objectType": "Activity"}],
            "grouping": [{"id": f"{HOME}/xapi/session/{sid}", "objectType": "Activity"}],
        },
        "extensions": extensions,
    }
    statement = {
        "id": str(uuid.uuid5(uuid.UUID(reg), f"{log.group}|{log.path.name}|{key}")),
        # the group (or seat) is a Group identified by its label in the class; its students are never named, so an
        # Identified Group without `member`
        "actor": {
            "objectType": "Group",
            "name": log.group,
            "account": {"homePage": f"{HOME}/class/{sid}", "name": log.group},
        },
        "verb": {"id": ANSWERED, "display": {"en-US": "answered", "es-MX": "respondió"}},
        "object": {
            "objectType": "Activity",
            "id": f"{HOME}/xapi/event/{event_id}",
            "definition": texts.definition(event_id),
        },
        "result": result,
        "context": context,
    }
    when = h.get("started") or session.created  # logs do not time each decision: when its game's log was started
    if when:
        statement["timestamp"] = _utc(when)
    return statement


def _utc(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except ValueError:
        return text


# --- turns.csv ------------------------------------------------------------------------------------------------


def turn_rows(logs: list[ClassLog], session: ClassSession, content) -> tuple[list[dict], list[str]]:
    """The rows of turns.csv, one per group per turn, and its columns (TURN_COLUMNS, then every indicator seen)."""
    rows: list[dict] = []
    indicator_columns: dict[str, None] = {}
    for log in logs:
        h = log.header
        level = content.levels.get(h["level"])
        districts = [d.id for d in level.districts] if level else []
        for turn in log.turns:
            votes = turn.get("votes", [])
            shares = [
                v["tally"].get(v.get("adopted"), 0) / sum(v["tally"].values())
                for v in votes
                if v.get("adopted") is not None and sum(v["tally"].values()) > 0
            ]
            row = {
                "session_id": h.get("session") or session.id,
                "scenario_id": h["level"],
                "scenario_rev": h["content_hash"],
                "seed": h["seed"],
                "mode": h.get("mode", session.mode),
                "group_id": log.group,
                "role": h["role"],
                "turn": turn["turn"],
                "measures": ";".join(_where(c["measure"], c.get("district")) for c in turn["commands"]),
                "rejected": ";".join(_where(c["measure"], c.get("district")) for c in turn["rejected"]),
                "n_events": len(turn["events"]),
                "choices": ";".join(
                    f"{_where(e['event'], e.get('district'))}={e.get('option') or ''}" for e in turn["events"]
                ),
                "n_votes": len(votes) if votes else "",
                "n_ballots": sum(sum(v["tally"].values()) for v in votes) if votes else "",
                "share_adopted": round(sum(shares) / len(shares), 4) if shares else "",
                "bot": h.get("bot", ""),
                "log_file": log.path.name,
            }
            for name, value in turn["indicators"].items():
                if isinstance(value, list):
                    for i, v in enumerate(value):
                        column = f"{name}[{districts[i] if i < len(districts) else i}]"
                        indicator_columns.setdefault(column)
                        row[column] = v
                else:
                    indicator_columns.setdefault(name)
                    row[name] = value
            rows.append(row)
    return rows, [*TURN_COLUMNS, *indicator_columns]


def _where(ident: str, district: str | None) -> str:
    return f"{ident}@{district}" if district else ident
