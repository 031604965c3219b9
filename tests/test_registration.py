"""Registration and accreditation: the rules of the domain (the deadline, one's own state, the
secretariat's decision, experts' places), the history, the credentials letter and who may read
it, the pages with their permission matrix, the order of precedence and the cost in queries.

``MATRIX`` has one row per page or action and one column per role, in the manner of
``test_workplans_pages``: an anonymous visitor is sent to log in, a signed-in user without the
permission gets 403, an address naming no meeting of the forum, no member state or no expert
session answers 404, and a step the domain refuses answers 400. An allowed action must have done
what it says; a refused one must have changed nothing (rows and audit entries counted before and
after).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.models import AuditEntry
from plenary.forums.domain import state_ensure
from plenary.forums.enums import Precedence
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Delegation, DelegationMember
from plenary.people.enums import NameKind, Rank
from plenary.people.models import Person, PersonName
from plenary.registration import domain
from plenary.registration.models import (
    DelegationRegistration,
    ExpertRegistration,
    RegisteredMember,
    RegistrationCall,
    RegistrationStep,
)
from tests import factories
from tests.html import section_text, table_rows
from tests.matrix import (
    DONE,
    FORBIDDEN,
    HIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    REFUSED,
    SHOWN,
    cases,
    check_answer,
)
from tests.test_pages import count_queries, markup_problems

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a long pass phrase 8"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name: str = "letter.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name: str = "note-verbale.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The domain, with the clock fixed ----------------------------------------------------------------

T0 = dt.datetime(2031, 3, 1, 0, 0, tzinfo=dt.UTC)  # the call opens
DEADLINE = dt.datetime(2031, 3, 20, 9, 0, tzinfo=dt.UTC)  # 18:00 in Seoul
BEFORE = dt.datetime(2031, 3, 10, 9, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2031, 3, 21, 9, 0, tzinfo=dt.UTC)


@dataclass
class Scene:
    forum: Any
    states: dict[str, Any]
    meeting: Any
    session: Any
    call: RegistrationCall
    users: dict[str, Any]


@pytest.fixture
def scene(forum) -> Scene:
    """The closing ceremony of the 17th edition of ``forum`` (in Seoul, 1 April 2031) with its
    call open from ``T0`` to ``DEADLINE``, an expert session on forestry, and the people who take
    part: the secretariat, focal points of Kazakhstan, Kyrgyzstan and Korea, two experts."""
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    edition = factories.EditionFactory(
        forum=forum, number=17, start_date=dt.date(2031, 4, 1), status="planned"
    )
    meeting = factories.MeetingFactory(
        edition=edition,
        kind=MeetingKind.CLOSING_CEREMONY,
        title="Closing ceremony",
        date=dt.date(2031, 4, 1),
        status="planned",
    )
    session = factories.MeetingFactory(
        edition=edition,
        kind=MeetingKind.EXPERT_SESSION,
        title="Expert session on forestry",
        field=factories.FieldFactory(name="Forestry"),
        date=dt.date(2031, 3, 31),
        status="planned",
    )
    users = {}
    for name in ["secretariat", "kz", "kg", "kr", "expert", "expert2", "expert3"]:
        users[name] = User.objects.create_user(name, f"{name}@example.org", PASSWORD)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    for code in ["KZ", "KG", "KR"]:
        role_grant(
            user=users[code.lower()],
            forum=forum,
            kind=RoleKind.FOCAL_POINT,
            state=states[code],
        )
    for name in ["expert", "expert2", "expert3"]:
        role_grant(user=users[name], forum=forum, kind=RoleKind.EXPERT)
    call = domain.registration_open(
        meeting=meeting, opens_at=T0, deadline=DEADLINE, by=users["secretariat"], now=T0
    )
    return Scene(forum, states, meeting, session, call, users)


def register_kz(scene: Scene, *, now=BEFORE, **values) -> DelegationRegistration:
    values = {
        "head_name_latin": "Murat Nurtleu",
        "head_name_cyrillic": "Мурат Нуртлеу",
        "head_rank": Rank.FOREIGN_MINISTER,
        "head_title": "Minister of Foreign Affairs",
        "members": [("Aibek Smadiyarov", "spokesperson"), ("Dana Aitova", "adviser")],
        **values,
    }
    return domain.delegation_register(
        meeting=scene.meeting, state=scene.states["KZ"], by=scene.users["kz"], now=now, **values
    )


def submitted_kz(scene: Scene) -> DelegationRegistration:
    registration = register_kz(scene)
    domain.delegation_registration_attach_letter(
        registration=registration, letter=pdf(), by=scene.users["kz"], now=BEFORE
    )
    return domain.delegation_registration_submit(
        registration=registration, by=scene.users["kz"], now=BEFORE
    )


def history(registration: DelegationRegistration) -> list[tuple]:
    return list(
        RegistrationStep.objects.filter(registration=registration)
        .order_by("at", "pk")
        .values_list("kind", "by__username", "note")
    )


def refusal(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def test_the_call_needs_an_aware_future_deadline(scene):
    with pytest.raises(ValidationError) as past:
        domain.registration_open(meeting=scene.session, deadline=T0, now=BEFORE)
    assert past.value.message_dict == {"deadline": ["The deadline must be in the future."]}
    with pytest.raises(ValidationError) as naive:
        domain.registration_open(meeting=scene.session, deadline=dt.datetime(2032, 1, 1), now=T0)
    assert naive.value.message_dict == {"deadline": ["Give the deadline with its time zone."]}
    with pytest.raises(ValidationError) as cap:
        domain.registration_open(meeting=scene.meeting, deadline=DEADLINE, expert_cap=5, now=T0)
    assert cap.value.message_dict == {
        "expert_cap": ["Only an expert session takes a cap on experts."]
    }
    assert RegistrationCall.objects.count() == 1


def test_moving_the_deadline_keeps_the_opening_and_a_second_identical_call_writes_nothing(scene):
    entries = AuditEntry.objects.count()
    domain.registration_open(meeting=scene.meeting, deadline=DEADLINE, now=BEFORE)
    assert AuditEntry.objects.count() == entries
    later = DEADLINE + dt.timedelta(days=3)
    call = domain.registration_open(meeting=scene.meeting, deadline=later, now=BEFORE)
    assert (call.opens_at, call.deadline) == (T0, later)
    assert AuditEntry.objects.filter(action="registration.call.updated").count() == 1


def test_a_focal_point_registers_its_own_state_before_the_deadline(scene):
    registration = register_kz(scene)

    assert (registration.status, registration.state.code) == ("draft", "KZ")
    assert list(registration.members.values_list("position", "name", "function")) == [
        (1, "Aibek Smadiyarov", "spokesperson"),
        (2, "Dana Aitova", "adviser"),
    ]
    assert history(registration) == [("created", "kz", "")]
    assert list(
        AuditEntry.objects.filter(action__startswith="registration.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "registration.call.created",
        "registration.registration.created",
        "registration.member.created",
        "registration.member.created",
    ]


def test_only_the_focal_points_of_the_state_register_it(scene):
    for user in [scene.users["kg"], scene.users["expert"], scene.users["secretariat"]]:
        with pytest.raises(ValidationError) as refused:
            domain.delegation_register(
                meeting=scene.meeting,
                state=scene.states["KZ"],
                by=user,
                head_name_latin="Someone",
                now=BEFORE,
            )
        assert refusal(refused) == (
            "Until the deadline, only the focal points of Kazakhstan change its registration."
        )
    assert DelegationRegistration.objects.count() == 0


def test_a_state_registers_once_per_meeting(scene):
    register_kz(scene)
    with pytest.raises(ValidationError) as twice:
        register_kz(scene)
    assert refusal(twice) == (
        "Kazakhstan has already registered for this meeting; change its registration instead."
    )


def test_no_delegation_registers_for_an_expert_session(scene):
    domain.registration_open(meeting=scene.session, deadline=DEADLINE, now=T0)
    with pytest.raises(ValidationError) as refused:
        domain.delegation_register(
            meeting=scene.session, state=scene.states["KZ"], by=scene.users["kz"], now=BEFORE
        )
    assert refusal(refused) == (
        "Delegations do not register for an expert session; its experts register one by one."
    )


def test_a_state_outside_the_forum_does_not_register(scene):
    japan = factories.state("JP")
    with pytest.raises(ValidationError) as refused:
        domain.delegation_register(
            meeting=scene.meeting, state=japan, by=scene.users["secretariat"], now=AFTER
        )
    assert "Japan is not a member of Korea–Central Asia Cooperation Forum" in refusal(refused)


def test_nothing_is_registered_before_the_call_opens_or_without_a_call(scene):
    with pytest.raises(ValidationError) as early:
        register_kz(scene, now=T0 - dt.timedelta(hours=1))
    assert refusal(early) == (
        "Registration for this meeting opens on 1 March 2031, 09:00 Asia/Seoul "
        "(UTC+09:00; 00:00 UTC)."
    )
    RegistrationCall.objects.all().delete()
    with pytest.raises(ValidationError) as closed:
        register_kz(scene)
    assert refusal(closed) == "Registration for this meeting is not open."


def test_after_the_deadline_only_the_secretariat_changes_a_registration(scene):
    registration = register_kz(scene)

    with pytest.raises(ValidationError) as late:
        domain.delegation_registration_edit(
            registration=registration,
            by=scene.users["kz"],
            head_name_latin="Murat Nurtleu",
            head_rank=Rank.DEPUTY_MINISTER,
            now=AFTER,
        )
    assert refusal(late) == (
        "The deadline passed on 20 March 2031, 18:00 Asia/Seoul (UTC+09:00; 09:00 UTC); only "
        "the secretariat can change the registration now."
    )
    with pytest.raises(ValidationError):
        domain.delegation_registration_edit(
            registration=registration,
            by=scene.users["secretariat"],
            head_name_latin="Murat Nurtleu",
            now=BEFORE,
        )
    registration.refresh_from_db()
    assert registration.head_rank == Rank.FOREIGN_MINISTER

    domain.delegation_registration_edit(
        registration=registration,
        by=scene.users["secretariat"],
        head_name_latin="Murat Nurtleu",
        head_rank=Rank.DEPUTY_MINISTER,
        head_title="Deputy Minister of Foreign Affairs",
        members=[("Aibek Smadiyarov", "spokesperson")],
        now=AFTER,
    )
    registration.refresh_from_db()
    assert (registration.head_rank, registration.members.count()) == (Rank.DEPUTY_MINISTER, 1)
    assert history(registration) == [
        ("created", "kz", ""),
        ("late_change", "secretariat", "Head or members changed."),
    ]
    # A late submission too is the secretariat's.
    with pytest.raises(ValidationError):
        domain.delegation_registration_submit(
            registration=registration, by=scene.users["kz"], now=AFTER
        )


def test_an_edit_that_changes_nothing_leaves_no_step(scene):
    registration = register_kz(scene)
    entries = AuditEntry.objects.count()
    domain.delegation_registration_edit(
        registration=registration,
        by=scene.users["kz"],
        head_name_latin="Murat Nurtleu",
        head_name_cyrillic="Мурат Нуртлеу",
        head_rank=Rank.FOREIGN_MINISTER,
        head_title="Minister of Foreign Affairs",
        members=[("Aibek Smadiyarov", "spokesperson"), ("Dana Aitova", "adviser")],
        now=BEFORE,
    )
    assert AuditEntry.objects.count() == entries
    assert history(registration) == [("created", "kz", "")]


def test_the_head_is_a_person_of_the_record_or_a_typed_name_not_both(scene):
    person = factories.PersonFactory(name="Murat Nurtleu")
    with pytest.raises(ValidationError) as both:
        register_kz(scene, head_person=person)
    assert refusal(both) == (
        "Choose the head of delegation from the record or type the name, not both."
    )
    with pytest.raises(ValidationError) as latin:
        register_kz(scene, head_name_latin="")
    assert refusal(latin) == "Give the name in Latin script as well."
    with pytest.raises(ValidationError) as nameless:
        register_kz(scene, members=[("", "adviser")])
    assert nameless.value.message_dict == {
        "members": ["Give the name of each member, or clear the row."]
    }
    assert DelegationRegistration.objects.count() == 0


def test_submission_needs_a_head_with_a_rank_and_the_letter(scene):
    registration = register_kz(scene, head_name_latin="", head_name_cyrillic="", head_rank="")
    with pytest.raises(ValidationError) as incomplete:
        domain.delegation_registration_submit(
            registration=registration, by=scene.users["kz"], now=BEFORE
        )
    assert incomplete.value.messages == [
        "Name the head of delegation.",
        "Give the rank of the head of delegation.",
        "Attach the credentials letter or note verbale.",
    ]
    registration.refresh_from_db()
    assert registration.status == "draft"


def test_a_submitted_registration_is_closed_to_the_state_until_it_is_returned(scene):
    registration = submitted_kz(scene)
    assert (registration.status, registration.submitted_at) == ("submitted", BEFORE)
    with pytest.raises(ValidationError) as closed:
        domain.delegation_registration_edit(
            registration=registration, by=scene.users["kz"], head_name_latin="X", now=BEFORE
        )
    assert refusal(closed) == (
        "The registration is submitted; it can be changed again if the secretariat returns it."
    )


def test_a_return_needs_a_reason_and_the_state_submits_again(scene):
    registration = submitted_kz(scene)
    secretariat, kz = scene.users["secretariat"], scene.users["kz"]

    with pytest.raises(ValidationError) as no_reason:
        domain.delegation_registration_return(
            registration=registration, reason="  ", by=secretariat, now=BEFORE
        )
    assert no_reason.value.message_dict == {
        "reason": [
            "Say why the registration is returned, so that the focal points can put it right."
        ]
    }
    registration.refresh_from_db()
    assert registration.status == "submitted"

    later = BEFORE + dt.timedelta(hours=2)
    domain.delegation_registration_return(
        registration=registration,
        reason="The letter is not signed.",
        by=secretariat,
        now=later,
    )
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason, registration.decided_at) == (
        "returned",
        "The letter is not signed.",
        later,
    )
    with pytest.raises(ValidationError) as twice:
        domain.delegation_registration_return(
            registration=registration, reason="Again.", by=secretariat, now=later
        )
    assert refusal(twice) == (
        "Only a submitted registration can be returned; this one is returned for changes."
    )
    with pytest.raises(ValidationError):
        domain.delegation_registration_accept(registration=registration, by=secretariat)

    again = later + dt.timedelta(hours=1)
    domain.delegation_registration_attach_letter(
        registration=registration, letter=pdf("signed.pdf"), by=kz, now=again
    )
    domain.delegation_registration_submit(registration=registration, by=kz, now=again)
    registration.refresh_from_db()
    assert (registration.status, registration.submitted_at, registration.decided_at) == (
        "submitted",
        again,
        None,
    )
    assert history(registration) == [
        ("created", "kz", ""),
        ("letter", "kz", "Credentials letter attached: letter.pdf."),
        ("submitted", "kz", ""),
        ("returned", "secretariat", "The letter is not signed."),
        ("letter", "kz", "Credentials letter attached: signed.pdf."),
        ("submitted", "kz", ""),
    ]
    assert list(
        AuditEntry.objects.filter(object_id=registration.pk, action__startswith="registration.reg")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "registration.registration.created",
        "registration.registration.letter_attached",
        "registration.registration.submitted",
        "registration.registration.returned",
        "registration.registration.letter_attached",
        "registration.registration.submitted",
    ]


def test_acceptance_records_the_delegation_with_the_head_rank_and_members(scene):
    registration = submitted_kz(scene)
    accepted_at = BEFORE + dt.timedelta(days=1)

    delegation = domain.delegation_registration_accept(
        registration=registration, by=scene.users["secretariat"], now=accepted_at
    )

    assert (delegation.meeting, delegation.state.code) == (scene.meeting, "KZ")
    assert (delegation.head_person.name, delegation.head_rank, delegation.head_title) == (
        "Murat Nurtleu",
        Rank.FOREIGN_MINISTER,
        "Minister of Foreign Affairs",
    )
    assert list(delegation.head_person.names.values_list("name", "language", "kind")) == [
        ("Мурат Нуртлеу", "kk", NameKind.NATIVE)
    ]
    assert [
        (m.position, m.person.name, m.function) for m in delegation.members.order_by("position")
    ] == [(1, "Aibek Smadiyarov", "spokesperson"), (2, "Dana Aitova", "adviser")]
    registration.refresh_from_db()
    assert (registration.status, registration.decided_at, registration.delegation) == (
        "accepted",
        accepted_at,
        delegation,
    )
    assert history(registration)[-1] == ("accepted", "secretariat", "")


def test_accepting_again_writes_nothing(scene):
    registration = submitted_kz(scene)
    secretariat = scene.users["secretariat"]
    first = domain.delegation_registration_accept(registration=registration, by=secretariat)
    counts = (
        Delegation.objects.count(),
        DelegationMember.objects.count(),
        Person.objects.count(),
        PersonName.objects.count(),
        RegistrationStep.objects.count(),
        AuditEntry.objects.count(),
    )

    second = domain.delegation_registration_accept(registration=registration, by=secretariat)

    assert second == first
    assert (
        Delegation.objects.count(),
        DelegationMember.objects.count(),
        Person.objects.count(),
        PersonName.objects.count(),
        RegistrationStep.objects.count(),
        AuditEntry.objects.count(),
    ) == counts


def test_acceptance_uses_a_head_of_the_record_and_keeps_what_the_delegation_already_had(scene):
    """Korea's head is chosen from the record; the delegation entered before in the back office
    keeps its office and note, and its members become the registered ones."""
    kr = scene.states["KR"]
    minister = factories.PersonFactory(name="Cho Tae-yul")
    post = factories.PostFactory(title="Minister of Foreign Affairs", state=kr)
    before = Delegation.objects.create(
        meeting=scene.meeting, state=kr, head_post=post, head_rank=Rank.FOREIGN_MINISTER, note="x"
    )
    DelegationMember.objects.create(delegation=before, post=post, function="old", position=0)
    registration = domain.delegation_register(
        meeting=scene.meeting,
        state=kr,
        by=scene.users["kr"],
        head_person=minister,
        head_rank=Rank.FOREIGN_MINISTER,
        members=[("Kim Min-ji", "director")],
        now=BEFORE,
    )
    domain.delegation_registration_attach_letter(
        registration=registration, letter=docx(), by=scene.users["kr"], now=BEFORE
    )
    domain.delegation_registration_submit(
        registration=registration, by=scene.users["kr"], now=BEFORE
    )

    delegation = domain.delegation_registration_accept(
        registration=registration, by=scene.users["secretariat"], now=BEFORE
    )

    assert delegation.pk == before.pk
    assert (delegation.head_person, delegation.head_post, delegation.note) == (minister, post, "x")
    assert [(m.position, str(m.person), m.function) for m in delegation.members.all()] == [
        (1, "Kim Min-ji", "director")
    ]
    assert AuditEntry.objects.filter(action="meetings.delegation_member.deleted").count() == 1


def test_a_late_change_of_an_accepted_registration_reaches_the_delegation(scene):
    registration = submitted_kz(scene)
    secretariat = scene.users["secretariat"]
    domain.delegation_registration_accept(registration=registration, by=secretariat, now=BEFORE)

    domain.delegation_registration_edit(
        registration=registration,
        by=secretariat,
        head_name_latin="Murat Nurtleu",
        head_rank=Rank.DEPUTY_PRIME_MINISTER,
        head_title="Deputy Prime Minister",
        members=[("Dana Aitova", "adviser")],
        now=AFTER,
    )

    delegation = Delegation.objects.get(meeting=scene.meeting, state=scene.states["KZ"])
    assert (delegation.head_rank, delegation.head_title) == (
        Rank.DEPUTY_PRIME_MINISTER,
        "Deputy Prime Minister",
    )
    assert [m.person.name for m in delegation.members.all()] == ["Dana Aitova"]
    registration.refresh_from_db()
    assert registration.status == "accepted"
    assert history(registration)[-1] == ("late_change", "secretariat", "Head or members changed.")


def test_a_name_of_the_record_is_reused_not_renamed(scene):
    """A head typed with a name the record already has is that person; a Korean head's Hangul
    name is their native form."""
    existing = factories.PersonFactory(name="Park Jin", slug="park-jin")
    other = factories.PersonFactory(name="Park-Jin", slug="park-jin-2")
    kr = scene.states["KR"]
    registration = domain.delegation_register(
        meeting=scene.meeting,
        state=kr,
        by=scene.users["kr"],
        head_name_latin="Park Jin",
        head_name_hangul="박진",
        head_rank=Rank.FOREIGN_MINISTER,
        now=BEFORE,
    )
    domain.delegation_registration_attach_letter(
        registration=registration, letter=pdf(), by=scene.users["kr"], now=BEFORE
    )
    domain.delegation_registration_submit(
        registration=registration, by=scene.users["kr"], now=BEFORE
    )
    delegation = domain.delegation_registration_accept(
        registration=registration, by=scene.users["secretariat"], now=BEFORE
    )
    assert delegation.head_person == existing
    assert list(existing.names.values_list("name", "language", "kind")) == [
        ("박진", "ko", NameKind.NATIVE)
    ]
    other.refresh_from_db()
    assert other.name == "Park-Jin"


def test_only_a_submitted_registration_is_accepted(scene):
    registration = register_kz(scene)
    with pytest.raises(ValidationError) as draft:
        domain.delegation_registration_accept(
            registration=registration, by=scene.users["secretariat"]
        )
    assert refusal(draft) == "Only a submitted registration can be accepted; this one is draft."
    assert Delegation.objects.count() == 0


# Experts ------------------------------------------------------------------------------------------


def open_session(scene: Scene, cap: int | None) -> RegistrationCall:
    return domain.registration_open(
        meeting=scene.session, opens_at=T0, deadline=DEADLINE, expert_cap=cap, now=T0
    )


def register_expert(scene: Scene, name: str, *, now=BEFORE, **values) -> ExpertRegistration:
    values = {"name": name.title(), "field": scene.session.field, **values}
    return domain.expert_register(meeting=scene.session, user=scene.users[name], now=now, **values)


def test_experts_register_up_to_the_cap_and_the_next_is_refused(scene):
    open_session(scene, cap=2)
    register_expert(scene, "expert", organization="Korea Forest Research Institute")
    register_expert(scene, "expert2", state=scene.states["KZ"])

    with pytest.raises(ValidationError) as full:
        register_expert(scene, "expert3")

    assert refusal(full) == "The session is full: all 2 places are taken."
    assert ExpertRegistration.objects.filter(status="registered").count() == 2
    assert AuditEntry.objects.filter(action="registration.expert.registered").count() == 2


def test_a_cancelled_place_can_be_taken_and_the_expert_may_come_back(scene):
    open_session(scene, cap=1)
    first = register_expert(scene, "expert")
    with pytest.raises(ValidationError) as full:
        register_expert(scene, "expert2")
    assert refusal(full) == "The session is full: its only place is taken."

    domain.expert_registration_cancel(registration=first, by=scene.users["expert"], now=BEFORE)
    register_expert(scene, "expert2")
    with pytest.raises(ValidationError):
        register_expert(scene, "expert")
    with pytest.raises(ValidationError) as twice:
        domain.expert_registration_cancel(registration=first, by=scene.users["expert"])
    assert refusal(twice) == "This registration is already cancelled."

    domain.registration_open(meeting=scene.session, deadline=DEADLINE, expert_cap=2, now=BEFORE)
    again = register_expert(scene, "expert")
    assert (again.pk, again.status, again.cancelled_at) == (first.pk, "registered", None)


def test_the_cap_cannot_fall_below_the_experts_registered(scene):
    open_session(scene, cap=None)
    register_expert(scene, "expert")
    register_expert(scene, "expert2")
    with pytest.raises(ValidationError) as low:
        domain.registration_open(meeting=scene.session, deadline=DEADLINE, expert_cap=1, now=BEFORE)
    assert low.value.message_dict == {
        "expert_cap": ["2 experts are already registered; the cap cannot be lower."]
    }


def test_expert_registration_rules(scene):
    open_session(scene, cap=None)
    with pytest.raises(ValidationError) as not_session:
        domain.expert_register(
            meeting=scene.meeting, user=scene.users["expert"], name="E", field=None, now=BEFORE
        )
    assert refusal(not_session) == "Experts register for expert sessions only."
    with pytest.raises(ValidationError) as not_expert:
        domain.expert_register(
            meeting=scene.session,
            user=scene.users["kz"],
            name="E",
            field=scene.session.field,
            now=BEFORE,
        )
    assert refusal(not_expert) == (
        "Only the experts of Korea–Central Asia Cooperation Forum register for its sessions."
    )
    with pytest.raises(ValidationError) as wrong_field:
        register_expert(scene, "expert", field=factories.FieldFactory(name="Health"))
    assert wrong_field.value.message_dict == {
        "field": ["This session is on Forestry; register in that field."]
    }
    with pytest.raises(ValidationError) as late:
        register_expert(scene, "expert", now=AFTER)
    assert refusal(late).startswith("The deadline passed on 20 March 2031")
    assert ExpertRegistration.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_the_cap_holds_when_experts_register_at_once(scene):
    """Six experts ask for three places at the same moment: the lock on the call lets three in
    and refuses three with the message."""
    open_session(scene, cap=3)
    experts = []
    for i in range(6):
        user = User.objects.create_user(f"rush{i}", password=PASSWORD)
        role_grant(user=user, forum=scene.forum, kind=RoleKind.EXPERT)
        experts.append(user)
    barrier = threading.Barrier(len(experts))
    outcomes: list[str] = []

    def rush(user) -> None:
        try:
            barrier.wait()
            domain.expert_register(
                meeting=scene.session,
                user=user,
                name=user.username,
                field=scene.session.field,
                now=BEFORE,
            )
            outcomes.append("in")
        except ValidationError as refused:
            outcomes.append(" ".join(refused.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=rush, args=(user,)) for user in experts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["The session is full: all 3 places are taken."] * 3 + ["in"] * 3
    assert ExpertRegistration.objects.filter(status="registered").count() == 3


# The letter ---------------------------------------------------------------------------------------


def test_the_letter_is_checked_for_type_content_and_size(scene, settings):
    registration = register_kz(scene)

    def attach(upload):
        return domain.delegation_registration_attach_letter(
            registration=registration, letter=upload, by=scene.users["kz"], now=BEFORE
        )

    refusals = {}
    for upload in [
        SimpleUploadedFile("letter.txt", b"Dear colleagues"),
        SimpleUploadedFile("letter.exe", b"MZ"),
        pdf("letter.pdf", PNG),
        SimpleUploadedFile("letter.docx", PDF),
        SimpleUploadedFile("letter.png", b""),
    ]:
        with pytest.raises(ValidationError) as refused:
            attach(upload)
        refusals[upload.name] = refused.value.message_dict["letter"]
    settings.PLENARY_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError) as large:
        attach(pdf("large.pdf", PDF + b"0" * (1024 * 1024 + 512 * 1024)))

    wrong_type = "Attach the letter as a PDF, a Word document (.docx) or an image (.png or .jpg)."
    assert refusals == {
        "letter.txt": [wrong_type],
        "letter.exe": [wrong_type],
        "letter.pdf": [
            "The file's name says it is a PDF, but its content is not; attach the letter itself."
        ],
        "letter.docx": [
            "The file's name says it is a Word document, but its content is not; attach the "
            "letter itself."
        ],
        "letter.png": ["The file is empty."],
    }
    assert large.value.message_dict == {"letter": ["The file is 1.5 MB; the limit is 1 MB."]}
    registration.refresh_from_db()
    assert (registration.letter.name, registration.letter_name) == ("", "")
    assert not (Path(settings.MEDIA_ROOT) / "registration").exists()


def test_the_letter_is_stored_under_the_media_folder_and_a_replaced_one_is_removed(
    scene, settings, django_capture_on_commit_callbacks
):
    registration = register_kz(scene)
    for upload in [pdf("first.pdf"), SimpleUploadedFile("scan.JPG", b"\xff\xd8\xff\xe0rest")]:
        with django_capture_on_commit_callbacks(execute=True):
            domain.delegation_registration_attach_letter(
                registration=registration, letter=upload, by=scene.users["kz"], now=BEFORE
            )
    registration.refresh_from_db()
    folder = Path(settings.MEDIA_ROOT) / "registration" / str(scene.meeting.pk) / "kz"
    stored = list(folder.iterdir())
    assert [path.suffix for path in stored] == [".jpg"]
    assert registration.letter.name == f"registration/{scene.meeting.pk}/kz/{stored[0].name}"
    assert registration.letter_name == "scan.JPG"
    assert stored[0].read_bytes() == b"\xff\xd8\xff\xe0rest"


# The pages ----------------------------------------------------------------------------------------

ROLES = (
    "anonymous",  # the public
    "expert",  # an expert of the forum
    "focal",  # focal point of Kazakhstan
    "other_focal",  # focal point of another member state (Kyrgyzstan)
    "other_secretariat",  # secretariat of another forum
    "secretariat",  # secretariat of this forum
    "superuser",  # a Django superuser with no role in any forum
)


# fmt: off
MATRIX: dict[str, tuple] = {
    #                                              anonymous  expert     focal      other_focal other_sec  secretariat superuser
    "GET the forum's calls":                      (LOGIN,     OK,        OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET the forum's calls, another forum":       (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET a meeting's registrations":              (LOGIN,     FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET registrations: Kazakhstan's link":       (LOGIN,     FORBIDDEN, SHOWN,     HIDDEN,    FORBIDDEN, SHOWN,     FORBIDDEN),
    "GET registrations: the link to the call":    (LOGIN,     FORBIDDEN, HIDDEN,    HIDDEN,    FORBIDDEN, SHOWN,     FORBIDDEN),
    "GET registrations, meeting of another forum": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET an expert session's registrations":      (LOGIN,     OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET a state's registration, expert session": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET open the call":                          (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "POST open the call":                         (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST open the call, deadline passed":        (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "GET Kazakhstan's registration":              (LOGIN,     FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET registration of a state not a member":   (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST save Kazakhstan's registration":        (LOGIN,     FORBIDDEN, DONE,      FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST add a member row":                      (LOGIN,     FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST register Kyrgyzstan":                   (LOGIN,     FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST save, deadline passed":                 (LOGIN,     FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST attach the letter":                     (LOGIN,     FORBIDDEN, DONE,      FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST attach a text file":                    (LOGIN,     FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "GET the letter":                             (LOGIN,     FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "POST submit":                                (LOGIN,     FORBIDDEN, DONE,      FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST accept":                                (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST accept a draft":                        (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST return with a reason":                  (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST return without a reason":               (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "GET register as an expert":                  (LOGIN,     OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "GET register as an expert, not a session":   (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST register as an expert":                 (LOGIN,     DONE,      FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "POST register as an expert, session full":   (LOGIN,     REFUSED,   FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "POST cancel an expert's registration":       (LOGIN,     DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
}
# fmt: on


@dataclass
class World:
    forum: Any
    other_forum: Any
    users: dict[str, Any]
    states: dict[str, Any]
    meetings: dict[str, Any]
    registrations: dict[str, DelegationRegistration]
    extra: dict[str, Any] = field(default_factory=dict)

    def url(self, name: str, meeting: str = "open", **kwargs) -> str:
        m = self.meetings[meeting]
        return reverse(
            f"registration:{name}",
            kwargs={"forum": self.forum.slug, "number": m.edition.number, "pk": m.pk, **kwargs},
        )

    def state_url(self, code: str, name: str = "delegation", meeting: str = "open") -> str:
        return self.url(name, meeting, code=code.lower())


def make_world() -> World:
    """The 17th edition of a forum of Korea and the five Central Asian states, ten days before
    the deadline of its ministerial meeting's call, where Kazakhstan has a complete draft; its
    senior officials' meeting, whose deadline passed the day before with Kazakhstan's
    registration submitted; a heads-of-delegation meeting with no call yet; three expert sessions
    (one with places left, one full, one the expert registered for)."""
    now = timezone.now()
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    states["KR"] = state_ensure("KR", name="Republic of Korea")
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])

    users: dict[str, Any] = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org", PASSWORD)
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)
    role_grant(user=users["focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"])
    role_grant(
        user=users["other_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KG"]
    )
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    colleague = User.objects.create_user("colleague", "colleague@example.org", PASSWORD)
    role_grant(user=colleague, forum=forum, kind=RoleKind.EXPERT)

    day = (now + dt.timedelta(days=40)).date()
    edition = factories.EditionFactory(
        forum=forum, number=17, start_date=day, status="planned", host_state=states["KR"]
    )
    other_edition = factories.EditionFactory(forum=other_forum, number=11, start_date=day)

    def meeting(title: str, kind: str = MeetingKind.MINISTERIAL, **values):
        return factories.MeetingFactory(
            edition=edition, kind=kind, title=title, date=day, status="planned", **values
        )

    forestry, health = (
        factories.FieldFactory(name="Forestry"),
        factories.FieldFactory(name="Health"),
    )
    meetings = {
        "open": meeting("Ministerial meeting"),
        "closed": meeting("Senior officials' meeting", MeetingKind.SENIOR_OFFICIALS),
        "fresh": meeting("Heads of delegation meeting", MeetingKind.HEADS_OF_DELEGATION),
        "session": meeting(
            "Expert session on forestry", MeetingKind.EXPERT_SESSION, field=forestry
        ),
        "full": meeting("Expert session on health", MeetingKind.EXPERT_SESSION, field=health),
        "mine": meeting("Expert session on energy", MeetingKind.EXPERT_SESSION),
        "foreign": factories.MeetingFactory(edition=other_edition, title="Tokyo meeting"),
    }
    secretariat, focal = users["secretariat"], users["focal"]
    for name, cap in [("open", None), ("session", 3), ("full", 1), ("mine", None)]:
        domain.registration_open(
            meeting=meetings[name],
            deadline=now + dt.timedelta(days=10),
            expert_cap=cap,
            by=secretariat,
            now=now - dt.timedelta(minutes=1),
        )
    past = now - dt.timedelta(days=20)
    domain.registration_open(
        meeting=meetings["closed"],
        opens_at=past,
        deadline=now - dt.timedelta(days=1),
        by=secretariat,
        now=past,
    )

    def kazakhstan(meeting_name: str, *, at) -> DelegationRegistration:
        registration = domain.delegation_register(
            meeting=meetings[meeting_name],
            state=states["KZ"],
            by=focal,
            head_name_latin="Murat Nurtleu",
            head_rank=Rank.FOREIGN_MINISTER,
            head_title="Minister of Foreign Affairs",
            members=[("Aibek Smadiyarov", "spokesperson")],
            now=at,
        )
        return domain.delegation_registration_attach_letter(
            registration=registration, letter=pdf(), by=focal, now=at
        )

    registrations = {
        "open": kazakhstan("open", at=now),
        "closed": kazakhstan("closed", at=past + dt.timedelta(days=1)),
    }
    domain.delegation_registration_submit(
        registration=registrations["closed"], by=focal, now=past + dt.timedelta(days=1)
    )
    domain.expert_register(
        meeting=meetings["session"], user=colleague, name="Colleague", field=forestry
    )
    domain.expert_register(meeting=meetings["full"], user=colleague, name="Colleague", field=health)
    domain.expert_register(
        meeting=meetings["mine"],
        user=users["expert"],
        name="Expert",
        field=factories.FieldFactory(name="Energy"),
    )
    return World(
        forum=forum,
        other_forum=other_forum,
        users=users,
        states=states,
        meetings=meetings,
        registrations=registrations,
    )


def snapshot() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        [
            model.objects.count()
            for model in (
                RegistrationCall,
                DelegationRegistration,
                RegisteredMember,
                RegistrationStep,
                ExpertRegistration,
                Delegation,
                DelegationMember,
                Person,
                AuditEntry,
            )
        ],
        list(RegistrationCall.objects.order_by("pk").values_list("pk", "deadline", "note")),
        list(
            DelegationRegistration.objects.order_by("pk").values_list(
                "pk",
                "status",
                "head_name_latin",
                "head_rank",
                "head_title",
                "letter",
                "letter_name",
                "return_reason",
            )
        ),
        list(RegisteredMember.objects.order_by("pk").values_list("pk", "name", "function")),
        list(ExpertRegistration.objects.order_by("pk").values_list("pk", "status")),
    )


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[[World, str], None] | None = None  # for DONE cells
    refusal: str = ""  # for REFUSED cells


def form_data(**values) -> dict:
    """The registration form as a browser sends it: the head and two member rows."""
    data = {
        "head_person": "",
        "head_name_latin": "Murat Nurtleu",
        "head_name_cyrillic": "",
        "head_name_hangul": "",
        "head_rank": Rank.DEPUTY_MINISTER,
        "head_title": "Deputy Minister of Foreign Affairs",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-0-name": "Aibek Smadiyarov",
        "members-0-function": "spokesperson",
        "members-1-name": "Dana Aitova",
        "members-1-function": "adviser",
    }
    data.update(values)
    return data


def _saved(meeting: str, code: str = "KZ") -> Callable[[World, str], None]:
    def check(world: World, role: str) -> None:
        registration = DelegationRegistration.objects.get(
            meeting=world.meetings[meeting], state=world.states[code]
        )
        assert (registration.head_rank, registration.head_title) == (
            Rank.DEPUTY_MINISTER,
            "Deputy Minister of Foreign Affairs",
        )
        assert list(registration.members.values_list("name", "function")) == [
            ("Aibek Smadiyarov", "spokesperson"),
            ("Dana Aitova", "adviser"),
        ]
        last = registration.steps.order_by("at", "pk").last()
        assert last.by == world.users[role]

    return check


def _call_opened(world: World, role: str) -> None:
    call = RegistrationCall.objects.get(meeting=world.meetings["fresh"])
    assert call.deadline == dt.datetime(2099, 6, 30, 9, 0, tzinfo=dt.UTC)  # 18:00 in Seoul
    assert call.note == "Send the letter by e-mail too."


def _letter_attached(world: World, role: str) -> None:
    registration = world.registrations["open"]
    registration.refresh_from_db()
    assert registration.letter_name == "credentials.pdf"


def _submitted(world: World, role: str) -> None:
    registration = world.registrations["open"]
    registration.refresh_from_db()
    assert registration.status == "submitted"


def _accepted(world: World, role: str) -> None:
    delegation = Delegation.objects.get(meeting=world.meetings["closed"], state=world.states["KZ"])
    assert (delegation.head_person.name, delegation.head_rank) == (
        "Murat Nurtleu",
        Rank.FOREIGN_MINISTER,
    )
    assert [m.person.name for m in delegation.members.all()] == ["Aibek Smadiyarov"]


def _returned(world: World, role: str) -> None:
    registration = world.registrations["closed"]
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason) == (
        "returned",
        "The letter is not signed.",
    )


def _expert_registered(world: World, role: str) -> None:
    registration = ExpertRegistration.objects.get(
        meeting=world.meetings["session"], user=world.users[role]
    )
    assert (registration.name, registration.organization, registration.state.code) == (
        "Dana Aitova",
        "Institute of Botany",
        "KZ",
    )


def _expert_cancelled(world: World, role: str) -> None:
    registration = ExpertRegistration.objects.get(
        meeting=world.meetings["mine"], user=world.users[role]
    )
    assert registration.status == "cancelled"


def _expert_data(world: World, role: str, *, meeting: str = "session") -> dict:
    return {
        "name": "Dana Aitova",
        "organization": "Institute of Botany",
        "state": world.states["KZ"].pk,
        "field": world.meetings[meeting].field_id,
    }


ROWS: dict[str, Row] = {
    "GET the forum's calls": Row(
        "GET", lambda w: reverse("registration:calls", kwargs={"forum": w.forum.slug})
    ),
    "GET the forum's calls, another forum": Row(
        "GET", lambda w: reverse("registration:calls", kwargs={"forum": "no-such-forum"})
    ),
    "GET a meeting's registrations": Row("GET", lambda w: w.url("meeting")),
    "GET registrations: Kazakhstan's link": Row(
        "GET", lambda w: w.url("meeting"), shows=lambda w: w.state_url("KZ")
    ),
    "GET registrations: the link to the call": Row(
        "GET", lambda w: w.url("meeting"), shows=lambda w: w.url("open")
    ),
    "GET registrations, meeting of another forum": Row(
        "GET",
        lambda w: reverse(
            "registration:meeting",
            kwargs={"forum": w.forum.slug, "number": 11, "pk": w.meetings["foreign"].pk},
        ),
    ),
    "GET an expert session's registrations": Row("GET", lambda w: w.url("meeting", "session")),
    "GET a state's registration, expert session": Row(
        "GET", lambda w: w.state_url("KZ", meeting="session")
    ),
    "GET open the call": Row("GET", lambda w: w.url("open", "fresh")),
    "POST open the call": Row(
        "POST",
        lambda w: w.url("open", "fresh"),
        data=lambda w, role: {
            "deadline": "2099-06-30T18:00",
            "note": "Send the letter by e-mail too.",
        },
        effect=_call_opened,
    ),
    "POST open the call, deadline passed": Row(
        "POST",
        lambda w: w.url("open", "fresh"),
        data=lambda w, role: {"deadline": "2020-06-30T18:00"},
        refusal="The deadline must be in the future.",
    ),
    "GET Kazakhstan's registration": Row("GET", lambda w: w.state_url("KZ")),
    "GET registration of a state not a member": Row("GET", lambda w: w.state_url("JP")),
    "POST save Kazakhstan's registration": Row(
        "POST",
        lambda w: w.state_url("KZ"),
        data=lambda w, role: form_data(),
        effect=_saved("open"),
        refusal="Until the deadline, only the focal points of Kazakhstan change its registration.",
    ),
    "POST add a member row": Row(
        "POST",
        lambda w: w.state_url("KZ"),
        data=lambda w, role: form_data(add_row="1"),
        refusal="Until the deadline, only the focal points of Kazakhstan change its registration.",
    ),
    "POST register Kyrgyzstan": Row(
        "POST",
        lambda w: w.state_url("KG"),
        data=lambda w, role: form_data(),
        effect=_saved("open", "KG"),
    ),
    "POST save, deadline passed": Row(
        "POST",
        lambda w: w.state_url("KZ", meeting="closed"),
        data=lambda w, role: form_data(),
        effect=_saved("closed"),
        refusal="only the secretariat can change the registration now.",
    ),
    "POST attach the letter": Row(
        "POST",
        lambda w: w.state_url("KZ", "letter"),
        data=lambda w, role: {"letter": pdf("credentials.pdf")},
        effect=_letter_attached,
    ),
    "POST attach a text file": Row(
        "POST",
        lambda w: w.state_url("KZ", "letter"),
        data=lambda w, role: {"letter": SimpleUploadedFile("credentials.txt", b"Dear")},
    ),
    "GET the letter": Row("GET", lambda w: w.state_url("KZ", "letter_file")),
    "POST submit": Row("POST", lambda w: w.state_url("KZ", "submit"), effect=_submitted),
    "POST accept": Row(
        "POST", lambda w: w.state_url("KZ", "accept", meeting="closed"), effect=_accepted
    ),
    "POST accept a draft": Row(
        "POST",
        lambda w: w.state_url("KZ", "accept"),
        refusal="Only a submitted registration can be accepted; this one is draft.",
    ),
    "POST return with a reason": Row(
        "POST",
        lambda w: w.state_url("KZ", "return", meeting="closed"),
        data=lambda w, role: {"reason": "The letter is not signed."},
        effect=_returned,
    ),
    "POST return without a reason": Row(
        "POST",
        lambda w: w.state_url("KZ", "return", meeting="closed"),
        data=lambda w, role: {"reason": ""},
        refusal="Say why the registration is returned",
    ),
    "GET register as an expert": Row("GET", lambda w: w.url("expert", "session")),
    "GET register as an expert, not a session": Row("GET", lambda w: w.url("expert", "open")),
    "POST register as an expert": Row(
        "POST", lambda w: w.url("expert", "session"), data=_expert_data, effect=_expert_registered
    ),
    "POST register as an expert, session full": Row(
        "POST",
        lambda w: w.url("expert", "full"),
        data=lambda w, role: _expert_data(w, role, meeting="full"),
        refusal="The session is full: its only place is taken.",
    ),
    "POST cancel an expert's registration": Row(
        "POST", lambda w: w.url("expert_cancel", "mine"), effect=_expert_cancelled
    ),
}


def test_matrix_covers_every_row_and_role():
    assert sorted(MATRIX) == sorted(ROWS)
    assert {len(cells) for cells in MATRIX.values()} == {len(ROLES)}


@pytest.mark.parametrize(("name", "role", "expected"), list(cases(MATRIX, ROLES)))
def test_permission_matrix(client, name, role, expected):
    row = ROWS[name]
    world = make_world()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = row.url(world)
    data = row.data(world, role)
    before = snapshot()

    response = client.get(url) if row.method == "GET" else client.post(url, data)

    check_answer(
        response,
        expected,
        url=url,
        shows=row.shows(world) if row.shows else "",
        refusal=row.refusal,
    )
    if row.method == "GET":
        return
    if expected == DONE:
        assert snapshot() != before, "the action changed nothing"
        row.effect(world, role)
    else:
        assert snapshot() == before, "a refused action changed something"


# Pages and forms ----------------------------------------------------------------------------------


@pytest.fixture
def world(db):
    return make_world()


def _login(client, world: World, role: str) -> None:
    client.force_login(world.users[role])


def test_pages_are_valid_markup(client, world):
    pages = {
        "secretariat": [
            reverse("registration:calls", kwargs={"forum": world.forum.slug}),
            world.url("meeting"),
            world.url("meeting", "session"),
            world.url("open"),
            world.url("open", "fresh"),
            world.url("open", "session"),
            world.state_url("KZ"),
            world.state_url("KZ", meeting="closed"),
            world.state_url("TJ"),
        ],
        "focal": [
            reverse("registration:calls", kwargs={"forum": world.forum.slug}),
            world.url("meeting"),
            world.state_url("KZ"),
            world.state_url("KZ", meeting="closed"),
        ],
        "expert": [
            reverse("registration:calls", kwargs={"forum": world.forum.slug}),
            world.url("meeting", "session"),
            world.url("expert", "session"),
            world.url("expert", "mine"),
        ],
    }
    for role, urls in pages.items():
        _login(client, world, role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            assert markup_problems(response.content.decode()) == [], (role, url)


def test_the_secretariat_lists_every_state_in_the_forums_order_of_precedence(client, world):
    """Korean alphabetical order: 대한민국, 우즈베키스탄, 카자흐스탄, 키르기스스탄, 타지키스탄,
    투르크메니스탄; then the host first when the forum wants it."""
    world.forum.precedence = Precedence.KOREAN
    world.forum.save()
    _login(client, world, "secretariat")

    rows = table_rows(client.get(world.url("meeting")).content.decode(), "registrations")

    assert [row[:3] for row in rows] == [
        ["State", "Status", "Head of delegation"],
        ["Republic of Korea", "not registered", "—"],
        ["Uzbekistan", "not registered", "—"],
        ["Kazakhstan", "draft", "Murat Nurtleu, Minister of Foreign Affairs"],
        ["Kyrgyzstan", "not registered", "—"],
        ["Tajikistan", "not registered", "—"],
        ["Turkmenistan", "not registered", "—"],
    ]
    assert rows[3][3:5] == ["foreign minister", "1"]

    world.forum.precedence = Precedence.ENGLISH
    world.forum.host_first = True
    world.forum.save()
    edition = world.meetings["open"].edition
    edition.host_state = world.states["TM"]
    edition.save()
    rows = table_rows(client.get(world.url("meeting")).content.decode(), "registrations")
    assert [row[0] for row in rows[1:]] == [
        "Turkmenistan",
        "Kazakhstan",
        "Kyrgyzstan",
        "Republic of Korea",
        "Tajikistan",
        "Uzbekistan",
    ]


def test_a_focal_point_sees_its_own_state_only(client, world):
    _login(client, world, "focal")
    html = client.get(world.url("meeting")).content.decode()
    assert [row[:2] for row in table_rows(html, "registrations")[1:]] == [["Kazakhstan", "draft"]]
    assert "Ministerial meeting" in section_text(html, "content")


def test_the_call_is_opened_with_a_deadline_in_the_meetings_zone(client, world):
    _login(client, world, "secretariat")
    url = world.url("open", "fresh")
    form = client.get(url).context["form"]
    assert form.fields["deadline"].label == "Deadline, Asia/Seoul time"

    response = client.post(url, {"deadline": "2099-06-30T18:00", "note": ""})

    assert response["Location"] == world.url("meeting", "fresh")
    html = client.get(response["Location"]).content.decode()
    assert (
        "Registration is open until 30 June 2099, 18:00 Asia/Seoul (UTC+09:00; 09:00 UTC)." in html
    )
    assert "Deadline 30 June 2099, 18:00 Asia/Seoul (UTC+09:00; 09:00 UTC)" in section_text(
        html, "call"
    )
    # Changing the call shows the deadline as it was typed.
    form = client.get(url).context["form"]
    assert form["deadline"].value() == dt.datetime(2099, 6, 30, 18, 0)


def test_a_session_without_a_recorded_zone_takes_its_deadline_in_utc(client, world):
    meeting = world.meetings["fresh"]
    meeting.timezone = ""
    meeting.save()
    _login(client, world, "secretariat")
    client.post(world.url("open", "fresh"), {"deadline": "2099-06-30T18:00"})
    assert RegistrationCall.objects.get(meeting=meeting).deadline == dt.datetime(
        2099, 6, 30, 18, 0, tzinfo=dt.UTC
    )


def test_saving_registers_and_adding_a_row_saves_nothing(client, world):
    _login(client, world, "other_focal")
    url = world.state_url("KG")
    response = client.post(url, form_data(add_row="1"))

    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 3
    assert formset.forms[0]["name"].value() == "Aibek Smadiyarov"
    assert DelegationRegistration.objects.filter(state=world.states["KG"]).count() == 0

    response = client.post(url, form_data(**{"members-1-name": "", "members-1-function": ""}))
    assert response["Location"] == f"{url}#registration"
    html = client.get(url).content.decode()
    assert "Kyrgyzstan’s registration is saved." in html
    registration = DelegationRegistration.objects.get(state=world.states["KG"])
    assert list(registration.members.values_list("name", flat=True)) == ["Aibek Smadiyarov"]
    # The saved members come back with one empty row to add another.
    formset = client.get(url).context["formset"]
    assert [f["name"].value() for f in formset.forms] == ["Aibek Smadiyarov", None]


def test_a_member_row_without_a_name_is_refused_with_the_reason(client, world):
    _login(client, world, "focal")
    response = client.post(
        world.state_url("KZ"), form_data(**{"members-1-name": "", "members-1-function": "adviser"})
    )
    assert response.status_code == 400
    assert "Give the name of each member, or clear the row." in section_text(
        response.content.decode(), "registration"
    )


def test_the_head_can_be_chosen_from_the_record(client, world):
    kz = world.states["KZ"]
    minister = factories.PersonFactory(name="Murat Nurtleu", slug="murat-nurtleu")
    factories.DelegationFactory(meeting=world.meetings["fresh"], state=kz, head_person=minister)
    factories.PersonFactory(name="Someone Else")
    _login(client, world, "focal")
    form = client.get(world.state_url("KZ")).context["head_form"]
    assert [label for _, label in form.fields["head_person"].choices] == [
        "Not in the record",
        "Murat Nurtleu",
    ]
    response = client.post(
        world.state_url("KZ"), form_data(head_person=minister.pk, head_name_latin="")
    )
    assert response.status_code == 302
    assert DelegationRegistration.objects.get(pk=world.registrations["open"].pk).head_person == (
        minister
    )


def test_refusals_say_why(client, world):
    _login(client, world, "focal")
    closed = client.get(world.state_url("KZ", meeting="closed")).content.decode()
    assert "only the secretariat can change the registration now." in section_text(
        closed, "refusal"
    )
    assert 'name="head_name_latin"' not in closed

    other = client.get(world.state_url("KG", meeting="closed"))
    assert other.status_code == 403
    assert section_text(other.content.decode(), "refusal") == (
        "You are not a focal point of Kyrgyzstan: only its focal points and the forum's "
        "secretariat see its registration."
    )

    _login(client, world, "expert")
    full = client.post(world.url("expert", "full"), _expert_data(world, "expert", meeting="full"))
    assert full.status_code == 400
    assert "The session is full: its only place is taken." in section_text(
        full.content.decode(), "yours"
    )


def test_the_secretariat_accepts_and_the_meeting_has_the_delegation(client, world):
    _login(client, world, "secretariat")
    url = world.state_url("KZ", meeting="closed")
    page = client.get(url).content.decode()
    assert "Accept the registration" in page
    assert "a change you make now is recorded in its history as made by the secretariat" in (
        section_text(page, "late")
    )

    response = client.post(world.state_url("KZ", "accept", meeting="closed"))

    assert response["Location"] == f"{url}#status"
    html = client.get(url).content.decode()
    assert "Kazakhstan’s registration is accepted; its delegation is recorded" in html
    assert [row[1] for row in table_rows(html, "history")[1:]] == [
        "Registration started",
        "Credentials letter attached",
        "Submitted to the secretariat",
        "Accepted by the secretariat",
    ]
    meeting_page = client.get(world.meetings["closed"].get_absolute_url()).content.decode()
    assert "Murat Nurtleu" in section_text(meeting_page, "delegations")


def test_a_returned_registration_shows_the_reason_and_opens_again(client, world):
    registration = world.registrations["closed"]
    domain.registration_open(
        meeting=world.meetings["closed"],
        deadline=timezone.now() + dt.timedelta(days=2),
        by=world.users["secretariat"],
    )
    _login(client, world, "secretariat")
    client.post(
        world.state_url("KZ", "return", meeting="closed"), {"reason": "The letter is not signed."}
    )
    _login(client, world, "focal")
    html = client.get(world.state_url("KZ", meeting="closed")).content.decode()
    assert section_text(html, "return-reason") == "Returned for changes: The letter is not signed."
    assert 'name="head_name_latin"' in html
    assert "Submit the registration" in html
    registration.refresh_from_db()
    assert registration.status == "returned"


def test_the_letter_is_served_to_those_who_may_read_it_and_never_from_the_media_folder(
    client, world
):
    registration = world.registrations["open"]
    url = world.state_url("KZ", "letter_file")
    _login(client, world, "focal")

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/media/{registration.letter.name}").status_code == 404
    assert client.get(f"/{registration.letter.name}").status_code == 404
    _login(client, world, "other_focal")
    assert client.get(url).status_code == 403


def test_the_forums_calls_page_for_each_role(client, world):
    url = reverse("registration:calls", kwargs={"forum": world.forum.slug})
    _login(client, world, "secretariat")
    rows = table_rows(client.get(url).content.decode(), "open-calls")
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Ministerial meeting", "1 draft"),
        ("Expert session on forestry (Forestry)", "1 expert registered, of 3 places"),
        ("Expert session on health (Health)", "1 expert registered, of 1 place"),
        ("Expert session on energy", "1 expert registered"),
    ]
    closed = table_rows(client.get(url).content.decode(), "closed-calls")
    assert closed[1][0::3] == ["Senior officials' meeting", "1 submitted"]

    _login(client, world, "focal")
    rows = table_rows(client.get(url).content.decode(), "open-calls")
    assert [(row[0], row[3]) for row in rows[1:]] == [("Ministerial meeting", "Kazakhstan: draft")]

    _login(client, world, "expert")
    rows = table_rows(client.get(url).content.decode(), "open-calls")
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Expert session on forestry (Forestry)", "you are not registered"),
        ("Expert session on health (Health)", "you are not registered"),
        ("Expert session on energy", "you are registered"),
    ]


def test_an_expert_registers_and_cancels_from_the_session_page(client, world):
    _login(client, world, "expert")
    url = world.url("expert", "session")
    form = client.get(url).context["form"]
    assert [label for _, label in form.fields["field"].choices] == ["Forestry"]

    response = client.post(url, _expert_data(world, "expert"))
    assert response["Location"] == url
    html = client.get(url).content.decode()
    assert "You are registered for Expert session on forestry in Forestry." in html
    assert "2 of 3 places taken." in section_text(html, "places")

    response = client.post(world.url("expert_cancel", "session"))
    assert response["Location"] == url
    assert "1 of 3 places taken." in section_text(client.get(url).content.decode(), "places")


def test_the_secretariat_sees_the_experts_of_a_session(client, world):
    _login(client, world, "secretariat")
    html = client.get(world.url("meeting", "session")).content.decode()
    assert "1 expert registered, of 3 places." in section_text(html, "experts")
    assert table_rows(html, "experts")[1] == ["Colleague", "—", "—", "Forestry", "registered"]


# Queries ------------------------------------------------------------------------------------------

EXTRA_MEMBERS = ["JP", "CN", "US", "DE", "FR", "IN", "TR", "MN"]


def grow(world: World, n: int) -> None:
    """``n`` more member states, each registered for the ministerial meeting with members, a
    history, and a focal point's colleague's expert registration; ``n`` more meetings with calls
    and registrations of Kazakhstan."""
    start = world.extra.setdefault("grown", 0)
    now = timezone.now()
    edition = world.meetings["open"].edition
    session_call = RegistrationCall.objects.get(meeting=world.meetings["session"])
    domain.registration_open(
        meeting=world.meetings["session"], deadline=session_call.deadline, expert_cap=None
    )
    for k in range(start, start + n):
        state = factories.state(EXTRA_MEMBERS[k])
        factories.MembershipFactory(forum=world.forum, state=state)
        focal = User.objects.create_user(f"focal-{k}", password=PASSWORD)
        role_grant(user=focal, forum=world.forum, kind=RoleKind.FOCAL_POINT, state=state)
        registration = domain.delegation_register(
            meeting=world.meetings["open"],
            state=state,
            by=focal,
            head_person=factories.PersonFactory(),
            head_rank=Rank.AMBASSADOR,
            members=[("A", "x"), ("B", "y")],
        )
        domain.delegation_registration_attach_letter(
            registration=registration, letter=pdf(), by=focal
        )
        domain.delegation_registration_submit(registration=registration, by=focal)
        meeting = factories.MeetingFactory(
            edition=edition, title=f"Working group {k}", kind=MeetingKind.WORKING_GROUP
        )
        domain.registration_open(meeting=meeting, deadline=now + dt.timedelta(days=5 + k))
        domain.delegation_register(
            meeting=meeting, state=world.states["KZ"], by=world.users["focal"]
        )
        session = factories.MeetingFactory(
            edition=edition,
            title=f"Expert session {k}",
            kind=MeetingKind.EXPERT_SESSION,
            field=factories.FieldFactory(name=f"Field {k}"),
        )
        domain.registration_open(meeting=session, deadline=now + dt.timedelta(days=5 + k))
        domain.expert_register(
            meeting=session, user=world.users["expert"], name="Expert", field=session.field
        )
        expert = User.objects.create_user(f"expert-{k}", password=PASSWORD)
        role_grant(user=expert, forum=world.forum, kind=RoleKind.EXPERT, state=state)
        domain.expert_register(
            meeting=world.meetings["session"],
            user=expert,
            name=f"Expert {k}",
            state=state,
            field=world.meetings["session"].field,
        )
    world.extra["grown"] = start + n


# Exact queries per page and viewer, at any size:
# - a meeting's registrations: the meeting with its edition, forum, host, field and call; the
#   memberships with their states, and the states' names (for Korean or Russian order); the
#   registrations with their heads and numbers of members; an expert session has no
#   delegations: the experts with their states and fields (the secretariat) or the expert's own
#   registration instead;
# - the forum's calls: the forum; the calls with their meetings and editions; the counts of
#   registrations per status and of experts (the secretariat), the focal point's states with
#   their names and their registrations, or the expert's own registrations.
# A signed-in viewer adds the session, the user and the roles.
EXPECTED_QUERIES = {
    ("meeting", "secretariat"): 3 + 1 + 2 + 1,
    ("meeting", "focal"): 3 + 1 + 2 + 1,
    ("session", "secretariat"): 3 + 1 + 1,
    ("session", "expert"): 3 + 1 + 1,
    ("calls", "secretariat"): 3 + 1 + 1 + 2,
    ("calls", "focal"): 3 + 1 + 1 + 2 + 1,
    ("calls", "expert"): 3 + 1 + 1 + 1,
}


def _page_url(world: World, page: str) -> str:
    if page == "calls":
        return reverse("registration:calls", kwargs={"forum": world.forum.slug})
    return world.url("meeting", "session" if page == "session" else "open")


@pytest.mark.parametrize(("page", "role"), list(EXPECTED_QUERIES))
def test_list_page_query_count_does_not_grow_with_data(client, world, page, role):
    """One more of every related thing, then four: the page asks the database the same number
    of times."""
    _login(client, world, role)
    url = _page_url(world, page)
    grow(world, 1)
    small = count_queries(client, url)
    grow(world, 3)
    large = count_queries(client, url)
    assert (small, large) == (EXPECTED_QUERIES[page, role],) * 2


def test_the_grown_lists_show_what_they_loaded(client, world):
    grow(world, 4)
    _login(client, world, "secretariat")
    rows = table_rows(client.get(world.url("meeting")).content.decode(), "registrations")
    assert len(rows) == 1 + 6 + 4
    assert sum(row[1] == "submitted" for row in rows) == 4
    calls = table_rows(
        client.get(
            reverse("registration:calls", kwargs={"forum": world.forum.slug})
        ).content.decode(),
        "open-calls",
    )
    assert len(calls) == 1 + 4 + 8


# The demo -----------------------------------------------------------------------------------------


def test_the_demo_opens_the_practice_call_once_and_focal_points_can_register(db):
    from plenary.demo.practice import practice_forum_load
    from plenary.demo.registration_demo import DEADLINE as DEMO_DEADLINE
    from plenary.demo.registration_demo import registration_demo_load

    forum = practice_forum_load()
    call = registration_demo_load()
    entries = AuditEntry.objects.count()
    again = registration_demo_load()

    assert again.pk == call.pk
    assert AuditEntry.objects.count() == entries
    assert (call.meeting.title, call.deadline) == ("Closing session (demo)", DEMO_DEADLINE)
    focal = User.objects.create_user("focal-kz", password="plenary-focal")
    kz = state_ensure("KZ")
    role_grant(user=focal, forum=forum, kind=RoleKind.FOCAL_POINT, state=kz)
    registration = domain.delegation_register(
        meeting=call.meeting, state=kz, by=focal, head_name_latin="Demo Head"
    )
    assert registration.status == "draft"
