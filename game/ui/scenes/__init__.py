"""One module per screen. Each scene reads the game through `app.play` and acts through its commands."""
