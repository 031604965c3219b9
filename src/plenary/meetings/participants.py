"""The list of participants of a meeting, in one of the forum's working languages.

Delegations come in the forum's order of precedence (``forums.precedence``), each with its head
first and then its members in their recorded order; experts named at the meeting follow. States
are named as the forum names them in the list's language (``forums.naming``), people in the form
of their name written in that language when the record holds one, else in their default form. An
office whose holder the record does not name is listed as the office: no name is ever made up.

The few words of the list itself (headings, rank labels) are translated by ``TRANSLATIONS`` below,
keyed by the English text as a translation catalogue would be, so that a catalogue can replace the
table without touching the pages. Titles, offices and functions are shown as recorded.

The list of a held meeting is part of the public record. Before a meeting is held (planned,
postponed or cancelled) its list is the forum's own business: its secretariat and the focal
points of its member states read it, and everyone else gets a 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import rules
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.functional import Promise

from plenary.accounts.rules import user_can
from plenary.common import l10n
from plenary.common.templatetags.plenary import lang_of
from plenary.documents.rules import sees_drafts_of
from plenary.forums.models import Edition, Forum, ForumName, State
from plenary.forums.naming import state_name
from plenary.forums.precedence import in_precedence
from plenary.meetings.enums import MeetingStatus
from plenary.meetings.models import Delegation, DelegationMember, ExpertParticipation, Meeting
from plenary.meetings.queries import (
    delegations_in_precedence,
    delegations_shown,
    precedence_ranks,
    prefetch_state_names,
)
from plenary.people.enums import Rank
from plenary.people.models import Person, Post
from plenary.people.naming import recorded_forms

# Words of the list, by language ------------------------------------------------------------------

# The languages the words of the list are written in; a forum's other working languages are not
# offered until a translation of these words exists.
LIST_LANGUAGES = ("en", "ru", "ko")
# Each language named in itself, for the switch between them.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "ko": "한국어"}

# What the pages and files say, by the key templates use, in English.
LABELS = {
    "list_of_participants": "List of participants",
    "provisional": "Provisional list: the meeting has not been held.",
    "head_of_delegation": "Head of delegation",
    "members": "Members",
    "member": "Member of the delegation",
    "experts": "Experts",
    "expert": "Expert",
    "forum": "Forum",
    "meeting": "Meeting",
    "date": "Date",
    "place": "Place",
    "name": "Name",
    "function": "Function",
    "rank": "Rank",
    "name_not_recorded": "name not recorded",
    "date_not_known": "date not known",
    "no_delegations": "No delegation is recorded for this meeting.",
    "place_cards": "Place cards",
}


class _ByEnglishText(dict):
    """A table keyed by English text that also answers for a translated label (``Rank``'s labels
    follow the reader's language): the label is looked up by its English text."""

    def get(self, key, default=None):
        return super().get(_english(key), default)

    def __getitem__(self, key):
        return super().__getitem__(_english(key))

    def __contains__(self, key) -> bool:
        return super().__contains__(_english(key))


def _english(text) -> str:
    """A label in English whatever the reader's language (``Rank`` labels are translated)."""
    if not isinstance(text, Promise):
        return text
    with translation.override("en"):
        return str(text)


# The English text, and what it is in each other language of the list.
TRANSLATIONS: dict[str, dict[str, str]] = _ByEnglishText(
    {
        "List of participants": {"ru": "Список участников", "ko": "참가자 명단"},
        "Provisional list: the meeting has not been held.": {
            "ru": "Предварительный список: встреча ещё не состоялась.",
            "ko": "잠정 명단: 아직 개최되지 않은 회의입니다.",
        },
        "Head of delegation": {"ru": "Глава делегации", "ko": "수석대표"},
        "Members": {"ru": "Члены делегации", "ko": "대표단원"},
        "Member of the delegation": {"ru": "Член делегации", "ko": "대표단원"},
        "Experts": {"ru": "Эксперты", "ko": "전문가"},
        "Expert": {"ru": "Эксперт", "ko": "전문가"},
        "Forum": {"ru": "Форум", "ko": "포럼"},
        "Meeting": {"ru": "Встреча", "ko": "회의"},
        "Date": {"ru": "Дата", "ko": "일자"},
        "Place": {"ru": "Место", "ko": "장소"},
        "Name": {"ru": "Имя", "ko": "성명"},
        "Function": {"ru": "Должность", "ko": "직위"},
        "Rank": {"ru": "Ранг", "ko": "직급"},
        "name not recorded": {"ru": "имя не указано", "ko": "성명 미상"},
        "date not known": {"ru": "дата неизвестна", "ko": "일자 미상"},
        "No delegation is recorded for this meeting.": {
            "ru": "Делегации этой встречи не записаны.",
            "ko": "이 회의에 기록된 대표단이 없습니다.",
        },
        "Place cards": {"ru": "Таблички", "ko": "명패"},
        # Ranks, as ``Rank`` labels them in English. The keys are plain English text: ``Rank``'s
        # labels follow the reader's language, the list follows its own.
        "head of state": {"ru": "глава государства", "ko": "국가원수"},
        "head of government": {"ru": "глава правительства", "ko": "정부수반"},
        "deputy prime minister": {"ru": "заместитель премьер-министра", "ko": "부총리"},
        "foreign minister": {"ru": "министр иностранных дел", "ko": "외교장관"},
        "minister": {"ru": "министр", "ko": "장관"},
        "first deputy minister": {"ru": "первый заместитель министра", "ko": "제1차관"},
        "deputy / vice minister": {"ru": "заместитель министра", "ko": "차관"},
        "ambassador": {"ru": "посол", "ko": "대사"},
        "director-general": {"ru": "директор департамента", "ko": "국장"},
        "director": {"ru": "директор", "ko": "과장"},
        "official": {"ru": "должностное лицо", "ko": "실무 관계자"},
        "expert": {"ru": "эксперт", "ko": "전문가"},
        "other": {"ru": "другое", "ko": "기타"},
    }
)


def translate(text: str, language: str) -> str:
    """``text`` (English) in ``language``; the English when no translation is held."""
    text = _english(text)
    return TRANSLATIONS.get(text, {}).get(language, text)


def labels_in(language: str) -> dict[str, str]:
    """Every word of the list in ``language``, by the key templates use."""
    return {key: translate(text, language) for key, text in LABELS.items()}


def rank_in(value: str, language: str) -> str:
    """The rank ``value`` in the list's ``language``, whatever the reader's language."""
    if not value:
        return ""
    try:
        label = Rank(value).label
    except ValueError:
        return value
    return translate(label, language)


def list_languages(forum: Forum) -> list[str]:
    """The forum's working languages a list can be given in, in the forum's order."""
    return [code for code in forum.languages if code in LIST_LANGUAGES] or ["en"]


def list_language(forum: Forum, asked: str | None) -> str:
    """The language asked for, or by default English (else the forum's first); 404 for a
    language the forum does not work in or the list is not written in."""
    offered = list_languages(forum)
    if not asked:
        return "en" if "en" in offered else offered[0]
    if asked not in offered:
        raise Http404("The list of participants is not given in that language.")
    return asked


# Who may read the list ---------------------------------------------------------------------------

PUBLIC_STATUSES = frozenset({MeetingStatus.HELD})


@rules.predicate
def meeting_held(user, meeting) -> bool:
    return meeting is not None and meeting.status in PUBLIC_STATUSES


@rules.predicate
def forum_own_people(user, meeting) -> bool:
    return meeting is not None and sees_drafts_of(user, meeting.edition.forum_id)


rules.add_perm("meetings.view_participants", meeting_held | forum_own_people)


def can_view_participants(user, meeting: Meeting) -> bool:
    return user_can(user, "meetings.view_participants", meeting)


# What the list holds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """One line of the list: a head of delegation, a member, or an expert."""

    role: str  # "head", "member" or "expert"
    name: str  # in the list's language where the record holds that form; "" if not named
    name_language: str
    default_name: str  # the record's default form, when ``name`` is another form
    office: str  # title, office or function, as recorded
    rank: str  # heads: the rank, in the list's language
    state_name: str
    state_code: str
    person: Person | None = None

    @property
    def is_named(self) -> bool:
        return bool(self.name)

    @property
    def label(self) -> str:
        """What stands in the place of the name: the name, else the office."""
        return self.name or self.office

    @property
    def office_language(self) -> str:
        return lang_of(self.office) or "en"


@dataclass(frozen=True)
class DelegationEntry:
    delegation: Delegation
    state_name: str
    state_code: str
    head: Participant | None
    members: tuple[Participant, ...]

    @property
    def participants(self) -> list[Participant]:
        return [p for p in [self.head, *self.members] if p is not None]


@dataclass(frozen=True)
class ParticipantList:
    meeting: Meeting
    edition: Edition
    forum: Forum
    language: str
    languages: tuple[str, ...]
    labels: dict[str, str]
    forum_name: str
    when: str
    place: str
    delegations: tuple[DelegationEntry, ...]
    experts: tuple[Participant, ...]

    @property
    def is_provisional(self) -> bool:
        return self.meeting.status not in PUBLIC_STATUSES

    @property
    def people(self) -> list[Participant]:
        """Everyone on the list, in its order: what the badges are made of."""
        return [p for d in self.delegations for p in d.participants] + list(self.experts)

    @property
    def language_choices(self) -> list[tuple[str, str, bool]]:
        """(code, the language's own name, whether it is this list's) for the switch."""
        return [(code, LANGUAGE_NAMES[code], code == self.language) for code in self.languages]


# Reading it --------------------------------------------------------------------------------------


def names_in(language: str, person_ids: set[int]) -> dict[int, str]:
    """Person id to the form of the name written in ``language`` (``people.naming``: one cached
    map per language). English lists use the record's default form, which is the English one."""
    if language == "en" or not person_ids:
        return {}
    forms = recorded_forms(language)
    return {person_id: forms[person_id] for person_id in person_ids if person_id in forms}


def forum_name_in(forum: Forum, language: str) -> str:
    """The forum's name in ``language`` where one is recorded, else its name."""
    if language == "en":
        return forum.name
    other = ForumName.objects.filter(forum=forum, language=language).order_by("name").first()
    return other.name if other else forum.name


def _office_of(post: Post | None, state_id: int | None) -> str:
    """An office as a list grouped by state shows it: "Minister of Foreign Affairs" under the
    minister's own state, the full name of the office otherwise."""
    if post is None:
        return ""
    return post.title if post.state_id and post.state_id == state_id else str(post)


def _joined(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


def _person_name(person: Person | None, names: dict[int, str]) -> tuple[str, str, str]:
    """(name, its language, the default form when the name is another form)."""
    if person is None:
        return "", "", ""
    other = names.get(person.pk)
    if other and other != person.name:
        return other, lang_of(other) or "en", person.name
    return person.name, lang_of(person.name) or "en", ""


def _head(delegation: Delegation, language: str, names: dict, state: tuple[str, str]):
    if not (delegation.head_person_id or delegation.head_post_id or delegation.head_title):
        return None
    name, name_language, default = _person_name(delegation.head_person, names)
    office = _office_of(delegation.head_post, delegation.state_id) or delegation.head_title
    return Participant(
        role="head",
        name=name,
        name_language=name_language,
        default_name=default,
        office=office,
        rank=rank_in(delegation.head_rank, language),
        state_name=state[0],
        state_code=state[1],
        person=delegation.head_person,
    )


def _member(member: DelegationMember, names: dict, state_id: int, state: tuple[str, str]):
    name, name_language, default = _person_name(member.person, names)
    return Participant(
        role="member",
        name=name,
        name_language=name_language,
        default_name=default,
        office=_joined(_office_of(member.post, state_id), member.function),
        rank="",
        state_name=state[0],
        state_code=state[1],
        person=member.person,
    )


def _expert(expert: ExpertParticipation, language: str, names: dict) -> Participant:
    name, name_language, default = _person_name(expert.person, names)
    organization = str(expert.organization) if expert.organization_id else ""
    field = expert.field.name if expert.field_id else ""
    return Participant(
        role="expert",
        name=name,
        name_language=name_language,
        default_name=default,
        office=_joined(expert.description, organization, field),
        rank="",
        state_name=state_name(expert.state, language) if expert.state_id else "",
        state_code=expert.state.code if expert.state_id else "",
        person=expert.person,
    )


def _when(meeting: Meeting, language: str) -> str:
    """The day of the meeting written in the list's language, whatever the reader's."""
    day: dt.date | None = meeting.local_date
    if day is None:
        return translate(LABELS["date_not_known"], language)
    return l10n.day(day, l10n.babel_locale(language))


def _place(meeting: Meeting, language: str) -> str:
    edition = meeting.edition
    state: State | None = meeting.state or edition.host_state
    city = meeting.city or edition.city
    return _joined(city, state_name(state, language) if state else "")


def participants_of(meeting: Meeting, language: str) -> ParticipantList:
    """The list of ``meeting`` in ``language``, for a meeting loaded with its edition, forum and
    host (``meeting_for_participants``): seven queries at most, whatever the number of people.

    Delegations with members, memberships (the forum's own order), experts, state names, then,
    for a language other than English, the names of people and of the forum in it.
    """
    edition = meeting.edition
    forum = edition.forum
    prefetch_related_objects([meeting], Prefetch("delegations", queryset=delegations_shown()))
    delegations = list(meeting.delegations.all())
    ranks = precedence_ranks(forum.memberships.all())
    experts = list(
        ExpertParticipation.objects.filter(meeting=meeting, person__isnull=False)
        .select_related("state", "organization", "field", "person")
        .order_by("person__sort_name", "person__name", "pk")
    )
    host = edition.host_state
    prefetch_state_names(
        [
            host,
            meeting.state,
            *(d.state for d in delegations),
            *(e.state for e in experts),
        ]
    )
    delegations = delegations_in_precedence(delegations, forum, host=host, ranks=ranks)
    with_state = in_precedence(
        [e for e in experts if e.state_id],
        forum,
        state_of=lambda e: e.state,
        host=host,
        ranks=ranks,
    )
    experts = with_state + [e for e in experts if not e.state_id]

    person_ids = {d.head_person_id for d in delegations if d.head_person_id}
    person_ids |= {m.person_id for d in delegations for m in d.members.all() if m.person_id}
    person_ids |= {e.person_id for e in experts}
    names = names_in(language, person_ids)

    entries = []
    for delegation in delegations:
        state = (state_name(delegation.state, language), delegation.state.code)
        entries.append(
            DelegationEntry(
                delegation=delegation,
                state_name=state[0],
                state_code=state[1],
                head=_head(delegation, language, names, state),
                members=tuple(
                    _member(m, names, delegation.state_id, state) for m in delegation.members.all()
                ),
            )
        )
    return ParticipantList(
        meeting=meeting,
        edition=edition,
        forum=forum,
        language=language,
        languages=tuple(list_languages(forum)),
        labels=labels_in(language),
        forum_name=forum_name_in(forum, language),
        when=_when(meeting, language),
        place=_place(meeting, language),
        delegations=tuple(entries),
        experts=tuple(_expert(e, language, names) for e in experts),
    )


def meeting_for_participants(*, forum_slug: str, number: int, pk: int, viewer) -> Meeting:
    """The meeting whose list ``viewer`` asks for; 404 unless it belongs to that edition and the
    viewer may read its list."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("edition__forum", "edition__host_state", "state"),
        pk=pk,
        edition__forum__slug=forum_slug,
        edition__number=number,
    )
    if not can_view_participants(viewer, meeting):
        raise Http404("No meeting matches the given query.")
    return meeting


def participant_list(
    *, forum_slug: str, number: int, pk: int, viewer, language: str | None = None
) -> ParticipantList:
    """The list of participants behind the page and the files; 404 when the meeting is not
    there, its list is not the viewer's to read, or the language is not offered."""
    meeting = meeting_for_participants(forum_slug=forum_slug, number=number, pk=pk, viewer=viewer)
    return participants_of(meeting, list_language(meeting.edition.forum, language))
