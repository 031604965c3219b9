"""Reading rendered pages the way a reader does: the text of a section, the rows of a table."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Collector(HTMLParser):
    """Collects the text inside the element with ``id`` (leaving out ``<details>`` of sources),
    and the cells of each table row inside it."""

    def __init__(self, element_id: str, *, skip_details: bool):
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.skip_details = skip_details
        self.depth = 0  # depth inside the wanted element; 0 = outside
        self.details = 0
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.found = False

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            if dict(attrs).get("id") == self.element_id:
                self.depth, self.found = 1, True
            return
        if tag in _VOID:
            return
        self.depth += 1
        if tag == "details":
            self.details += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self.cell = []
        self.text.append(" ")

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in _VOID:
            return
        self.depth -= 1
        if tag == "details":
            self.details -= 1
        elif tag in {"td", "th"} and self.cell is not None and self.rows:
            self.rows[-1].append(squash("".join(self.cell)))
            self.cell = None
        self.text.append(" ")

    def handle_data(self, data):
        if self.depth == 0 or (self.skip_details and self.details):
            return
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def _collect(html: str, element_id: str, *, skip_details: bool = True) -> _Collector:
    collector = _Collector(element_id, skip_details=skip_details)
    collector.feed(html)
    if not collector.found:
        raise AssertionError(f"no element with id={element_id!r} on the page")
    return collector


def section_text(html: str, element_id: str, *, skip_details: bool = True) -> str:
    """The text a reader sees in the element ``element_id``, white space folded; the sources
    boxes (``<details>``) are left out unless ``skip_details`` is false."""
    return squash("".join(_collect(html, element_id, skip_details=skip_details).text))


def table_rows(html: str, element_id: str) -> list[list[str]]:
    """The cells of every table row inside the element ``element_id``, header rows included."""
    return _collect(html, element_id).rows
