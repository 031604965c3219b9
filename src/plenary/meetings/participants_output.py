"""A meeting's list of participants as files: PDF and Word (DOCX), and badges with place cards as
a PDF to print.

The files say what the page says (``participants.participants_of``), in the same order and the
same language. Fonts, language tags and the keeping of Korean words whole come from the outcome
documents' files (``documents.output``): the system's Noto families hold Latin, Cyrillic and
Hangul, and nothing is fetched over the network while a file is made.

Badges are credit-card size (85.6 × 54 mm), ten to an A4 sheet with cut lines; a place card is
an A4 sheet in landscape, folded along its middle into a tent, with the state's name on both
faces (the upper one upside down, so that it reads from across the table) and its ISO code in a
box where a flag would be.
"""

from __future__ import annotations

import io

import docx
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import slugify
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from plenary.common.templatetags.plenary import lang_of
from plenary.documents.output import (
    _PPR_AFTER_WORD_WRAP,
    DOCX_CONTENT_TYPE,
    GREY,
    LANGUAGE_TAGS,
    PDF_CONTENT_TYPE,
    SANS,
    _docx_styles,
    _run,
    _words,
)
from plenary.meetings.participants import Participant, ParticipantList

__all__ = [
    "DOCX_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "badges_pdf",
    "badges_print_html",
    "download_filename",
    "participants_docx",
    "participants_pdf",
    "participants_print_html",
]

BADGES_PER_SHEET = 10
# Longer state names are set smaller on place cards, so that they keep to two lines.
LONG_STATE_NAME = 22
PROVISIONAL_RED = RGBColor(0xB0, 0x00, 0x20)


def download_filename(plist: ParticipantList, kind: str, extension: str) -> str:
    """``participants-kca-14-ministerial-plenary-ru.pdf``: ASCII only, so that every browser and
    mail program keeps it."""
    meeting = plist.meeting
    title = slugify(meeting.title) or f"meeting-{meeting.pk}"
    return f"{kind}-{plist.forum.slug}-{plist.edition.number}-{title}-{plist.language}.{extension}"


# Text for print ----------------------------------------------------------------------------------


def _kept(text: str):
    """``text`` for the print page: Korean is broken only between words, so each Hangul word is
    kept whole by an unbreakable span (the renderer ignores ``word-break: keep-all``)."""
    if not text or lang_of(text) != "ko":
        return text
    return format_html_join("", '<span class="word">{}</span>{}', _words(text))


def _printed(person: Participant, plist: ParticipantList) -> dict:
    labels = plist.labels
    if person.role == "head":
        role = labels["head_of_delegation"]
    elif person.role == "expert":
        role = labels["expert"]
    else:
        role = labels["member"]
    return {
        "role": person.role,
        "role_label": _kept(role),
        "is_named": person.is_named,
        "name": _kept(person.name),
        "name_language": person.name_language,
        "default_name": person.default_name,
        "label": _kept(person.label),
        "label_language": person.name_language if person.is_named else person.office_language,
        "office": _kept(person.office),
        "office_language": person.office_language,
        "rank": _kept(person.rank),
        "state": _kept(person.state_name),
        "code": person.state_code,
    }


def _print_context(plist: ParticipantList) -> dict:
    return {
        "plist": plist,
        "meeting": plist.meeting,
        "title_language": lang_of(plist.meeting.title) or "en",
        "language": plist.language,
        "labels": {key: _kept(value) for key, value in plist.labels.items()},
        "forum_name": _kept(plist.forum_name),
        "when": _kept(plist.when),
        "place": _kept(plist.place),
        "delegations": [
            {
                "state": _kept(d.state_name),
                "code": d.state_code,
                "is_long": len(d.state_name) > LONG_STATE_NAME,
                "people": [_printed(p, plist) for p in d.participants],
            }
            for d in plist.delegations
        ],
        "experts": [_printed(p, plist) for p in plist.experts],
    }


def _pdf(html: str) -> bytes:
    # Imported here: loading Pango takes a moment and only the files need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The page and its fonts are all local: a reference to anything else stops the rendering.
    no_fetching = URLFetcher(allowed_protocols=(), fail_on_errors=True)
    return HTML(string=html, url_fetcher=no_fetching).write_pdf()


# The list as a PDF -------------------------------------------------------------------------------


def participants_print_html(plist: ParticipantList) -> str:
    return render_to_string("meetings/participants_print.html", _print_context(plist))


def participants_pdf(plist: ParticipantList) -> bytes:
    return _pdf(participants_print_html(plist))


# Badges and place cards --------------------------------------------------------------------------


def badges_print_html(plist: ParticipantList) -> str:
    context = _print_context(plist)
    people = [p for d in context["delegations"] for p in d["people"]] + context["experts"]
    context["sheets"] = [
        people[start : start + BADGES_PER_SHEET]
        for start in range(0, len(people), BADGES_PER_SHEET)
    ]
    return render_to_string("meetings/badges_print.html", context)


