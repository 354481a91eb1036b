"""Classroom sessions: one scenario for a whole class, its short code, class logs, exports and reports.

Pure Python (numpy allowed), no pygame: the desktop game, the command line and the tests all use these modules.

- `session`  — ClassSession, the session file and the 12-character session code;
- `logs`     — where class logs go, reading a folder of them with a clear message per bad file, bot classes;
- `export`   — decisions.csv, turns.csv, statements.jsonl (xAPI) and session.json for a teacher or researcher.
"""
