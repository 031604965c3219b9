"""An outcome document's text as files to keep, send and print: Word (DOCX) and PDF.

Both files carry the same things: the title, kind, forum and edition, how and where the document
was adopted, and every language version of one version of its text, each language in its own
section with its title and numbered paragraphs, in the order of the forum's working languages.
All language versions of an adopted text are equally authentic, so none is left out. A text that
is not adopted is marked "DRAFT — not adopted" at the top and on every page. The words around
the text (labels, marks, notes) are in the language active when the file is made; the text itself
is the record's, in each of its languages.

Hangul and Cyrillic need fonts that hold them: the system's Noto families (Debian packages
``fonts-noto-core`` and ``fonts-noto-cjk``) are named here and in the print CSS. Nothing is
fetched over the network while a file is made.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from plenary.common.enums import Language
from plenary.common.templatetags.plenary import partial_date
from plenary.common.translations import localized
from plenary.documents.enums import VersionStatus
from plenary.documents.models import DocumentVersion, LanguageVersion, OutcomeDocument
from plenary.documents.rules import can_view_document

DRAFT_MARK = gettext_lazy("DRAFT — not adopted")
DEMO_NOTE = gettext_lazy(
    "Demo text. This text was written to try the drafting workflow; it is not a real document of "
    "any forum."
)
DRAFT_NOTE = gettext_lazy(
    "This text has not been adopted. It is confidential to the forum's member states and its "
    "secretariat, and no state is bound by it."
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"

# The tags Word expects in ``w:lang``: it picks proofing tools, and for East Asian text the font
# and line breaking, by them.
LANGUAGE_TAGS = {
    "en": "en-GB",
    "ru": "ru-RU",
    "ko": "ko-KR",
    "kk": "kk-KZ",
    "ky": "ky-KG",
    "tg": "tg-Cyrl-TJ",
    "tk": "tk-TM",
    "uz": "uz-Latn-UZ",
    "ja": "ja-JP",
    "zh": "zh-CN",
    "fr": "fr-FR",
    "de": "de-DE",
}
SERIF = "Noto Serif"  # Latin and Cyrillic
SANS = "Noto Sans"
EAST_ASIAN_FONTS = {"ko": "Noto Sans CJK KR", "ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC"}
GREY = RGBColor(0x55, 0x55, 0x55)
DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
# Korean is written with spaces between words and is broken only there, never inside a word.
BREAK_BY_WORD = frozenset({"ko"})


class NoTextHeldError(Exception):
    """The document has no version with text to put in a file.

    Documents of past editions often have none: their full text is not in the sources, and no
    wording is ever made up for them.
    """

    def __init__(self, document: OutcomeDocument, message: str):
        super().__init__(message)
        self.document = document


# Which text goes out, and to whom ---------------------------------------------------------------


def _has_text(version: DocumentVersion) -> bool:
    return any(language.paragraphs.all() for language in version.languages.all())


def text_version(document: OutcomeDocument) -> DocumentVersion:
    """The version a download holds when none is asked for: the latest adopted version of an
    adopted document, else the latest version with text. Raises ``NoTextHeldError`` when there is
    none."""
    versions = sorted(document.versions.all(), key=lambda v: v.number, reverse=True)
    if document.is_adopted:
        versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    for version in versions:
        if _has_text(version):
            return version
    raise NoTextHeldError(
        document, _("No text of “%(document)s” is held.") % {"document": document}
    )


def is_draft_text(document: OutcomeDocument, version: DocumentVersion) -> bool:
    """Anything but the adopted version of an adopted document is a draft, and is marked so."""
    return not (document.is_adopted and version.status == VersionStatus.ADOPTED)


def may_download(viewer, document: OutcomeDocument, version: DocumentVersion) -> bool:
    """The adopted version of an adopted document is public. A draft under negotiation goes to
    those who may read it (``rules.can_view_document``). Nothing else leaves as a file: not a
    superseded draft of an adopted document, nor a withdrawn text, which was never adopted."""
    if document.is_adopted:
        return version.status == VersionStatus.ADOPTED
    return document.is_confidential and can_view_document(viewer, document)


def access_document_text(
    *, forum_slug: str, pk: int, viewer, version_number: int | None = None
) -> tuple[OutcomeDocument, DocumentVersion]:
    """The document and the version of it that ``viewer`` may download.

    Raises Http404 when the document does not exist, is not adopted and ``viewer`` may not read
    it, or the version asked for may not go out; raises ``NoTextHeldError`` for a document the
    viewer may see whose text is not held.
    """
    document = get_object_or_404(
        OutcomeDocument.objects.select_related(
            "forum", "kind", "edition__forum", "adopted_at__edition"
        ).prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.prefetch_related(
                    Prefetch(
                        "languages",
                        queryset=LanguageVersion.objects.prefetch_related("paragraphs"),
                    )
                ),
            )
        ),
        pk=pk,
        forum__slug=forum_slug,
    )
    readable_draft = document.is_confidential and can_view_document(viewer, document)
    if not (document.is_adopted or readable_draft):
        raise Http404("No outcome document matches the given query.")
    if version_number is None:
        version = text_version(document)
    else:
        version = next((v for v in document.versions.all() if v.number == version_number), None)
        if version is None or not may_download(viewer, document, version):
            raise Http404("No such version of this document can be downloaded.")
        if not _has_text(version):
            raise NoTextHeldError(
                document,
                _("No text of version %(number)s of “%(document)s” is held.")
                % {"number": version.number, "document": document},
            )
    return document, version


def download_filename(document: OutcomeDocument, extension: str) -> str:
    """``joint-statement-of-the-14th-forum.pdf``: the title as a slug, ASCII only, so that every
    browser and mail program keeps it."""
    return f"{slugify(document.title) or f'document-{document.pk}'}.{extension}"


# What both files say ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    # For languages broken only between words: the words and the whitespace after each.
    words: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LanguageSection:
    language: str
    label: str
    title: str
    paragraphs: tuple[Paragraph, ...]


def _words(text: str) -> tuple[tuple[str, str], ...]:
    pieces = re.split(r"(\s+)", text.strip())
    return tuple(zip(pieces[::2], [*pieces[1::2], ""], strict=True))


def language_sections(document: OutcomeDocument, version: DocumentVersion) -> list[LanguageSection]:
    """Every language version of ``version``, in the order of the forum's working languages
    (any other language after them)."""
    order = {code: index for index, code in enumerate(document.forum.languages)}
    languages = sorted(
        version.languages.all(),
        key=lambda lv: (order.get(lv.language, len(order)), lv.language),
    )
    sections = []
    for lv in languages:
        try:
            label = str(Language(lv.language).label)
        except ValueError:
            label = lv.language
        by_word = lv.language in BREAK_BY_WORD
        paragraphs = tuple(
            Paragraph(p.number, p.text, _words(p.text) if by_word else ())
            for p in sorted(lv.paragraphs.all(), key=lambda p: p.number)
        )
        sections.append(LanguageSection(lv.language, label, lv.title, paragraphs))
    return sections


def document_facts(document: OutcomeDocument, version: DocumentVersion) -> list[tuple[str, str]]:
    """The facts printed under the title, as (label, value) pairs, in the reader's language."""
    facts = [(_("Kind"), document.kind.name)]
    if document.symbol:
        facts.append((_("Symbol"), document.symbol))
    facts.append((_("Forum"), localized(document.forum, "name").text))
    if document.edition:
        edition = document.edition
        city = localized(edition, "city").text
        facts.append(
            (
                pgettext("outcome document", "Edition"),
                ", ".join(part for part in [edition.ordinal, city] if part),
            )
        )
    if document.is_adopted:
        facts.append((_("Adopted on"), partial_date(document.adopted_on)))
        if document.adopted_at:
            meeting = document.adopted_at
            city = localized(meeting, "city").text or localized(meeting.edition, "city").text
            title = localized(meeting, "title").text
            facts.append((_("Adopted at"), ", ".join(part for part in [title, city] if part)))
        if document.adoption_method:
            facts.append(
                (_("Manner of adoption"), str(document.get_adoption_method_display()).capitalize())
            )
    else:
        status = str(document.get_status_display()).capitalize()
        facts.append((_("Status"), _("%(status)s; not adopted") % {"status": status}))
    facts.append((_("Version"), f"{version.number} ({version.get_status_display()})"))
    return facts


