"""The files a class leaves: its session file and code, each group's decision log, and their export.

Below both the class tools (game.classroom: `plaza classroom`, the class report) and the desktop game (game.ui:
the class screens, the projector, the tour), which read and write the same files. Pure Python (numpy allowed), no
pygame.

- `session`  — ClassSession, the session file and the 12-character session code;
- `codes`    — the session code's numbers: packing, check symbols, forgiving reading of what was typed;
- `logs`     — where class logs go, reading a folder of them with a clear message per bad file, bot classes;
- `export`   — decisions.csv, turns.csv, statements.jsonl (xAPI) and session.json for a teacher or researcher;
- `export_rows` — the rows of those files and the xAPI statements;
- `collect`  — a class's logs copied from another folder (a USB stick) into the session's folder;
- `report_made` — what making a class report tells the game window (the report itself is game.classroom's).
"""
