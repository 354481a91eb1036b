"""Class logs: where each group's decision log goes, reading a class's logs back, and classes played by bots.

A class log is an ordinary decision log (game.session.log) whose header also carries the class session's id, the
group's (or seat's) label and the mode, and whose turns may carry the class's `votes`. Every group's log of a
session lands in one folder, `<data_dir>/classroom/<session id>/<group>.jsonl`.

Logs come back from students' machines and USB sticks, so `read_class_logs` keeps going past bad files: each one
gets a message naming it (not a log, truncated, a copy of another, from other content, another level…) and the
good logs still come back.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import numpy as np

from game.classfiles.problems import Problem
from game.session.log import DecisionLog, LogError, ModelVersionError, read_log

# The bots a class of bot logs cycles through (each group also gets its own random stream for event choices).
CLASS_BOTS = (
    "accountability",
    "citizen_campaign",
    "status_quo",
    "gated",
    "fear_management",
    "culture",
    "security_spending",
    "militia",
    "random",
)


def safe(group: str) -> str:
    """A label as a file name: letters (accents kept), digits, `-` and `_`; anything else becomes `_`."""
    text = unicodedata.normalize("NFC", str(group)).strip()
    out = []
    for ch in text:
        if ch.isalnum() or ch in "-_":
            out.append(ch)
        elif out and out[-1] != "_":
            out.append("_")
    name = "".join(out).strip("_")[:48] or "group"
    # Windows opens no file called CON, AUX, NUL, COM1… whatever its extension: a group called "Con" gets "Con_".
    return f"{name}_" if name.upper() in _WINDOWS_DEVICES else name


_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def class_log_path(folder: str | os.PathLike, session, group: str) -> Path:
    """`folder / session.id / f"{safe(group)}.jsonl"` (DecisionLog.open adds -2, -3… when that is taken)."""
    return Path(folder) / session.id / f"{safe(group)}.jsonl"


def class_header(session, group: str) -> dict:
    """The optional header fields of a class log: `DecisionLog.open(..., extra_header=class_header(s, g))`."""
    return {"session": session.id, "group": str(group).strip(), "mode": session.mode}


def vote_source(vote: dict) -> str:
    """How a class vote's option was adopted, as the class data reports it: a vote in which nobody voted (every
    count 0) was the teacher's decision, whatever the game logged (it logged such a vote as a tie broken)."""
    if not sum((vote.get("tally") or {}).values()):
        return "teacher"
    return str(vote.get("source"))


@dataclass
class ClassLog:
    path: Path
    header: dict
    turns: list[dict]
    group: str  # the header's `group`, or the file's name without .jsonl
    truncated: str | None = field(default=None, repr=False)

    @property
    def session_id(self) -> str | None:
        return self.header.get("session")

    @property
    def mode(self) -> str:
        return self.header.get("mode", "groups")

    @property
    def votes(self) -> list[dict]:
        """Every vote in the log, each with its `turn` added."""
        return [{**v, "turn": t["turn"]} for t in self.turns for v in t.get("votes", [])]


