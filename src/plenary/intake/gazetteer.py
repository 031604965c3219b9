"""What the extractor knows of the world: states and their demonyms, cities, forums, people.

The built-in tables cover the states and cities that forums of this kind meet in; the database adds
every state, forum name and person name form the record holds, so a forum's own vocabulary grows
with its record. Matching folds case, accents, dashes and common transliteration variants.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

# code: (names, demonyms). Names are also used attributively ("Kazakhstan Foreign Minister").
BUILTIN_STATES: dict[str, tuple[list[str], list[str]]] = {
    "KR": (
        ["Republic of Korea", "South Korea", "Korea", "ROK", "R.O.K."],
        ["Korean", "South Korean"],
    ),
    "KZ": (["Kazakhstan", "Republic of Kazakhstan"], ["Kazakh", "Kazakhstani"]),
    "KG": (["Kyrgyzstan", "Kyrgyz Republic", "Kirghizia"], ["Kyrgyz", "Kyrgyzstani"]),
    "TJ": (["Tajikistan", "Republic of Tajikistan"], ["Tajik", "Tajikistani"]),
    "TM": (["Turkmenistan"], ["Turkmen"]),
    "UZ": (["Uzbekistan", "Republic of Uzbekistan"], ["Uzbek", "Uzbekistani"]),
    "US": (
        ["United States", "United States of America", "USA", "U.S.A.", "U.S.", "US"],
        ["American"],
    ),
    "CN": (["China", "People's Republic of China", "PRC"], ["Chinese"]),
    "JP": (["Japan"], ["Japanese"]),
    "RU": (["Russia", "Russian Federation"], ["Russian"]),
    "EU": (["European Union", "EU"], []),
    "DE": (["Germany", "Federal Republic of Germany"], ["German"]),
    "IN": (["India", "Republic of India"], ["Indian"]),
    "TR": (["Türkiye", "Republic of Türkiye", "Turkiye", "Turkey"], ["Turkish"]),
    "MN": (["Mongolia"], ["Mongolian"]),
    "AF": (["Afghanistan"], ["Afghan"]),
    "AZ": (["Azerbaijan", "Republic of Azerbaijan"], ["Azerbaijani"]),
    "GB": (["United Kingdom", "UK", "Britain"], ["British"]),
    "FR": (["France"], ["French"]),
    "IT": (["Italy"], ["Italian"]),
    "PK": (["Pakistan"], ["Pakistani"]),
    "IR": (["Iran"], ["Iranian"]),
    "BY": (["Belarus"], ["Belarusian"]),
    "AE": (["United Arab Emirates", "UAE"], ["Emirati"]),
    "SA": (["Saudi Arabia"], ["Saudi"]),
    "QA": (["Qatar"], ["Qatari"]),
    "BE": (["Belgium"], ["Belgian"]),
    "KW": (["Kuwait", "State of Kuwait"], ["Kuwaiti"]),
    "OM": (["Oman", "Sultanate of Oman"], ["Omani"]),
    "BH": (["Bahrain", "Kingdom of Bahrain"], ["Bahraini"]),
    "EG": (["Egypt"], ["Egyptian"]),
    "GE": (["Georgia"], ["Georgian"]),
    "AM": (["Armenia"], ["Armenian"]),
    "UA": (["Ukraine"], ["Ukrainian"]),
    "ES": (["Spain"], ["Spanish"]),
    "PL": (["Poland"], ["Polish"]),
    "HU": (["Hungary"], ["Hungarian"]),
    "CZ": (["Czech Republic", "Czechia"], ["Czech"]),
    "AT": (["Austria"], ["Austrian"]),
    "CH": (["Switzerland"], ["Swiss"]),
    "NL": (["Netherlands"], ["Dutch"]),
    "SG": (["Singapore"], ["Singaporean"]),
    "MY": (["Malaysia"], ["Malaysian"]),
    "ID": (["Indonesia"], ["Indonesian"]),
    "VN": (["Viet Nam", "Vietnam"], ["Vietnamese"]),
    "TH": (["Thailand"], ["Thai"]),
    "AU": (["Australia"], ["Australian"]),
    "CA": (["Canada"], ["Canadian"]),
    "BR": (["Brazil"], ["Brazilian"]),
    "IL": (["Israel"], ["Israeli"]),
    "LU": (["Luxembourg"], []),
}

# Country names that read as ordinary words or given names in a report.
AMBIGUOUS_CODES = frozenset({"TD", "JO", "JE", "GG", "NU", "MO", "AS", "IM", "PR", "CG", "CD"})

# Regions whose members a text may count ("the five Central Asian states").
CENTRAL_ASIA = frozenset({"KZ", "KG", "TJ", "TM", "UZ"})

BUILTIN_CITIES: dict[str, str] = {
    "Dushanbe": "TJ",
    "Khujand": "TJ",
    "Seoul": "KR",
    "Busan": "KR",
    "Jeju": "KR",
    "Gyeongju": "KR",
    "Incheon": "KR",
    "Tashkent": "UZ",
    "Samarkand": "UZ",
    "Bukhara": "UZ",
    "Khiva": "UZ",
    "Termez": "UZ",
    "Almaty": "KZ",
    "Astana": "KZ",
    "Nur-Sultan": "KZ",
    "Bishkek": "KG",
    "Cholpon-Ata": "KG",
    "Osh": "KG",
    "Ashgabat": "TM",
    "Ashkhabad": "TM",
    "Awaza": "TM",
    "Tokyo": "JP",
    "Osaka": "JP",
    "Beijing": "CN",
    "Xi'an": "CN",
    "Xian": "CN",
    "Washington": "US",
    "New York": "US",
    "Brussels": "BE",
    "Luxembourg": "LU",
    "Berlin": "DE",
    "Moscow": "RU",
    "New Delhi": "IN",
    "Delhi": "IN",
    "Ankara": "TR",
    "Istanbul": "TR",
    "Ulaanbaatar": "MN",
    "Baku": "AZ",
    "Kuwait City": "KW",
    "Muscat": "OM",
    "Manama": "BH",
    "Riyadh": "SA",
    "Jeddah": "SA",
    "Doha": "QA",
    "Abu Dhabi": "AE",
    "Dubai": "AE",
    "Cairo": "EG",
    "Tbilisi": "GE",
    "Yerevan": "AM",
    "Minsk": "BY",
    "Kyiv": "UA",
    "Paris": "FR",
    "London": "GB",
    "Rome": "IT",
    "Madrid": "ES",
    "Geneva": "CH",
    "Vienna": "AT",
    "Budapest": "HU",
    "Warsaw": "PL",
    "Singapore": "SG",
    "Kuala Lumpur": "MY",
    "Jakarta": "ID",
    "Hanoi": "VN",
    "Bangkok": "TH",
    "Shanghai": "CN",
    "Kazan": "RU",
    "Saint Petersburg": "RU",
    "Sochi": "RU",
    "Islamabad": "PK",
    "Kabul": "AF",
    "Tehran": "IR",
}

CAPITALS: dict[str, str] = {
    "KZ": "Astana",
    "KG": "Bishkek",
    "TJ": "Dushanbe",
    "TM": "Ashgabat",
    "UZ": "Tashkent",
    "KR": "Seoul",
    "JP": "Tokyo",
    "CN": "Beijing",
    "US": "Washington",
    "RU": "Moscow",
    "IN": "New Delhi",
    "DE": "Berlin",
    "BE": "Brussels",
    "LU": "Luxembourg",
    "TR": "Ankara",
    "MN": "Ulaanbaatar",
    "AZ": "Baku",
}

# Transliteration variants folded to one spelling before names are compared.
_FOLDS = [
    ("kh", "h"),
    ("dzh", "j"),
    ("zh", "j"),
    ("yo", "e"),
    ("yu", "u"),
    ("ya", "a"),
    ("iy", "i"),
    ("ey", "ei"),
    ("w", "v"),
    ("ou", "u"),
    ("ee", "i"),
    ("y", "i"),
]


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, dashes or punctuation; spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[‐-―−\-]", " ", text)
    text = re.sub(r"[^\w+ ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4096)
def fold_name(text: str) -> str:
    """``fold`` plus the transliteration variants (Mukhriddin and Muhriddin fold alike)."""
    text = fold(text)
    for a, b in _FOLDS:
        text = text.replace(a, b)
    return text


@dataclass
class Gazetteer:
    # code -> (names, demonyms)
    states: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)
    # recorded forum name -> every name it goes by (itself included)
    forums: dict[str, list[str]] = field(default_factory=dict)
    # recorded person name -> every form
    people: dict[str, list[str]] = field(default_factory=dict)
    # recorded person name -> the state of the post they held last, when the record knows it
    people_states: dict[str, str] = field(default_factory=dict)
    person_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    compiled: dict = field(default_factory=dict, repr=False)
    _folded_people: list[tuple[str, str]] | None = field(default=None, repr=False)

    def folded_people(self) -> list[tuple[str, str]]:
        """Every name form folded, with the recorded name it belongs to."""
        if self._folded_people is None:
            self._folded_people = [
                (fold_name(form), recorded)
                for recorded, forms in self.people.items()
                for form in forms
                if fold_name(form)
            ]
        return self._folded_people

    @classmethod
    def builtin(cls) -> Gazetteer:
        states = {code: (list(n), list(d)) for code, (n, d) in BUILTIN_STATES.items()}
        # Every other country by its ISO names, except names that are also common words or names.
        for country in pycountry.countries:
            if country.alpha_2 in states or country.alpha_2 in AMBIGUOUS_CODES:
                continue
            names = [
                name
                for name in (
                    getattr(country, "common_name", None),
                    country.name,
                    getattr(country, "official_name", None),
                )
                if name and "," not in name
            ]
            states[country.alpha_2] = (list(dict.fromkeys(names)), [])
        return cls(states=states, cities=dict(BUILTIN_CITIES))

    @classmethod
    def from_database(cls) -> Gazetteer:
        """The built-in tables with everything the record holds added."""
        from plenary.forums.models import Edition, Forum, State
        from plenary.meetings.models import Meeting
        from plenary.people.models import Person, Tenure

        gazetteer = cls.builtin()
        for state in State.objects.prefetch_related("names"):
            names, demonyms = gazetteer.states.setdefault(state.code, ([], []))
            if state.name in names:
                names.remove(state.name)
            names.insert(0, state.name)  # the record's own short name labels the state
            for name in (n.name for n in state.names.all() if n.language == "en"):
                if name and name not in names:
                    names.append(name)
            if state.adjective and state.adjective not in demonyms:
                demonyms.append(state.adjective)
        for model in (Edition, Meeting):
            state_field = "host_state" if model is Edition else "state"
            for city, code in (
                model.objects.exclude(city="")
                .filter(**{f"{state_field}__isnull": False})
                .values_list("city", f"{state_field}__code")
                .distinct()
            ):
                gazetteer.cities.setdefault(city, code)
        for forum in Forum.objects.prefetch_related("other_names"):
            names = [forum.name, *([forum.short_name] if forum.short_name else [])]
            names += [other.name for other in forum.other_names.all() if other.language == "en"]
            gazetteer.forums[forum.name] = names
        for person in Person.objects.prefetch_related("names"):
            gazetteer.people[person.name] = [person.name, *(n.name for n in person.names.all())]
        for name, code in (
            Tenure.objects.filter(post__state__isnull=False)
            .order_by("start")
            .values_list("person__name", "post__state__code")
        ):
            gazetteer.people_states[name] = code
        return gazetteer
