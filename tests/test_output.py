"""Outcome documents as Word and PDF files: every language version in the forum's order, Hangul
and Cyrillic in fonts that hold them, Korean kept whole word by word, the adopted text for
everyone and a marked draft for those who may read drafts.

The PDF tests need WeasyPrint's libraries, the Noto fonts and poppler-utils (Debian:
``libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk
poppler-utils``); without them they fail and say what is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import factory
import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.documents import output
from plenary.documents.enums import AdoptionMethod, DocumentStatus, VersionStatus
from plenary.documents.models import LanguageVersion, Paragraph
from tests import factories

TITLES = {
    "en": "Joint Statement on Cooperation in Forestry",
    "ru": "Совместное заявление о сотрудничестве в области лесного хозяйства",
    "ko": "산림 분야 협력에 관한 공동성명",
}
TEXTS = {
    "en": [
        "The Parties welcome the progress of their cooperation in forestry and agree to continue "
        "the joint restoration of forests damaged by drought and by the thawing of frozen ground.",
        "The Parties will exchange data on the state of their forests, train specialists in "
        "forest monitoring and hold a meeting of forestry experts every year.",
        "The Parties ask the Secretariat to report to the next Forum on the results of their "
        "joint forestry projects.",
    ],
    "ru": [
        "Стороны приветствуют успехи сотрудничества в области лесного хозяйства и договариваются "
        "продолжить совместное восстановление лесов, пострадавших от засухи и оттаивания мёрзлых "
        "грунтов.",
        "Стороны будут обмениваться данными о состоянии лесов, готовить специалистов по "
        "мониторингу лесов и ежегодно проводить совещание экспертов по лесному хозяйству.",
        "Стороны поручают Секретариату представить следующему Форуму доклад о результатах "
        "совместных проектов в области лесного хозяйства.",
    ],
    "ko": [
        "당사국들은 산림 분야 협력의 성과를 환영하며, 가뭄과 동토층 해빙으로 피해를 입은 지역에서 "
        "공동 산림생태계복원사업을 계속하기로 합의한다.",
        "당사국들은 산림 상태에 관한 자료를 교환하고, 산림 모니터링 전문가를 양성하며, 매년 산림 "
        "전문가 회의를 개최한다.",
        "당사국들은 사무국이 다음 포럼에 공동 산림사업의 성과에 관한 보고서를 제출하도록 요청한다.",
    ],
}
LONG_KOREAN_WORD = "산림생태계복원사업을"


class LanguageVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageVersion

    version = factory.SubFactory(factories.DocumentVersionFactory)
    language = "en"
    title = factory.LazyAttribute(lambda o: TITLES[o.language])


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paragraph

    language_version = factory.SubFactory(LanguageVersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Paragraph {n}.")


def write_text(version, texts=TEXTS) -> None:
    """Give ``version`` a language version per language of ``texts``, stored in an order other
    than the forum's (Korean first) so that the files' order is seen to come from the forum."""
    for language in sorted(texts, key=lambda code: code != "ko"):
        language_version = LanguageVersionFactory(version=version, language=language)
        for number, text in enumerate(texts[language], start=1):
            ParagraphFactory(language_version=language_version, number=number, text=text)


def reads_drafts(user, forum):
    """Make ``user`` one who reads the forum's drafts: a member of its secretariat."""
    role_grant(user=user, forum=forum, kind=RoleKind.SECRETARIAT)
    return user


@pytest.fixture
def adopted(forum):
    """A Joint Statement adopted at the closing ceremony of the 14th Forum, in three languages."""
    edition = factories.EditionFactory(forum=forum, number=14, city="Dushanbe")
    ceremony = factories.MeetingFactory(
        edition=edition, title="Closing ceremony", city="Dushanbe", date=dt.date(2021, 11, 30)
    )
    document = factories.OutcomeDocumentFactory(
        forum=forum,
        edition=edition,
        title=TITLES["en"],
        status=DocumentStatus.ADOPTED,
        adopted_on=dt.date(2021, 11, 30),
        adopted_at=ceremony,
        adoption_method=AdoptionMethod.AT_MEETING,
    )
    write_text(
        factories.DocumentVersionFactory(document=document, number=1, status=VersionStatus.ADOPTED)
    )
    return document


@pytest.fixture
def draft(forum):
    """A draft under negotiation, its second version circulated with text."""
    document = factories.OutcomeDocumentFactory(
        forum=forum,
        title="Draft Joint Statement on Forestry",
        status=DocumentStatus.UNDER_NEGOTIATION,
    )
    write_text(
        factories.DocumentVersionFactory(
            document=document, number=2, status=VersionStatus.CIRCULATED
        )
    )
    return document


