"""A person's name in the reader's language: the form recorded in that language (native script
first), else the default form marked as having none."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from plenary.people.domain import person_record
from plenary.people.enums import NameKind
from plenary.people.models import PersonName
from plenary.people.naming import best_forms, shown_name
from tests import factories

pytestmark = pytest.mark.django_db

NAME = Template("{% load plenary %}{% person_name person %}|{{ person|person_text }}")


def chung():
    return person_record(
        slug="chung-eui-yong",
        name="Chung Eui-yong",
        names=[
            ("정의용", "ko", NameKind.NATIVE),
            ("Chong Ui-yong", "ko", NameKind.ROMANIZATION),
            ("Чон Ый Ён", "ru", NameKind.TRANSLITERATION),
        ],
    )


def render(person, language: str) -> str:
    with translation.override(language):
        return NAME.render(Context({"person": person}))


def test_each_reader_meets_the_form_in_their_language():
    person = chung()
    assert render(person, "en") == "Chung Eui-yong|Chung Eui-yong"
    assert render(person, "ru") == "Чон Ый Ён|Чон Ый Ён"
    # The native script stands before a romanization recorded in the same language.
    assert render(person, "ko") == "정의용|정의용"


def test_without_a_form_in_the_readers_language_the_default_is_marked():
    person = factories.PersonFactory(name="Sirojiddin Muhriddin")
    assert render(person, "ru") == (
        '<span lang="en" class="untranslated" title="Написание имени на этом языке не записано">'
        "Sirojiddin Muhriddin</span>|Sirojiddin Muhriddin"
    )
    assert render(person, "ko") == (
        '<span lang="en" class="untranslated" title="이 언어로 된 이름 표기가 기록되어 있지 않음">'
        "Sirojiddin Muhriddin</span>|Sirojiddin Muhriddin"
    )


def test_a_new_form_is_shown_at_once_and_a_removed_one_is_gone():
    person = factories.PersonFactory(name="Sirojiddin Muhriddin")
    assert shown_name(person, "ru").missing is True
    form = PersonName.objects.create(
        person=person, name="Сироджиддин Мухриддин", language="ru", kind=NameKind.NATIVE
    )
    assert shown_name(person, "ru").text == "Сироджиддин Мухриддин"
    # A form moved to another language leaves its former one.
    form.language = "tg"
    form.save()
    assert (shown_name(person, "ru").missing, shown_name(person, "tg").text) == (
        True,
        "Сироджиддин Мухриддин",
    )
    form.delete()
    assert shown_name(person, "tg").missing is True


def test_a_language_map_is_read_once_then_kept():
    people = [chung(), factories.PersonFactory(name="Rhee Jong Kook")]
    with CaptureQueriesContext(connection) as first:
        names = [shown_name(person, "ru").text for person in people]
    with CaptureQueriesContext(connection) as again:
        assert [shown_name(person, "ru").text for person in people] == names
    assert (names, len(first), len(again)) == (["Чон Ый Ён", "Rhee Jong Kook"], 1, 0)


def test_prefetched_forms_are_used_without_a_query():
    chung()
    person = type(chung())._default_manager.prefetch_related("names").get(slug="chung-eui-yong")
    with CaptureQueriesContext(connection) as queries:
        assert shown_name(person, "ko").text == "정의용"
    assert len(queries) == 0


def test_best_forms_keeps_the_native_script_then_the_first_in_order():
    rows = [
        (1, NameKind.ALIAS, "B"),
        (1, NameKind.TRANSLITERATION, "Z"),
        (1, NameKind.TRANSLITERATION, "Y"),
        (2, NameKind.ROMANIZATION, "R"),
        (2, NameKind.NATIVE, "N"),
    ]
    assert best_forms(rows) == {1: "Y", 2: "N"}


def test_the_person_page_heads_with_the_readers_form_and_keeps_the_default_under_it(client):
    person = chung()
    page = client.get(person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<h1>Чон Ый Ён</h1>" in page
    assert '<p class="page-head__default-name" lang="en">Chung Eui-yong</p>' in page
    assert "<title>Чон Ый Ён" in page
    english = client.get(person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Chung Eui-yong</h1>" in english
    assert "page-head__default-name" not in english


def test_a_co_chair_on_the_edition_page_is_named_in_the_readers_language(client):
    from plenary.forums.domain import co_chair_record

    edition = factories.EditionFactory(number=14, city="Dushanbe")
    person = chung()
    co_chair_record(edition=edition, state=factories.state("KR"), person=person)
    page = client.get(edition.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert f'<a href="{person.get_absolute_url()}">정의용</a>' in page
