"""Three languages: the reader's choice kept, dates and numbers by CLDR, states by their names in
each language, record content translated with a marked fallback, complete catalogues."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from plenary.common import l10n
from plenary.common.domain import translation_record
from plenary.common.models import Translation
from plenary.common.translations import localized
from plenary.forums.domain import state_ensure, state_name_set
from plenary.forums.naming import state_name
from plenary.settings import _extra_languages
from tests import factories

SRC = Path(__file__).resolve().parents[1] / "src" / "plenary"


# Dates and numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "day", "month", "span", "across", "number"),
    [
        (
            "en",
            "30 November 2021",
            "November 2021",
            "6–7 November 2018",
            "30 October – 2 November 2018",
            "12,345",
        ),
        (
            "ru",
            "30 ноября 2021\u202fг.",
            "ноябрь 2021\u202fг.",
            "6–7 ноября 2018\u202fг.",
            "30 октября – 2 ноября 2018\u202fг.",
            "12\xa0345",
        ),
        (
            "ko",
            "2021년 11월 30일",
            "2021년 11월",
            "2018년 11월 6일~7일",
            "2018년 10월 30일~11월 2일",
            "12,345",
        ),
    ],
)
def test_dates_and_numbers_follow_the_readers_language(language, day, month, span, across, number):
    with translation.override(language):
        assert l10n.day(dt.date(2021, 11, 30)) == day
        assert l10n.month(dt.date(2021, 11, 30)) == month
        assert l10n.day_span(dt.date(2018, 11, 6), dt.date(2018, 11, 7)) == span
        assert l10n.day_span(dt.date(2018, 10, 30), dt.date(2018, 11, 2)) == across
        assert l10n.number(12345) == number


def test_a_time_of_day_is_on_the_24_hour_clock_in_every_language():
    moment = dt.datetime(2021, 11, 30, 15, 5, tzinfo=dt.UTC)
    assert [l10n.moment(moment, l10n.babel_locale(code)) for code in ("en", "ru", "ko")] == [
        "30 November 2021, 15:05",
        "30 ноября 2021\u202fг., 15:05",
        "2021년 11월 30일, 15:05",
    ]


def test_an_unknown_language_falls_back_to_english_forms():
    assert l10n.day(dt.date(2021, 11, 30), l10n.babel_locale("xx")) == "30 November 2021"


# The reader's choice ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_choice_for_the_next_pages(client):
    page = client.get("/")
    assert '<html lang="en">' in page.content.decode()
    assert 'name="language" value="ru" lang="ru"' in page.content.decode()

    switched = client.post("/i18n/setlang/", {"language": "ru", "next": "/states/"})

    assert (switched.status_code, switched["Location"]) == (302, "/states/")
    cookie = switched.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["max-age"]) == ("ru", 60 * 60 * 24 * 365)
    later = client.get("/").content.decode()
    assert '<html lang="ru">' in later
    assert 'value="ru" lang="ru" aria-current="true"' in later


@pytest.mark.django_db
def test_the_browsers_language_is_used_until_the_reader_chooses(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en;q=0.5")
    assert '<html lang="ko">' in page.content.decode()


def test_other_member_state_languages_are_a_setting_with_names_from_cldr():
    assert _extra_languages("kk, uz,ru,") == [("kk", "Қазақ тілі"), ("uz", "O‘zbek")]
    with pytest.raises(ValueError, match="'zz1' is not a language code"):
        _extra_languages("zz1")


# States -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_korea_is_the_republic_of_korea_in_every_language():
    korea = state_ensure("KR", name="Republic of Korea")
    assert [state_name(korea, code) for code in ("en", "ru", "ko")] == [
        "Republic of Korea",
        "Республика Корея",
        "대한민국",
    ]


@pytest.mark.django_db
def test_a_recorded_name_overrides_cldr_and_a_change_is_seen_at_once():
    kyrgyzstan = factories.state("KG")
    assert state_name(kyrgyzstan, "ru") == "Киргизия"

    state_name_set(state=kyrgyzstan, language="ru", name="Кыргызстан")
    assert state_name(kyrgyzstan, "ru") == "Кыргызстан"

    kyrgyzstan.names.get(language="ru").delete()
    assert state_name(kyrgyzstan, "ru") == "Киргизия"


@pytest.mark.django_db
def test_the_local_name_filter_uses_the_readers_language():
    korea = state_ensure("KR", name="Republic of Korea")
    rendered = Template("{% load plenary %}{{ state|local_name }}")
    with translation.override("ru"):
        assert rendered.render(Context({"state": korea})) == "Республика Корея"


# Record content in several languages -----------------------------------------------------------


@pytest.mark.django_db
def test_a_translated_theme_is_shown_and_a_missing_one_is_marked():
    edition = factories.EditionFactory(theme="Recovery after the pandemic", city="Dushanbe")
    translation_record(edition, field="theme", language="ru", text="Восстановление")
    template = Template('{% load plenary %}{% tr edition "theme" %}|{% tr edition "city" %}')

    with translation.override("ru"):
        assert template.render(Context({"edition": edition})) == (
            'Восстановление|<span lang="en" class="untranslated" title="Перевод отсутствует">'
            "Dushanbe</span>"
        )
    with translation.override("en"):
        assert template.render(Context({"edition": edition})) == (
            "Recovery after the pandemic|Dushanbe"
        )


@pytest.mark.django_db
def test_an_edited_translation_is_read_back_at_once():
    meeting = factories.MeetingFactory(title="Closing ceremony")
    translation_record(meeting, field="title", language="ko", text="폐회")
    assert localized(meeting, "title", "ko").text == "폐회"

    translation_record(meeting, field="title", language="ko", text="폐회식")

    assert localized(meeting, "title", "ko") == ("폐회식", "ko", False)
    Translation.objects.get(language="ko").delete()
    assert localized(meeting, "title", "ko") == ("Closing ceremony", "en", True)


@pytest.mark.django_db
def test_translations_of_unknown_fields_or_languages_are_refused():
    edition = factories.EditionFactory(theme="A theme")
    with pytest.raises(ValidationError) as refused:
        translation_record(edition, field="status", language="ru", text="Проведён")
    assert refused.value.message_dict == {"field": ["edition has no translatable field 'status'."]}
    with pytest.raises(ValidationError) as refused:
        translation_record(edition, field="theme", language="en", text="Theme")
    assert refused.value.message_dict == {"language": ["'en' is not a language to translate into."]}
    with pytest.raises(ValidationError) as refused:
        translation_record(edition, field="theme", language="ru", text="  ")
    assert "text" in refused.value.message_dict
    assert Translation.objects.count() == 0


# Catalogues -------------------------------------------------------------------------------------

CATALOGUES = sorted(SRC.glob("*/locale/*/LC_MESSAGES/django.po")) + sorted(
    SRC.glob("locale/*/LC_MESSAGES/django.po")
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")


def test_every_app_with_an_interface_has_russian_and_korean_catalogues():
    apps_with_pages = sorted(
        path.parent.name for path in SRC.glob("*/templates") if any(path.rglob("*.html"))
    )
    missing = [
        f"{app}/{language}"
        for app in apps_with_pages
        for language in ("ru", "ko")
        if not (SRC / app / "locale" / language / "LC_MESSAGES" / "django.po").exists()
    ]
    assert missing == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_a_catalogue_is_complete_compiled_and_keeps_its_placeholders(path):
    catalogue = polib.pofile(str(path))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    broken = []
    for entry in catalogue.translated_entries():
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        broken += [entry.msgid for text in texts if sorted(PLACEHOLDER.findall(text)) != wanted]
    assert broken == []
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    assert {(e.msgctxt, e.msgid): e.msgstr for e in compiled} == {
        (e.msgctxt, e.msgid): e.msgstr for e in catalogue.translated_entries()
    }