@pytest.fixture
def without_text(forum):
    """An adopted document of a past edition whose text the sources do not hold."""
    return factories.OutcomeDocumentFactory(
        forum=forum,
        title="2022 Work Plan",
        status=DocumentStatus.ADOPTED,
        adopted_on=dt.date(2021, 11, 30),
        adoption_method=AdoptionMethod.AT_MEETING,
        summary="The reports say it covers six areas.",
    )


# DOCX -------------------------------------------------------------------------------------------


def docx_of(content: bytes):
    return Document(io.BytesIO(content))


def numbered_paragraphs(document) -> dict[str, list[str]]:
    """The numbered paragraphs of a Word file under each language heading (style Heading 1)."""
    sections: dict[str, list[str]] = {}
    current = None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = sections.setdefault(paragraph.text, [])
        elif current is not None and re.match(r"\d+\.\t", paragraph.text):
            current.append(paragraph)
    return sections


def language_of(run) -> tuple[str | None, str | None]:
    lang = run._r.rPr.find(qn("w:lang"))
    return lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))


def fonts_of(run) -> tuple[str | None, str | None]:
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:ascii")), fonts.get(qn("w:eastAsia"))


def test_docx_holds_every_language_in_the_forums_order(adopted):
    document = docx_of(output.document_docx(adopted))
    sections = numbered_paragraphs(document)
    assert list(sections) == [TITLES["en"], TITLES["ru"], TITLES["ko"]]
    assert {title: [p.text for p in paragraphs] for title, paragraphs in sections.items()} == {
        TITLES[language]: [f"{n}.\t{text}" for n, text in enumerate(texts, start=1)]
        for language, texts in TEXTS.items()
    }


def test_docx_puts_each_language_in_its_own_section(adopted):
    assert len(docx_of(output.document_docx(adopted)).sections) == 3


def test_docx_tags_korean_and_russian_runs_with_language_and_fonts(adopted):
    sections = numbered_paragraphs(docx_of(output.document_docx(adopted)))
    korean = [run for p in sections[TITLES["ko"]] for run in p.runs]
    russian = [run for p in sections[TITLES["ru"]] for run in p.runs]
    assert {language_of(run) for run in korean} == {("ko-KR", "ko-KR")}
    assert {fonts_of(run) for run in korean} == {("Noto Serif", "Noto Sans CJK KR")}
    assert {language_of(run) for run in russian} == {("ru-RU", None)}
    assert {fonts_of(run)[0] for run in russian} == {"Noto Serif"}


def test_docx_keeps_korean_words_whole(adopted):
    """``w:wordWrap`` off: Word breaks Korean lines between words, not between syllables."""

    def word_wrap(paragraph) -> str | None:
        wrap = paragraph._p.pPr.find(qn("w:wordWrap"))
        return None if wrap is None else wrap.get(qn("w:val"))

    sections = numbered_paragraphs(docx_of(output.document_docx(adopted)))
    assert {
        title: {word_wrap(p) for p in paragraphs} for title, paragraphs in sections.items()
    } == {
        TITLES["en"]: {None},
        TITLES["ru"]: {None},
        TITLES["ko"]: {"0"},
    }


def test_docx_heading_of_korean_text_is_tagged_korean(adopted):
    document = docx_of(output.document_docx(adopted))
    heading = next(p for p in document.paragraphs if p.text == TITLES["ko"])
    assert [language_of(run) for run in heading.runs] == [("ko-KR", "ko-KR")]


def test_docx_states_the_document_and_its_adoption(adopted):
    document = docx_of(output.document_docx(adopted))
    texts = [p.text for p in document.paragraphs]
    front = texts[: texts.index("ENGLISH")]
    assert front == [
        "JOINT STATEMENT",
        TITLES["en"],
        "Kind: Joint Statement",
        "Forum: Korea–Central Asia Cooperation Forum",
        "Edition: 14th, Dushanbe",
        "Adopted on: 30 November 2021",
        "Adopted at: Closing ceremony, Dushanbe",
        "Manner of adoption: At a meeting, by the heads of delegation",
        "Version: 1 (adopted)",
        "The English, Russian and Korean texts are equally authentic.",
    ]
    assert (document.core_properties.title, document.core_properties.author) == (
        TITLES["en"],
        "Korea–Central Asia Cooperation Forum",
    )