def read_class_logs(
    paths_or_folders: Iterable[str | os.PathLike] | str | os.PathLike, content=None, *, verify: bool = False
) -> tuple[list[ClassLog], list[str]]:
    """Read every `*.jsonl` under the given folders (recursively) and the given files.

    Returns (good logs, problems); each problem is one message naming its file. Skipped: files that are not logs
    (or malformed), logs with no finished turn, copies of another log (same header and turns, or the same header
    and the start of its turns), logs made with
    other content (this `content` when given, else the content most logs share) and logs of another level than
    most. Kept with a note: logs whose last line was cut off (their complete turns are used). With `verify`
    (needs `content`), every log is also replayed and one that does not replay (a hand-edited log) is skipped.
    """
    if isinstance(paths_or_folders, str | os.PathLike):
        paths_or_folders = [paths_or_folders]
    problems: list[str] = []
    files: list[Path] = []
    seen_files: set[Path] = set()
    for given in paths_or_folders:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.jsonl") if p.is_file())
            if not found:
                problems.append(
                    Problem("empty_folder", f"{path}: no decision logs (*.jsonl) in this folder", file=path)
                )
            candidates = found
        elif path.exists():
            candidates = [path]
        else:
            problems.append(Problem("missing", f"{path}: no such file or folder", file=path))
            continue
        for p in candidates:
            key = p.resolve()
            if key not in seen_files:
                seen_files.add(key)
                files.append(p)

    logs: list[ClassLog] = []
    copies: dict[str, list[_Read]] = {}
    for path in files:
        try:
            contents = read_log(path)
        except LogError as exc:
            problems.append(_unreadable(exc, path))
            continue
        if not contents.turns:
            if contents.truncated:
                problems.append(Problem("cut_empty", f"{contents.truncated}; skipped", file=path))
            else:
                problems.append(
                    Problem(
                        "no_turns", f"{path}: no finished turn (the game was opened and closed); skipped", file=path
                    )
                )
            continue
        original = _copy_of(path, contents.header, contents.turns, copies)
        if original is not None:
            problems.append(
                Problem(
                    "copy",
                    f"{path}: a copy of {original} (same header and turns); skipped",
                    file=path,
                    other=original,
                )
            )
            continue
        header = contents.header
        group = header.get("group") or path.stem
        logs.append(ClassLog(path, header, contents.turns, group, contents.truncated))

    logs = _one_per_game(logs, problems)
    if logs:
        if content is not None:
            wanted_hash = content.content_hash
            whose, kind = "this Plaza has", "other_content"
        else:
            wanted_hash = _most_common([g.header["content_hash"] for g in logs])
            whose, kind = "the other logs have", "other_content_logs"
        kept = []
        for log in logs:
            if log.header["content_hash"] != wanted_hash:
                problems.append(
                    Problem(
                        kind,
                        f"{log.path}: made with other content (hash {log.header['content_hash']}, "
                        f"{whose} {wanted_hash}): another version of Plaza or changed levels; skipped",
                        file=log.path,
                    )
                )
            elif content is not None and log.header["level"] not in content.levels:
                problems.append(
                    Problem(
                        "unknown_level",
                        f"{log.path}: a game of level {log.header['level']!r}, which this Plaza does not have; skipped",
                        file=log.path,
                        level=log.header["level"],
                    )
                )
            else:
                kept.append(log)
        logs = kept
    if logs:
        level = _most_common([g.header["level"] for g in logs])
        kept = []
        for log in logs:
            if log.header["level"] != level:
                problems.append(
                    Problem(
                        "other_level",
                        f"{log.path}: a game of level {log.header['level']!r}; the other logs are of level "
                        f"{level!r}; skipped",
                        file=log.path,
                        level=log.header["level"],
                        most=level,
                    )
                )
            else:
                kept.append(log)
        logs = kept
    if verify and content is not None and logs:
        logs = _verified(logs, content, problems)
    problems += [
        Problem("cut_kept", f"{g.truncated}; the complete turns are used", file=g.path) for g in logs if g.truncated
    ]
    return logs, problems


def _unreadable(exc: LogError, path) -> Problem:
    """A file `read_log` refused: made under another model's rules, or not a log Plaza can read (the reason kept
    as `detail`, in the log reader's words)."""
    kind = "other_model" if isinstance(exc, ModelVersionError) else "unreadable"
    where = re.match(rf"{re.escape(str(path))}(:\d+)?:\s*", str(exc))  # the file, and its line when named
    detail = str(exc)[where.end() :] if where else str(exc)
    path = f"{path}{where.group(1) or ''}" if where else path
    return Problem(kind, f"{exc}; skipped", file=path, detail=detail)


@dataclass
class _Read:
    path: Path
    header: dict
    turns: list[dict]

    @cached_property
    def whole(self) -> str:  # the whole log as JSON, written out only when needed
        return json.dumps([self.header, self.turns], sort_keys=True, ensure_ascii=False)


def _copy_of(path: Path, header: dict, turns: list[dict], seen: dict[str, list[_Read]]) -> Path | None:
    """The first log read with the same header and turns (the same JSON), else None, and this log is noted in
    `seen`. A whole log is written out as JSON only when one read before has its header and number of turns."""
    mine = _Read(path, header, turns)
    same = seen.setdefault(json.dumps([header, len(turns)], sort_keys=True, ensure_ascii=False), [])
    original = next((other.path for other in same if other.whole == mine.whole), None)
    if original is None:
        same.append(mine)
    return original


