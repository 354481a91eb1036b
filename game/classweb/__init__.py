"""Students join: a small web server on the classroom network so every student votes on the projected card from
their own phone or laptop (issue 16). No pygame and no game.ui here: the projector (game.ui.scenes.projector)
owns the server, hands it the card and the last quarter's report as plain typed data (views), and reads the
phones' votes back.

  views   — what a phone sees: the card, its options and what each puts at stake, the last report (typed data)
  room    — the class's state behind the server: devices and their tokens, the round, one vote per device,
            thread-safe (the projector's thread and the server's thread both use it)
  limits  — bounded request sizes and token buckets per address, per device and for wrong codes
  app     — the Starlette application: the student page, join, vote, and a WebSocket for live updates
  server  — uvicorn in a background thread, on the classroom network's address and a free port
  qr      — the join address as a QR code (segno), as rows of dark and light modules
"""