def test_docx_of_an_adopted_text_carries_no_draft_mark(adopted):
    document = docx_of(output.document_docx(adopted))
    texts = [p.text for p in document.paragraphs] + [
        p.text for p in document.sections[0].header.paragraphs
    ]
    assert [text for text in texts if "DRAFT" in text] == []


def test_docx_of_a_draft_is_marked_at_the_top_and_on_every_page(draft):
    document = docx_of(output.document_docx(draft))
    assert (
        document.paragraphs[0].text.startswith("DRAFT — not adopted"),
        [section.header.paragraphs[0].text for section in document.sections],
    ) == (True, ["DRAFT — not adopted"] * 3)


# PDF --------------------------------------------------------------------------------------------

NEEDED_FOR_PDF = (
    "install them with: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
    "fonts-noto-core fonts-noto-cjk poppler-utils"
)


def pdf_of(document, **kwargs) -> bytes:
    """The PDF of ``document``; fails (never skips) when WeasyPrint cannot run here."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        pytest.fail(f"WeasyPrint cannot be loaded ({error}); {NEEDED_FOR_PDF}")
    return output.document_pdf(document, **kwargs)


def poppler(tool: str, content: bytes, *options: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} (poppler-utils) is missing; {NEEDED_FOR_PDF}")
    result = subprocess.run(
        [tool, *options, "-", "-"] if tool == "pdftotext" else [tool, "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def squashed(text: str) -> str:
    """Whitespace as a single space: a line break inside a word would show as a space."""
    return " ".join(text.split())


def test_pdf_embeds_the_noto_fonts(adopted):
    fonts = poppler("pdffonts", pdf_of(adopted))
    embedded = sorted(
        {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in fonts.splitlines()[2:]}
    )
    missing = [name for name in ["Noto-Sans-CJK-KR", "Noto-Serif"] if name not in embedded]
    assert missing == [], f"Fonts {missing} are not embedded (only {embedded}); {NEEDED_FOR_PDF}"


def test_pdf_holds_the_exact_text_of_every_language(adopted):
    """Text that comes out of the PDF exactly as it went in was drawn with real glyphs."""
    text = squashed(poppler("pdftotext", pdf_of(adopted)))
    expected = [TITLES[language] for language in TEXTS] + [
        f"{n}. {paragraph}"
        for texts in TEXTS.values()
        for n, paragraph in enumerate(texts, start=1)
    ]
    assert [part for part in expected if part not in text] == []


def test_pdf_gives_each_language_a_page_of_its_own_in_the_forums_order(adopted):
    pages = [page for page in poppler("pdftotext", pdf_of(adopted)).split("\f") if page.strip()]
    assert [
        [language for language, texts in TEXTS.items() if squashed(texts[0]) in squashed(page)]
        for page in pages
    ] == [["en"], ["ru"], ["ko"]]


def test_pdf_keeps_korean_words_whole(adopted):
    """Korean lines break only between words: every Hangul word of the laid-out page is a word of
    the text, the long one included."""
    layout = poppler("pdftotext", pdf_of(adopted), "-layout")
    korean_words = {word for text in TEXTS["ko"] for word in text.split()} | set(
        TITLES["ko"].split()
    )
    hangul = [word for word in layout.split() if re.search("[\uac00-\ud7af]", word)]
    assert ([word for word in hangul if word not in korean_words], LONG_KOREAN_WORD in hangul) == (
        [],
        True,
    )


def test_pdf_keeps_a_long_korean_paragraph_whole_word_by_word(forum):
    """Many lines of long words: breaking between syllables would split some of them."""
    document = factories.OutcomeDocumentFactory(
        forum=forum,
        status=DocumentStatus.ADOPTED,
        adopted_on=dt.date(2022, 10, 25),
        adoption_method=AdoptionMethod.SILENCE,
    )
    version = factories.DocumentVersionFactory(document=document, status=VersionStatus.ADOPTED)
    write_text(version, {"ko": [" ".join([LONG_KOREAN_WORD] * 60)]})
    layout = poppler("pdftotext", pdf_of(document), "-layout")
    hangul = [word for word in layout.split() if re.search("[\uac00-\ud7af]", word)]
    assert hangul == [*TITLES["ko"].split(), *[LONG_KOREAN_WORD] * 60]


def test_print_html_declares_the_language_of_each_section(adopted):
    html = output.document_print_html(adopted)
    assert re.findall(r'<section class="language" lang="(\w+)">', html) == ["en", "ru", "ko"]


def test_pdf_of_a_draft_is_marked_on_every_page(draft):
    pages = [page for page in poppler("pdftotext", pdf_of(draft)).split("\f") if page.strip()]
    assert [("DRAFT — not adopted" in page) for page in pages] == [True, True, True]


def test_pdf_of_an_adopted_text_carries_no_draft_mark(adopted):
    assert "DRAFT" not in poppler("pdftotext", pdf_of(adopted))


# Downloads --------------------------------------------------------------------------------------


def download(client, document, extension: str, **params):
    return client.get(
        reverse(f"documents:{extension}", kwargs={"forum": document.forum.slug, "pk": document.pk}),
        params,
    )


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [("docx", output.DOCX_CONTENT_TYPE), ("pdf", output.PDF_CONTENT_TYPE)],
)
def test_adopted_document_is_downloaded_by_anyone(client, adopted, extension, content_type):
    response = download(client, adopted, extension)
    assert (
        response.status_code,
        response["Content-Type"],
        response["Content-Disposition"],
    ) == (
        200,
        content_type,
        f'attachment; filename="joint-statement-on-cooperation-in-forestry.{extension}"',
    )


def test_download_address_is_the_documents_own():
    assert reverse("documents:pdf", kwargs={"forum": "kca", "pk": 7}) == (
        "/forums/kca/documents/7/download.pdf"
    )


def test_downloaded_pdf_holds_the_korean_text(client, adopted):
    content = download(client, adopted, "pdf").content
    assert squashed(TEXTS["ko"][2]) in squashed(poppler("pdftotext", content))


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_draft_is_404_to_the_public(client, draft, extension):
    assert download(client, draft, extension).status_code == 404


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_draft_is_404_to_a_user_who_may_not_read_drafts(client, draft, member_user, extension):
    client.force_login(member_user)
    assert download(client, draft, extension).status_code == 404


def test_draft_is_downloaded_as_pdf_with_its_banner_by_the_secretariat(client, draft, staff_user):
    client.force_login(reads_drafts(staff_user, draft.forum))
    response = download(client, draft, "pdf")
    assert (
        response.status_code,
        "DRAFT — not adopted" in poppler("pdftotext", response.content),
    ) == (
        200,
        True,
    )


def test_draft_is_downloaded_as_docx_with_its_banner_by_the_secretariat(client, draft, staff_user):
    client.force_login(reads_drafts(staff_user, draft.forum))
    response = download(client, draft, "docx")
    assert (response.status_code, docx_of(response.content).paragraphs[0].text[:19]) == (
        200,
        "DRAFT — not adopted",
    )


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_document_without_text_answers_404_and_says_why(client, without_text, extension):
    response = download(client, without_text, extension)
    assert (response.status_code, "No text is held." in response.content.decode()) == (404, True)


def test_document_page_has_no_download_link_without_text(client, without_text):
    html = client.get(without_text.get_absolute_url()).content.decode()
    assert ("download.docx" in html, "download.pdf" in html) == (False, False)


def test_document_page_links_both_downloads_of_the_adopted_text(client, adopted):
    html = client.get(adopted.get_absolute_url()).content.decode()
    base = f"/forums/kca/documents/{adopted.pk}/download"
    assert (
        f'href="{base}.docx?version=1" download>Word (.docx)</a>' in html,
        f'href="{base}.pdf?version=1" download>PDF</a>' in html,
    ) == (True, True)


def test_document_page_links_the_marked_draft_for_the_secretariat(client, draft, staff_user):
    client.force_login(reads_drafts(staff_user, draft.forum))
    html = client.get(draft.get_absolute_url()).content.decode()
    downloads = html[html.index('<p class="downloads">') :]
    downloads = downloads[: downloads.index("</p>")]
    assert (
        f"/documents/{draft.pk}/download.pdf?version=2" in downloads,
        "marked “DRAFT — not adopted” on every page" in downloads,
    ) == (True, True)


def test_superseded_draft_of_an_adopted_document_is_not_downloaded(client, adopted, staff_user):
    write_text(
        factories.DocumentVersionFactory(
            document=adopted, number=2, status=VersionStatus.SUPERSEDED
        )
    )
    client.force_login(reads_drafts(staff_user, adopted.forum))
    assert (
        download(client, adopted, "pdf", version=2).status_code,
        download(client, adopted, "pdf", version="x").status_code,
        download(client, adopted, "docx", version=1).status_code,
    ) == (404, 404, 200)


def test_withdrawn_document_is_not_downloaded(client, draft):
    draft.status = DocumentStatus.WITHDRAWN
    draft.save()
    assert download(client, draft, "pdf").status_code == 404