def _one_per_game(logs: list[ClassLog], problems: list[str]) -> list[ClassLog]:
    """One log per game. Logs whose headers agree apart from when they started are the same group's game: a game
    resumed after a crash or from a save writes a new log that starts with the turns already played, under the
    same `game` id. Of these, a log whose turns are the start of another's is skipped (an earlier part, or a copy
    cut short), and so is, among logs with the same `game` id, every one but the longest (a game resumed from an
    older save and played on differently). Logs from before games had an id are matched by their turns only."""
    by_header: dict[str, list[ClassLog]] = {}
    for log in logs:
        header = {k: v for k, v in log.header.items() if k != "started"}
        by_header.setdefault(json.dumps(header, sort_keys=True, ensure_ascii=False), []).append(log)
    dropped: set[int] = set()
    for same in by_header.values():
        longest = max(same, key=lambda g: (len(g.turns), g.header.get("started") or "", str(g.path)))
        for log in same:
            longer = next(
                (o for o in same if len(o.turns) > len(log.turns) and o.turns[: len(log.turns)] == log.turns), None
            )
            if longer is not None:
                dropped.add(id(log))
                problems.append(
                    Problem(
                        "earlier_copy",
                        f"{log.path}: an earlier or cut-short copy of {longer.path} (its {len(log.turns)} "
                        f"turn{'s' if len(log.turns) != 1 else ''} are the start of that log: the same game, "
                        "counted once); skipped",
                        file=log.path,
                        other=longer.path,
                        count=len(log.turns),
                    )
                )
            elif log is not longest and log.header.get("game"):
                dropped.add(id(log))
                problems.append(
                    Problem(
                        "earlier_part",
                        f"{log.path}: an earlier part of the same game as {longest.path} (resumed from a save and "
                        "played on differently: the same game id); counted once, skipped",
                        file=log.path,
                        other=longest.path,
                    )
                )
    return [g for g in logs if id(g) not in dropped]


