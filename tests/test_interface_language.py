"""A Russian or Korean reader never meets an English label.

Every page of the demo (``tests/a11y_pages.py``) is rendered in Russian and in Korean as the role
that sees it. Its visible text (text nodes, and the attributes that are read or shown: ``title``,
``aria-label``, ``alt``, ``placeholder``, ``data-label``, the ``value`` of buttons) is searched for
runs of Latin words. A run is the record's own data when it appears, as written, in some text
field of the database (names, titles, English texts that have no translation); anything else is
interface text left in English. Text inside an element that declares another language
(``lang="en"``: a value shown in English because no translation is recorded) is data by
declaration and not searched.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from tests.a11y_pages import ROLES, demo_pages, load_demo

# Words that are the same in every language of the interface.
INTERNATIONAL = {
    "Plenary",
    "UTC",
    "ISO",
    "PDF",
    "DOCX",
    "CSV",
    "XLSX",
    "HTML",
    "URL",
    "ID",
    "COVID",
    "OK",
    "E-mail",
    # File formats, programs and keys named as they are everywhere
    "UTF",
    "html",
    "txt",
    "docx",
    "Word",
    "Excel",
    "PowerPoint",
    "OpenDocument",
    "ODT",
    "PPTX",
    "JPEG",
    "PNG",
    "MB",
    "Ctrl",
    "Cmd",
    "Mac",
    "YYYY-MM-DD",
    # A meeting format as the reviewer of a report types it (the help text names the keys)
    "hybrid",
    # ISO 4217 currency codes
    "EUR",
    "KRW",
    "USD",
}
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "data-label", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "template", "textarea"}
VOID = {
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
    "track",
    "wbr",
}
WORD = r"[A-Za-z][A-Za-z'’\-]*(?:\.[A-Za-z]+)*"
LATIN_RUN = re.compile(rf"{WORD}(?: {WORD})*")


class VisibleText(HTMLParser):
    """The text a reader meets in the page's own language."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, searched)
        self.language = language
        self.texts: list[str] = []

    @property
    def searched(self) -> bool:
        return self.stack[-1][1] if self.stack else True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        searched = self.searched and tag not in SKIPPED_ELEMENTS
        declared = attrs.get("lang")
        if declared is not None and tag != "html" and declared != self.language:
            searched = False
        if searched:
            self.texts += [attrs[name] or "" for name in READ_ATTRIBUTES if name in attrs]
            if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
                self.texts.append(attrs.get("value") or "")
        if tag not in VOID:
            self.stack.append((tag, searched))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.searched:
            self.texts.append(data)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def record_text() -> str:
    """Every value of every text field in the database, one per line; with the strings inside
    JSON fields (what the English-language report extractor proposed is the report's data)."""
    values: list[str] = []
    for model in apps.get_models():
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(
                field, models.CharField | models.TextField | models.SlugField | models.JSONField
            )
        ]
        if names:
            for row in model._default_manager.values_list(*names):
                values += [text for value in row for text in _strings(value)]
    return "\n".join(values)


def english_left(html: str, language: str, record: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    found = []
    for text in parser.texts:
        for run in LATIN_RUN.findall(" ".join(text.split())):
            run = run.strip(".-’' ")
            if len(run) < 2 or run in INTERNATIONAL or run in record:
                continue
            if all(word in INTERNATIONAL for word in run.split()):
                continue
            found.append(run)
    return found


@pytest.mark.django_db
def test_no_english_label_on_any_page_in_russian_or_korean():
    load_demo()
    pages = demo_pages()
    record = record_text()
    users = get_user_model().objects.in_bulk(
        [name for name in ROLES.values() if name], field_name="username"
    )
    found: dict[str, dict[str, list[str]]] = {}
    for language in ("ru", "ko"):
        clients = {}
        for role, username in ROLES.items():
            client = Client(HTTP_ACCEPT_LANGUAGE=language)
            if username:
                client.force_login(users[username])
            clients[role] = client
        found[language] = {}
        for page in pages:
            response = clients[page.role].get(page.url)
            assert response.status_code == page.status, page
            left = english_left(response.content.decode(), language, record)
            if left:
                found[language][str(page)] = sorted(set(left))
    listing = [
        f"{language}: {page}: {', '.join(runs)}"
        for language, pages_found in found.items()
        for page, runs in pages_found.items()
    ]
    assert listing == [], "English left in the interface:\n" + "\n".join(listing)
