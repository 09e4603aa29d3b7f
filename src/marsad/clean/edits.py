"""An edit builder: cleaned text assembled from raw slices, with its offset map.

Every character appended carries the raw offset it came from (an inserted space or
newline carries the raw offset of the line break it replaces), so ``offset_map`` is correct
by construction rather than reconstructed afterwards.
"""

from __future__ import annotations


class EditBuilder:
    def __init__(self, raw_length: int) -> None:
        self._chars: list[str] = []
        self._map: list[int] = []
        self._raw_length = raw_length

    def __len__(self) -> int:
        return len(self._chars)

    def append(self, chars: str, raw_positions: list[int]) -> None:
        """Append characters with the raw offset of each."""
        if len(chars) != len(raw_positions):
            raise ValueError("each appended character needs exactly one raw position")
        self._chars.extend(chars)
        self._map.extend(raw_positions)

    def insert(self, char: str, raw_position: int) -> None:
        """Append a character that stands in for raw material (a joined line break)."""
        self._chars.append(char)
        self._map.append(min(raw_position, max(self._raw_length - 1, 0)))

    def text(self) -> str:
        return "".join(self._chars)

    def offset_map(self) -> list[int]:
        """Raw offset of each cleaned character, plus one final entry: the raw length."""
        return [*self._map, self._raw_length]