def _most_common(values: list[str]) -> str:
    """The most frequent value; among equally frequent ones, the first met."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _verified(logs: list[ClassLog], content, problems: list[str]) -> list[ClassLog]:
    from game.session.replay import replay_turns, start_session

    kept = []
    for log in logs:
        try:
            session = start_session(content, log.header, str(log.path), "log")
            _, divergence = replay_turns(session, log.turns)
        except LogError as exc:
            problems.append(_unreadable(exc, log.path))
            continue
        if divergence is not None:
            problems.append(
                Problem(
                    "edited",
                    f"{log.path}: does not replay to the same game ({divergence.message}); was it edited? skipped",
                    file=log.path,
                    turn=divergence.turn,
                )
            )
            continue
        kept.append(log)
    return kept


def match_session(logs: list[ClassLog], session) -> tuple[list[ClassLog], list[str]]:
    """Keep the logs that belong to `session` (same session id when the log has one; same level, role and seed
    in any case); a message naming each other file."""
    good: list[ClassLog] = []
    problems: list[str] = []
    for log in logs:
        h = log.header
        if h.get("session") not in (None, session.id):
            problems.append(
                Problem(
                    "other_session",
                    f"{log.path}: belongs to session {h['session']}, not {session.id}; skipped",
                    file=log.path,
                    session=h["session"],
                    wanted=session.id,
                )
            )
        elif (h["level"], h["role"], h["seed"]) != (session.level, session.role, session.seed):
            problems.append(
                Problem(
                    "other_scenario",
                    f"{log.path}: a game of {h['level']} ({h['role']}, seed {h['seed']}), not of this "
                    f"session's {session.level} ({session.role}, seed {session.seed}); skipped",
                    file=log.path,
                    level=h["level"],
                    seed=h["seed"],
                    wanted_level=session.level,
                    wanted_seed=session.seed,
                )
            )
        else:
            good.append(log)
    return good, problems


# --- classes played by bots -----------------------------------------------------------------------------------


def write_bot_class(
    content,
    session,
    folder: str | os.PathLike,
    bots: Sequence[str] = CLASS_BOTS,
    *,
    seats: int = 25,
    started: datetime | None = None,
) -> list[Path]:
    """Play one game per group of `session` with bots and write each as a class log under `folder`
    (`class_log_path(folder, session, group)`); returns the paths, in the order of the groups.

    Group i is played by `bots[i % len(bots)]` with its own random stream for event choices, so groups with the
    same bot still differ. In class_vote mode each turn also gets plausible `votes`: for every event with two or
    more options, a tally over `seats` voters that the adopted option wins by majority (sometimes a tie the
    teacher broke, sometimes a teacher's pick against the count).
    """
    from game.bots import BOTS
    from game.session.session import GameSession

    unknown = [b for b in bots if b not in BOTS]
    if not bots or unknown:
        raise ValueError(f"no bot called {unknown[0]!r}; bots: {', '.join(BOTS)}" if unknown else "no bots given")
    level = content.levels[session.level]
    paths = []
    for i, group in enumerate(session.groups):
        name = bots[i % len(bots)]
        bot = BOTS[name]()
        game = GameSession(
            content,
            session.level,
            session.role,
            session.seed,
            explain=False,
            turns=None if session.turns == level.turns else session.turns,
        )
        game.bot_rng = np.random.default_rng([session.seed, i, 0xC1A55])  # not part of the replay: choices are
        vote_rng = np.random.default_rng([session.seed, i, 0xB0A7])  # logged, bots' draws are not
        voting = session.mode == "class_vote"
        path = class_log_path(folder, session, group)
        with DecisionLog.open(path, game, bot=name, started=started, extra_header=class_header(session, group)) as log:
            while not game.finished:
                votes: list[dict] | None = [] if voting else None
                _answer(game.begin_turn(), bot, game, votes, seats, vote_rng)
                _answer(game.submit(bot.decide(game, game.bot_rng)), bot, game, votes, seats, vote_rng)
                _answer(game.advance(), bot, game, votes, seats, vote_rng)
                record = game.finish_turn()
                log.write_turn(record, votes=votes)
            paths.append(Path(log.path))
    return paths


def _answer(run, bot, game, votes: list[dict] | None, seats: int, vote_rng: np.random.Generator) -> None:
    while (occ := run.next()) is not None:
        option = bot.choose(occ, game.bot_rng)
        if votes is not None and option is not None and len(occ.enabled) >= 2:
            votes.append(_ballot(occ, option, seats, vote_rng))
        run.choose(option, by="auto")


def _ballot(occ, adopted: str, seats: int, rng: np.random.Generator) -> dict:
    """A plausible class vote on `occ` that ends with `adopted`."""
    options = [o.id for o in occ.enabled]
    a = options.index(adopted)
    k = len(options)
    voters = max(k + 1, seats - int(rng.integers(0, 3)))  # a few abstain
    counts = rng.multinomial(voters, rng.dirichlet(np.full(k, 1.5))).astype(int)
    roll = rng.random()
    others = [j for j in range(k) if j != a]
    if roll < 0.08:  # the teacher picked against the count (counting hands, or a point to discuss)
        source = "teacher"
        top = max(others, key=lambda j: counts[j])
        if counts[a] >= counts[top]:
            counts[a], counts[top] = counts[top], counts[a]
            if counts[a] == counts[top]:
                counts[top] += 1
                counts[a] = max(0, counts[a] - 1)
    elif roll < 0.14:  # a tie at the top, broken by the teacher
        source = "tie_break"
        b = others[int(rng.integers(0, len(others)))]
        share = voters // 2 if k == 2 else max(1, voters // k + 1)
        counts[:] = 0
        counts[a] = counts[b] = share
        rest = voters - 2 * share
        for j in others:
            if j != b and rest > 0:
                counts[j] = min(rest, int(rng.integers(0, share)))
                rest -= counts[j]
    else:  # the majority (the largest count) adopted
        source = "majority"
        top = int(np.argmax(counts))
        counts[a], counts[top] = counts[top], counts[a]
        for j in others:
            if counts[j] >= counts[a]:
                counts[a] += 1
                counts[j] -= 1
    return {
        "event": occ.event.id,
        "district": occ.district,
        "tally": {o: int(c) for o, c in zip(options, counts, strict=True)},
        "adopted": adopted,
        "source": source,
        "locked": bool(rng.random() < 0.85),
    }


def replay_round(vote: dict) -> dict[str, int] | None:
    """A class vote's tally rebuilt from its `round` (phones voting, Students join): each phone's vote adds one to
    its option, each count the teacher typed sets it; None for a vote without a round (counted by hand).
    The log is right when this equals the vote's `tally`."""
    steps = (vote.get("round") or {}).get("steps")
    if not isinstance(steps, list):
        return None
    tally = {option: 0 for option in vote.get("tally") or {}}
    for step in steps:
        option = step.get("option") if isinstance(step, dict) else None
        if option not in tally:
            continue
        if step.get("do") == "phone":
            tally[option] += 1
        elif step.get("do") == "set" and isinstance(step.get("count"), int):
            tally[option] = step["count"]
    return tally
