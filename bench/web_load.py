"""Students join under load (issue 16): 300 phones on 127.0.0.1 join the class web server, wait for the card on
their WebSocket and vote at once. Prints the votes lost (a vote the server accepted that never reached the
projector, plus votes refused or failed: must be 0) and two latencies, 50th and 95th percentile in ms:

  projector update — from a phone sending its vote to the projector's thread holding it (the room wakes it, as
                     the game's window is woken by a posted event; the game then draws it in its next frame);
  phone update     — from the projector opening a round to each phone's WebSocket receiving the card.

    uv run python bench/web_load.py                # 300 phones
    uv run python bench/web_load.py --phones 50
    uv run python bench/web_load.py --spread 10   # the phones vote over ten seconds, as a class reads the card

The phones run in a child process (they are other machines in a classroom); both processes read the same
monotonic clock. All the phones share one address here, so the per-address limit is raised for the run (a
classroom's phones each have their own). Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import statistics
import sys
import threading
import time

from websockets.asyncio.client import connect

from game.classweb.app import create_app
from game.classweb.limits import Limits
from game.classweb.room import Room
from game.classweb.server import LOOPBACK, ClassServer
from game.classweb.views import CardView, OptionView

CODE = "BNCH-0000-LOAD"
GROUPS = [f"G{i}" for i in range(1, 11)]


def bench_card() -> CardView:
    options = tuple(
        OptionView(f"o{i}", "ABC"[i], {"en": f"Option {i}", "es": f"Opción {i}"}, None, True) for i in range(3)
    )
    return CardView("load", {"en": "Load", "es": "Carga"}, {"en": "", "es": ""}, {"en": "", "es": ""}, 1, 1, options)


# --- the phones (child process) --------------------------------------------------------------------------------


class Line:
    """A phone's HTTP/1.1 connection, kept alive: one request written at once, its JSON answer read back (lighter
    than a full client library, so the phones' own cost on this machine stays small, as on real phones)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Line:
        return cls(*await asyncio.open_connection(host, port))

    async def post(self, path: str, data: dict) -> tuple[int, dict]:
        body = json.dumps(data).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, json.loads(await self.reader.readexactly(length))

    def close(self) -> None:
        self.writer.close()


async def phone(i: int, host: str, port: int, joined: list, spread: float) -> dict:
    line = await Line.open(host, port)
    try:
        status, answer = await line.post("/join", {"code": CODE, "group": GROUPS[i % len(GROUPS)], "lang": "en"})
        if status != 200:
            return {"error": f"join {status}"}
        token = answer["token"]
        out: dict = {"token": token}
        async with connect(f"ws://{host}:{port}/live?token={token}", max_size=2**20) as ws:
            json.loads(await ws.recv())  # the state on connecting: waiting
            joined.append(i)
            state = json.loads(await ws.recv())
            while state["phase"] != "voting":
                state = json.loads(await ws.recv())
            out["card_at"] = time.monotonic()
            if spread:
                await asyncio.sleep(random.Random(i).uniform(0, spread))  # reading the card before voting
            out["sent_at"] = time.monotonic()
            line.close()  # a fresh connection, as a browser opens when its idle one was closed (the server keeps 5 s)
            line = await Line.open(host, port)
            out["status"], _ = await line.post(
                "/vote", {"token": token, "round": state["round"], "option": f"o{i % 3}"}
            )
        return out
    finally:
        line.close()


async def phones(n: int, host: str, port: int, to_main, spread: float) -> list[dict]:
    joined: list[int] = []
    tasks = [asyncio.create_task(phone(i, host, port, joined, spread)) for i in range(n)]
    while len(joined) < n and not all(t.done() for t in tasks):
        await asyncio.sleep(0.05)
    to_main.put(len(joined))  # every phone is on its WebSocket: the projector may open the round
    done = await asyncio.gather(*tasks, return_exceptions=True)
    return [d if isinstance(d, dict) else {"error": repr(d)} for d in done]


def run_phones(n: int, host: str, port: int, to_main, results, spread: float) -> None:
    results.put(asyncio.run(phones(n, host, port, to_main, spread)))


# --- the projector (this process) ------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phones", type=int, default=300)
    ap.add_argument("--spread", type=float, default=0.0, help="seconds over which the phones vote (0: all at once)")
    args = ap.parse_args()
    n = args.phones
    room = Room(CODE, GROUPS, Limits(per_address=10**6, wrong_codes=10**6, max_devices=n + 10))
    server = ClassServer(create_app(room, {}, "es"), LOOPBACK, max_connections=4 * n)
    if not server.start():
        print("the server did not start")
        return 1
    seen: dict[str, float] = {}
    arrived: dict[str, float] = {}  # when the server took each vote
    opened_at = [0.0]
    woken = threading.Event()
    room.listen(lambda token: woken.set())
    stop = threading.Event()

    def projector() -> None:  # as the game's window: woken by the room, it takes the new votes
        while not stop.is_set():
            woken.wait(0.5)
            woken.clear()
            for ballot in room.drain():
                seen[ballot.device] = time.monotonic()
                arrived[ballot.device] = opened_at[0] + ballot.at

    thread = threading.Thread(target=projector, daemon=True)
    thread.start()
    ctx = multiprocessing.get_context("spawn")
    to_main, results = ctx.Queue(), ctx.Queue()
    child = ctx.Process(target=run_phones, args=(n, server.host, server.port, to_main, results, args.spread))
    started = time.monotonic()
    child.start()
    on_line = to_main.get(timeout=300)
    joined_s = time.monotonic() - started
    opened_at[0] = time.monotonic()
    room.open_round(bench_card())
    done = results.get(timeout=300)
    child.join(30)
    time.sleep(0.5)  # the last wake
    stop.set()
    server.stop()

    accepted = [d for d in done if d.get("status") == 200]
    failed = len(done) - len(accepted)
    devices = {d["token"]: room.device(d["token"]).id for d in accepted}
    missing = [t for t in devices if devices[t] not in seen]
    projector_ms = [1000 * (seen[devices[d["token"]]] - d["sent_at"]) for d in accepted if devices[d["token"]] in seen]
    phone_ms = [1000 * (d["card_at"] - opened_at[0]) for d in done if "card_at" in d]
    inside_ms = [1000 * (seen[k] - arrived[k]) for k in seen]
    transit_ms = [1000 * (arrived[devices[d["token"]]] - d["sent_at"]) for d in accepted if devices[d["token"]] in seen]

    def pct(values: list[float], q: int) -> str:
        if not values:
            return "—"
        return f"{statistics.quantiles(values, n=100, method='inclusive')[q - 1]:.1f}"

    print(f"phones: {n}, voting {'all at once' if not args.spread else f'over {args.spread:g} s'}")
    print(f"on their WebSocket: {on_line} (join took {joined_s:.1f} s)")
    print(f"votes accepted: {len(accepted)}, refused or failed: {failed}, not at the projector: {len(missing)}")
    print(f"votes lost: {failed + len(missing)}")
    print(f"projector update latency (ms): p50 {pct(projector_ms, 50)}, p95 {pct(projector_ms, 95)}")
    print(f"  of which the request reaching the server (ms): p50 {pct(transit_ms, 50)}, p95 {pct(transit_ms, 95)}")
    print(f"  and the server's vote reaching the projector (ms): p50 {pct(inside_ms, 50)}, p95 {pct(inside_ms, 95)}")
    print(f"phone update latency, card to phones (ms): p50 {pct(phone_ms, 50)}, p95 {pct(phone_ms, 95)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
