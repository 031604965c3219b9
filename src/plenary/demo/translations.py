"""Russian and Korean names of the demo record: the forums, the cities, the fields of
cooperation, the 14th Forum's theme and the titles of its meetings.

The forum works in English, Russian and Korean; these are the forms its documents use. Whatever is
not listed here is shown in English on a Russian or Korean page, marked as not yet translated.
"""

from __future__ import annotations

from plenary.common.domain import translation_record
from plenary.demo.kcaf import THEME_14
from plenary.forums.models import Edition, Field, Forum
from plenary.meetings.models import Meeting

FORUMS = {
    "Korea–Central Asia Cooperation Forum": {
        "name": (
            "Форум сотрудничества «Республика Корея – Центральная Азия»",
            "한-중앙아 협력 포럼",
        ),
        "short_name": ("Форум «Корея – Центральная Азия»", "한-중앙아 포럼"),
    },
    "Central Asia plus Japan Dialogue": {
        "name": ("Диалог «Центральная Азия + Япония»", "중앙아시아+일본 대화"),
        "short_name": ("«Центральная Азия + Япония»", "중앙아시아+일본"),
    },
}

CITIES = {
    "Almaty": ("Алматы", "알마티"),
    "Ashgabat": ("Ашхабад", "아시가바트"),
    "Astana": ("Астана", "아스타나"),
    "Bishkek": ("Бишкек", "비슈케크"),
    "Busan": ("Пусан", "부산"),
    "Dushanbe": ("Душанбе", "두샨베"),
    "Nur-Sultan": ("Нур-Султан", "누르술탄"),
    "Seoul": ("Сеул", "서울"),
    "Tashkent": ("Ташкент", "타슈켄트"),
    "Tokyo": ("Токио", "도쿄"),
}

FIELDS = {
    "Carbon neutrality": ("Углеродная нейтральность", "탄소중립"),
    "Climate change": ("Изменение климата", "기후변화"),
    "Digitalization": ("Цифровизация", "디지털화"),
    "Energy": ("Энергетика", "에너지"),
    "Forestry": ("Лесное хозяйство", "산림"),
    "Health": ("Здравоохранение", "보건"),
}

THEMES = {
    THEME_14: (
        "Сотрудничество Республики Корея и Центральной Азии для восстановления экономики "
        "после COVID-19",
        "코로나19 이후 경제 회복을 위한 한-중앙아 협력",
    ),
}

MEETINGS_14TH = {
    "Vice-foreign-ministerial preparatory meeting": (
        "Подготовительная встреча заместителей министров иностранных дел",
        "외교차관급 준비회의",
    ),
    "Working-level preparatory meeting": (
        "Подготовительная встреча на рабочем уровне",
        "실무급 준비회의",
    ),
    "First 5+1 Business Forum": ("Первый бизнес-форум «5+1»", "제1차 5+1 비즈니스 포럼"),
    "Ministerial plenary": ("Пленарное заседание министров", "장관급 전체회의"),
    "Expert session on forestry": (
        "Экспертная сессия по лесному хозяйству",
        "산림 분야 전문가 세션",
    ),
    "Expert session on carbon neutrality": (
        "Экспертная сессия по углеродной нейтральности",
        "탄소중립 분야 전문가 세션",
    ),
    "Expert session on health": (
        "Экспертная сессия по здравоохранению",
        "보건 분야 전문가 세션",
    ),
    "Expert session on digitalization": (
        "Экспертная сессия по цифровизации",
        "디지털화 분야 전문가 세션",
    ),
    "Closing ceremony": ("Церемония закрытия", "폐회식"),
}


def _both(obj, field: str, pair: tuple[str, str], by) -> None:
    for language, text in zip(("ru", "ko"), pair, strict=True):
        translation_record(obj, field=field, language=language, text=text, by=by)


def translations_load(*, by=None) -> None:
    """Record the Russian and Korean forms above for whatever of the demo record exists."""
    for forum in Forum.objects.filter(name__in=FORUMS):
        for field, pair in FORUMS[forum.name].items():
            _both(forum, field, pair, by)
    for field in Field.objects.filter(name__in=FIELDS):
        _both(field, "name", FIELDS[field.name], by)
    for edition in Edition.objects.filter(city__in=CITIES):
        _both(edition, "city", CITIES[edition.city], by)
    for edition in Edition.objects.filter(theme__in=THEMES):
        _both(edition, "theme", THEMES[edition.theme], by)
    for meeting in Meeting.objects.filter(city__in=CITIES):
        _both(meeting, "city", CITIES[meeting.city], by)
    kcaf_14th = Meeting.objects.filter(
        edition__forum__name="Korea–Central Asia Cooperation Forum",
        edition__number=14,
        title__in=MEETINGS_14TH,
    )
    for meeting in kcaf_14th:
        _both(meeting, "title", MEETINGS_14TH[meeting.title], by)
