"""A game in progress: commands in, model and events stepped, turn records, logs, saves and replay."""
