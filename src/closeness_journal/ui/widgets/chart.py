"""A textual-plotext plot whose text reaches Textual without Rich's ANSI decoding: plotext writes
its chart with a colour code around nearly every cell (about 1,800 codes for the Patterns screen's
first chart), and `Text.from_ansi` decoded them one by one, taking about as long as plotext's
own drawing. Here each line is cut at the codes once and each code's style worked out once (the
same few recur), into the same `Content` Textual made of the decoded text."""

from __future__ import annotations

import re
from functools import lru_cache

from rich.ansi import AnsiDecoder
from rich.style import Style as RichStyle
from rich.terminal_theme import TerminalTheme
from rich.text import Text
from textual.content import Content, Span
from textual.style import Style
from textual_plotext import PlotextPlot

_CODE = re.compile(r"\x1b\[([0-9;]*)m")
"""A colour or style code (SGR), as plotext writes them."""
_OTHER = re.compile(r"\x1b(?!\[[0-9;]*m)|\r")
"""Any other control a terminal would read: such text is left to Rich's decoding."""


def plotted(ansi: str, theme: TerminalTheme | None = None) -> Content | None:
    """`ansi` as Textual makes it of `Text.from_ansi(ansi)` (with the app's `ansi_theme`); None if
    it holds other controls than colours and styles."""
    if _OTHER.search(ansi):
        return None
    plain: list[str] = []
    spans: list[Span] = []
    offset = 0
    style: RichStyle | None = None  # a style goes on from one line to the next, as in Rich's decoder
    for number, line in enumerate(ansi.split("\n")):
        if number:
            plain.append("\n")
            offset += 1
        for index, part in enumerate(_CODE.split(line)):
            if index % 2:
                style = _after(style, part)
            elif part:
                plain.append(part)
                if style is not None:
                    spans.append(Span(offset, offset + len(part), _textual(style, theme)))
                offset += len(part)
    return Content("".join(plain), spans)


@lru_cache(maxsize=1024)
def _after(style: RichStyle | None, codes: str) -> RichStyle | None:
    """The style after `codes`, as Rich's ANSI decoder works it out from `style` (None: no style)."""
    decoder = AnsiDecoder()
    decoder.style = style or RichStyle.null()
    decoder.decode_line(f"\x1b[{codes}m")
    return decoder.style or None


@lru_cache(maxsize=1024)
def _textual(style: RichStyle, theme: TerminalTheme | None) -> Style:
    return Style.from_rich_style(style, theme)


class Chart(PlotextPlot):
    """A plotext plot drawn through `plotted` (through Rich's decoding only text it can't cut)."""

    def render(self) -> Content | Text:
        # As PlotextPlot.render, but for its last step.
        self._plot.plotsize(self.size.width, self.size.height)
        self._plot._set_size(self.size.width, self.size.height)
        self._plot.theme(self._get_plotext_theme_name(self.app.theme))
        ansi = self._plot.build()
        return plotted(ansi, self.app.ansi_theme) or Text.from_ansi(ansi)
