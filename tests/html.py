"""Reading rendered pages the way a reader does: the text of a section, the rows of a table."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "cite",
    "code",
    "em",
    "i",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
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
        elif self.cell is not None and tag not in _INLINE:
            self.cell.append(" ")
        if tag not in _INLINE:
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
        elif self.cell is not None and tag not in _INLINE:
            self.cell.append(" ")
        if tag not in _INLINE:
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


class _ClassCollector(HTMLParser):
    """The text of every element whose class list holds ``class_name`` (sources boxes left out)."""

    def __init__(self, class_name: str):
        super().__init__(convert_charrefs=True)
        self.class_name = class_name
        self.depth = 0
        self.details = 0
        self.items: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        if self.depth == 0:
            if self.class_name in (dict(attrs).get("class") or "").split():
                self.depth = 1
                self.items.append([])
            return
        self.depth += 1
        if tag == "details":
            self.details += 1
        if tag not in _INLINE:
            self.items[-1].append(" ")

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in _VOID:
            return
        self.depth -= 1
        if tag == "details":
            self.details -= 1
        if tag not in _INLINE and self.depth:
            self.items[-1].append(" ")

    def handle_data(self, data):
        if self.depth and not self.details:
            self.items[-1].append(data)


def texts_of_class(html: str, class_name: str) -> list[str]:
    """The text of each element of class ``class_name``, in page order."""
    collector = _ClassCollector(class_name)
    collector.feed(html)
    return [squash("".join(parts)) for parts in collector.items]
