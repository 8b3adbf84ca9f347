"""The ledger of a fault run: one :class:`Row` per scenario (each input's outcome counted) and
the table the README and ``make bench`` print (see ``scenarios``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One line of the fault table."""

    scenario: str
    inputs: int = 0
    indexed: int = 0
    dead_lettered: int = 0
    lost: int = 0
    duplicated: int = 0
    unexpected: int = 0
    restarts: int = 0
    lag: int = 0
    seconds: float = 0.0
    events_wrong: int = 0
    #: Copies of a letter published again after a crash (read as one failure).
    repeated_letters: int = 0
    note: str = ""
    problems: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        """What to say below the table about this row."""
        repeated = f"{self.repeated_letters} letters published again after a crash, read once"
        return [note for note in (self.note, repeated if self.repeated_letters else "") if note]

    @property
    def ok(self) -> bool:
        """The invariant held: nothing lost or duplicated, nothing unexpected, lag back to 0."""
        return not (
            self.lost or self.duplicated or self.unexpected or self.lag or self.events_wrong
        )


COLUMNS = [
    ("scenario", "scenario"),
    ("inputs", "inputs"),
    ("indexed", "indexed"),
    ("dead-lettered", "dead_lettered"),
    ("lost", "lost"),
    ("duplicated", "duplicated"),
    ("restarts", "restarts"),
    ("lag after", "lag"),
    ("seconds", "seconds"),
]


def format_table(rows: list[Row], *, markdown: bool = False) -> str:
    """The fault table, aligned for a terminal or as a Markdown table."""
    cells = [[name for name, _ in COLUMNS]]
    for row in rows:
        values = [getattr(row, attr) for _, attr in COLUMNS]
        cells.append([f"{v:.0f}" if isinstance(v, float) else str(v) for v in values])
    if markdown:
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(COLUMNS)]
        return "\n".join(lines + ["| " + " | ".join(c) + " |" for c in cells[1:]])
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    )
