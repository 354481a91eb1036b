"""The join address as a QR code: segno's modules, dark or light, with the quiet zone around them (the projector
paints them as squares; a phone's camera reads them)."""

from __future__ import annotations

import segno


def modules(text: str, border: int = 4) -> list[list[bool]]:
    """Rows of modules (True: dark), medium error correction, quiet zone of `border` modules included."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]