def badges_pdf(plist: ParticipantList) -> bytes:
    """One badge per person on the list (an office whose holder is not named gets a badge naming
    the office), then one place card per delegation."""
    return _pdf(badges_print_html(plist))


# The list as a Word file -------------------------------------------------------------------------


def _keep_words(paragraph) -> None:
    """Word breaks Korean between syllables unless told to keep words whole."""
    wrap = OxmlElement("w:wordWrap")
    wrap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(wrap, *_PPR_AFTER_WORD_WRAP)


def _text(paragraph, text: str, **style) -> None:
    """A run of ``text`` tagged with the language of its script: Hangul is Korean, Cyrillic is
    Russian, and anything else (a Latin name or office in a Korean list) is English."""
    _run(paragraph, text, language=lang_of(text) or "en", **style)


def _cell(cell, language: str, lines: list[tuple[str, dict]]) -> None:
    """Fill a table cell with ``lines`` of (text, run style), one paragraph each."""
    first = True
    for text, style in lines:
        if not text:
            continue
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.paragraph_format.space_after = Pt(1)
        if "ko" in (language, lang_of(text)):
            _keep_words(paragraph)
        _text(paragraph, text, **style)


def _person_rows(table, plist: ParticipantList, people: list[Participant]) -> None:
    language = plist.language
    labels = plist.labels
    for person in people:
        row = table.add_row()
        name_lines = [
            (person.label, {"bold": person.role == "head" and person.is_named, "size": 10.5})
        ]
        if not person.is_named:
            name_lines = [
                (person.office, {"size": 10.5}),
                (labels["name_not_recorded"], {"size": 8.5, "color": GREY}),
            ]
        elif person.default_name:
            name_lines.append((person.default_name, {"size": 8.5, "color": GREY}))
        _cell(row.cells[0], language, name_lines)
        if person.role == "head":
            role = labels["head_of_delegation"]
            if person.rank:
                role = f"{role} ({person.rank})"
            function_lines = [(role, {"bold": True, "size": 9.5})]
        else:
            function_lines = []
        if person.is_named:
            function_lines.append((person.office, {"size": 9.5}))
        if person.role == "expert" and person.state_name:
            function_lines.insert(0, (person.state_name, {"size": 9.5, "bold": True}))
        _cell(row.cells[1], language, function_lines)


def _table(doc, plist: ParticipantList, people: list[Participant]):
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, key in zip(table.rows[0].cells, ["name", "function"], strict=True):
        _cell(cell, plist.language, [(plist.labels[key], {"latin": SANS, "bold": True, "size": 9})])
    _person_rows(table, plist, people)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(7), Cm(9)
    return table


def _heading(doc, text: str, *, level: int) -> None:
    heading = doc.add_paragraph(style=f"Heading {level}")
    if lang_of(text) == "ko":
        _keep_words(heading)
    _text(heading, text, latin=SANS)


def participants_docx(plist: ParticipantList) -> bytes:
    """The list as a Word file: a heading per delegation with a table of its people, the head
    first, and a table of the experts."""
    language = plist.language
    labels = plist.labels
    doc = docx.Document()
    _docx_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))

    props = doc.core_properties
    props.title = f"{labels['list_of_participants']}: {plist.meeting.title}"
    props.subject = labels["list_of_participants"]
    props.author = props.last_modified_by = plist.forum.name
    props.comments = props.keywords = ""
    props.category = labels["list_of_participants"]
    props.language = LANGUAGE_TAGS.get(language, language)
    props.created = props.modified = timezone.now()
    props.revision = 1

    if plist.is_provisional:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(
            header,
            labels["provisional"],
            latin=SANS,
            bold=True,
            size=10,
            color=PROVISIONAL_RED,
        )

    eyebrow = doc.add_paragraph()
    eyebrow.paragraph_format.space_after = Pt(2)
    _text(eyebrow, plist.forum_name, latin=SANS, size=9, color=GREY)
    title = doc.add_paragraph(style="Title")
    _text(title, labels["list_of_participants"], latin=SANS)
    for key, value in [
        ("meeting", plist.meeting.title),
        ("date", plist.when),
        ("place", plist.place),
    ]:
        if not value:
            continue
        fact = doc.add_paragraph()
        fact.paragraph_format.space_after = Pt(0)
        _text(fact, f"{labels[key]}: ", latin=SANS, bold=True, size=10)
        _text(fact, value, size=10)
    if plist.is_provisional:
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(8)
        _text(
            note,
            labels["provisional"],
            bold=True,
            size=10,
            color=PROVISIONAL_RED,
        )

    if not plist.delegations:
        _text(doc.add_paragraph(), labels["no_delegations"])
    for delegation in plist.delegations:
        _heading(doc, delegation.state_name, level=1)
        _table(doc, plist, delegation.participants)
    if plist.experts:
        _heading(doc, labels["experts"], level=1)
        _table(doc, plist, list(plist.experts))

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
