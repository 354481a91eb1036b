"""The class tools: the class report and the `plaza classroom`, `plaza report` and `plaza whatif` commands.

Pure Python (numpy allowed), no pygame. The class's files (session, logs, export) are in game.classfiles and the
replays and what-ifs in game.runs.whatif, below this package and the desktop game alike.

- `report`, `report_data`, `report_phases`, `report_whatif`, `report_charts` — the class report (templates/);
- `cli_classroom`, `cli_report` — the command-line front-ends (the cli layer).
"""