def equally_authentic(sections: list[LanguageSection]) -> str:
    """``The English, Russian and Korean texts are equally authentic.``"""
    labels = [section.label for section in sections]
    return _("The %(languages)s and %(last)s texts are equally authentic.") % {
        "languages": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


def interface_language() -> str:
    """The language of the words around the text: the one active when the file is made."""
    return translation.get_language() or "en"


def _context(document: OutcomeDocument, version: DocumentVersion | None) -> dict:
    version = version or text_version(document)
    sections = language_sections(document, version)
    draft = is_draft_text(document, version)
    return {
        "document": document,
        "version": version,
        "facts": document_facts(document, version),
        "sections": sections,
        "is_draft": draft,
        "draft_mark": str(DRAFT_MARK),
        "draft_note": str(DRAFT_NOTE),
        "demo_note": str(DEMO_NOTE) if document.is_demo else "",
        "equally_authentic": equally_authentic(sections) if not draft and len(sections) > 1 else "",
        "interface_language": interface_language(),
        "forum_name": localized(document.forum, "name").text,
    }


# PDF ---------------------------------------------------------------------------------------------


def document_print_html(
    document: OutcomeDocument, *, version: DocumentVersion | None = None
) -> str:
    """The HTML page that ``document_pdf`` prints, with its own print CSS."""
    return render_to_string("documents/output/document_print.html", _context(document, version))


def document_pdf(document: OutcomeDocument, *, version: DocumentVersion | None = None) -> bytes:
    """The document as a PDF with every language version; ``version`` defaults to
    ``text_version(document)``. Raises ``NoTextHeldError`` when there is no text."""
    # Imported here: loading Pango takes a moment and only this function needs it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # No protocol is allowed: the page and its fonts are all local, and a reference to anything
    # else stops the rendering rather than reaching out.
    no_fetching = URLFetcher(allowed_protocols=(), fail_on_errors=True)
    html = document_print_html(document, version=version)
    return HTML(string=html, url_fetcher=no_fetching).write_pdf()


# DOCX --------------------------------------------------------------------------------------------


# Word reads paragraph properties only in the order of the schema: those added here go before
# these.
_PPR_AFTER_WORD_WRAP = (
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_PPR_AFTER_SHADING = (
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    *_PPR_AFTER_WORD_WRAP,
)


def _set_fonts(rpr, *, latin: str, east_asian: str | None = None) -> None:
    """Name the fonts of ``rpr`` for each script Word distinguishes, dropping theme fonts (which
    would win over named ones)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0 if rpr.find(qn("w:rStyle")) is None else 1, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian or EAST_ASIAN_FONTS["ko"])
    if east_asian:
        fonts.set(qn("w:hint"), "eastAsia")


def _set_language(rpr, language: str) -> None:
    tag = LANGUAGE_TAGS.get(language, language)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), tag)
    if language in EAST_ASIAN_FONTS:
        lang.set(qn("w:eastAsia"), tag)


def _run(
    paragraph,
    text: str,
    *,
    language: str = "en",
    latin: str = SERIF,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
):
    """A run of ``text`` tagged with its language and the fonts that hold its script."""
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, latin=latin, east_asian=EAST_ASIAN_FONTS.get(language))
    _set_language(rpr, language)
    if bold:
        run.bold = True
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = color
    return run


def _docx_styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults, latin=SERIF)
    _set_language(defaults, "en")
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), LANGUAGE_TAGS["ko"])
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in [("Title", 20), ("Heading 1", 15), ("Heading 2", 12)]:
        style = styles[name]
        _set_fonts(style.element.get_or_add_rPr(), latin=SANS)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    title = styles["Title"].element.get_or_add_pPr()
    border = title.find(qn("w:pBdr"))
    if border is not None:
        title.remove(border)


def _docx_draft_marks(doc, section, *, language: str = "en") -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark, note = str(DRAFT_MARK), str(DRAFT_NOTE)
    _run(header, mark, language=language, latin=SANS, bold=True, size=12, color=DRAFT_RED)
    banner = doc.add_paragraph()
    ppr = banner._p.get_or_add_pPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "FBE3E6")
    ppr.insert_element_before(shading, *_PPR_AFTER_SHADING)
    banner.paragraph_format.space_after = Pt(18)
    _run(
        banner, mark, language=language, latin=SANS, bold=True, size=14, color=DRAFT_RED
    ).add_break()
    _run(banner, note, language=language, size=10)


def _docx_paragraph(doc, language: str, paragraph: Paragraph) -> None:
    out = doc.add_paragraph()
    fmt = out.paragraph_format
    fmt.left_indent = Cm(1)
    fmt.first_line_indent = Cm(-1)
    fmt.tab_stops.add_tab_stop(Cm(1))
    if language in BREAK_BY_WORD:
        # Word breaks Korean between syllables unless told to keep words whole.
        wrap = OxmlElement("w:wordWrap")
        wrap.set(qn("w:val"), "0")
        out._p.get_or_add_pPr().insert_element_before(wrap, *_PPR_AFTER_WORD_WRAP)
    _run(out, f"{paragraph.number}.\t", language=language)
    _run(out, paragraph.text, language=language)


def document_docx(document: OutcomeDocument, *, version: DocumentVersion | None = None) -> bytes:
    """The document as a Word file with every language version; ``version`` defaults to
    ``text_version(document)``. Raises ``NoTextHeldError`` when there is no text."""
    context = _context(document, version)
    ui = context["interface_language"]
    doc = docx.Document()
    _docx_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))

    props = doc.core_properties
    props.title = document.title
    props.subject = document.kind.name
    props.author = props.last_modified_by = document.forum.name
    props.comments = props.keywords = ""
    props.category = document.kind.name
    props.language = LANGUAGE_TAGS.get(ui, ui)
    props.created = props.modified = timezone.now()
    props.revision = 1

    if context["is_draft"]:
        _docx_draft_marks(doc, section, language=ui)

    kind = doc.add_paragraph()
    kind.paragraph_format.space_after = Pt(2)
    _run(kind, document.kind.name.upper(), latin=SANS, size=9, color=GREY)
    _run(doc.add_paragraph(style="Title"), document.title, latin=SANS)
    if context["demo_note"]:
        _run(doc.add_paragraph(), context["demo_note"], language=ui, bold=True, size=10)
    for label, value in context["facts"]:
        fact = doc.add_paragraph()
        fact.paragraph_format.space_after = Pt(0)
        _run(fact, f"{label}: ", language=ui, latin=SANS, bold=True, size=10)
        _run(fact, value, language=ui, size=10)
    if context["equally_authentic"]:
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(8)
        _run(note, context["equally_authentic"], language=ui, size=10)

    for index, lang in enumerate(context["sections"]):
        if index:
            doc.add_section(WD_SECTION.NEW_PAGE)
        label = doc.add_paragraph()
        label.paragraph_format.space_before = Pt(0 if index else 24)
        label.paragraph_format.space_after = Pt(0)
        _run(label, lang.label.upper(), language=ui, latin=SANS, size=9, color=GREY)
        heading = doc.add_paragraph(style="Heading 1")
        heading.paragraph_format.space_before = Pt(2)
        _run(heading, lang.title, language=lang.language, latin=SANS)
        for paragraph in lang.paragraphs:
            _docx_paragraph(doc, lang.language, paragraph)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
