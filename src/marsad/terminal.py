"""Text bound for a terminal: titles, outlets, file names and article text come from the web
and from other people's disks, and an escape sequence in them must not drive the terminal
(move the cursor, rewrite earlier lines, set the window title)."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and the C1 controls (ESC, CSI, OSC... start sequences).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\t\n\u2028\u2029]+")


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """``text`` without control characters; with ``one_line``, line breaks and tabs become
    one space (a field, a file name, a problem line)."""
    text = _CONTROL.sub("", text)
    return _BREAKS.sub(" ", text) if one_line else text
