"""Writes of registration and accreditation.

The secretariat opens a call for a meeting with a deadline; each member state's focal points
register its delegation (the head with their rank, the members, the credentials letter) and submit
it; the secretariat accepts it, which records the meeting's delegation, or returns it with a
reason, and the focal points put it right and submit it again. Until the deadline a registration
is the state's own; after it, only the secretariat may change it. Experts register for expert
sessions in a field, up to the session's cap.

Every step writes a ``RegistrationStep`` (the history shown on the registration's page) and an
entry in the audit log. Functions that depend on the clock take ``now=``, which is how the tests
fix it. Who may call each function is checked by the pages through the permissions of ``rules``;
the functions here refuse, with a reason a person can read, whatever must not happen whoever asks:
a change out of time, or by someone who may not make it at that time.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import zipfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenary.accounts.rules import user_can
from plenary.common.domain import log_action, record
from plenary.common.translations import record_text
from plenary.forums.models import Membership, State
from plenary.forums.naming import reader_state_in_sentence, reader_state_name
from plenary.meetings.domain import delegation_member_record, delegation_record
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Delegation, Meeting
from plenary.people.domain import person_record
from plenary.people.enums import NameKind, Rank
from plenary.people.models import Person
from plenary.registration.enums import (
    LETTER_TYPES,
    OPEN_TO_THE_STATE,
    ExpertStatus,
    RegistrationStatus,
    StepKind,
)
from plenary.registration.models import (
    NOTE_LATE_EDIT,
    NOTE_LATE_REGISTRATION,
    NOTE_LATE_SUBMISSION,
    NOTE_LETTER,
    DelegationRegistration,
    ExpertRegistration,
    RegisteredMember,
    RegistrationCall,
    RegistrationStep,
)
from plenary.registration.moments import in_zone
from plenary.registration.rules import is_expert

__all__ = [
    "change_refusal",
    "delegation_register",
    "delegation_registration_accept",
    "delegation_registration_attach_letter",
    "delegation_registration_edit",
    "delegation_registration_return",
    "delegation_registration_submit",
    "expert_register",
    "expert_registration_cancel",
    "letter_check",
    "registration_open",
]

#: The states whose own language is written in Cyrillic, with that language: a head's name in
#: Cyrillic is their name in its native script there, and a transliteration elsewhere.
CYRILLIC_LANGUAGE = {"KZ": "kk", "KG": "ky", "TJ": "tg", "RU": "ru"}

# Helpers ----------------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else timezone.now()


def _actor(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def _when(call_or_moment, meeting: Meeting) -> str:
    return in_zone(call_or_moment, meeting.timezone)


def _call_of(meeting: Meeting, *, lock: bool = False) -> RegistrationCall | None:
    calls = RegistrationCall.objects.filter(meeting=meeting)
    if lock:
        calls = calls.select_for_update()
    return calls.first()


def _locked(registration: DelegationRegistration) -> DelegationRegistration:
    return (
        DelegationRegistration.objects.select_for_update(of=("self",))
        .select_related("meeting__edition", "state", "head_person")
        .get(pk=registration.pk)
    )


def _check_member(meeting: Meeting, state: State, *, now: dt.datetime) -> None:
    day = meeting.local_date or now.date()
    memberships = Membership.objects.filter(forum_id=meeting.edition.forum_id, state=state)
    if not any(membership.is_member_on(day) for membership in memberships):
        raise ValidationError(
            _("%(state)s is not a member of %(forum)s; it does not register a delegation.")
            % {
                "state": reader_state_name(state),
                "forum": record_text(meeting.edition.forum, "name"),
            }
        )


def _step(
    registration: DelegationRegistration, kind: str, *, by, now: dt.datetime, note: str = ""
) -> RegistrationStep:
    step = RegistrationStep(
        registration=registration, kind=kind, at=now, by=_actor(by), note=note.strip()
    )
    step.full_clean()
    step.save()
    return step


def _status_label(status: str) -> str:
    return RegistrationStatus(status).label


def change_refusal(
    *,
    meeting: Meeting,
    state: State,
    registration: DelegationRegistration | None,
    call: RegistrationCall | None,
    by,
    now: dt.datetime,
) -> str | None:
    """Why ``by`` may not change ``state``'s registration for ``meeting`` at ``now``, or None.

    Until the deadline, the registration is the state's own: its focal points change it while it
    is a draft or returned. After the deadline, only the secretariat may change it.
    """
    if call is None:
        return _("Registration for this meeting is not open.")
    if now < call.opens_at:
        return _("Registration for this meeting opens on %(moment)s.") % {
            "moment": _when(call.opens_at, meeting)
        }
    subject = registration if registration is not None else (meeting, state)
    if not call.has_passed(now):
        if not user_can(by, "registration.register", subject):
            return _(
                "Until the deadline, only the focal points of %(state)s change its registration."
            ) % {"state": reader_state_in_sentence(state)}
        if registration is not None and registration.status not in OPEN_TO_THE_STATE:
            if registration.status == RegistrationStatus.SUBMITTED:
                return _(
                    "The registration is submitted; it can be changed again if the secretariat "
                    "returns it."
                )
            return _("The registration is accepted; its focal points can no longer change it.")
        return None
    if user_can(by, "registration.change_late", subject):
        return None
    return _(
        "The deadline passed on %(moment)s; only the secretariat can change the registration now."
    ) % {"moment": _when(call.deadline, meeting)}


def _refuse_change(registration, *, meeting, state, call, by, now) -> None:
    refusal = change_refusal(
        meeting=meeting, state=state, registration=registration, call=call, by=by, now=now
    )
    if refusal:
        raise ValidationError(refusal)


def _head_values(
    *,
    head_person: Person | None,
    head_name_latin: str,
    head_name_cyrillic: str,
    head_name_hangul: str,
    head_rank: str,
    head_title: str,
) -> dict:
    values = {
        "head_person": head_person,
        "head_name_latin": head_name_latin.strip(),
        "head_name_cyrillic": head_name_cyrillic.strip(),
        "head_name_hangul": head_name_hangul.strip(),
        "head_rank": head_rank,
        "head_title": head_title.strip(),
    }
    if head_rank and head_rank not in Rank.values:
        raise ValidationError({"head_rank": _("“%(rank)s” is not a rank.") % {"rank": head_rank}})
    return values


def _members(members: Iterable) -> list[tuple[str, str]]:
    """The members as ``(name, function)``, rows left empty dropped."""
    rows = []
    for name, function in members:
        name, function = (name or "").strip(), (function or "").strip()
        if not name and not function:
            continue
        if not name:
            raise ValidationError({"members": _("Give the name of each member, or clear the row.")})
        rows.append((name, function))
    return rows


def _members_replace(registration: DelegationRegistration, members, *, by) -> bool:
    """Make the registration's members ``members``, in that order; whether anything changed."""
    existing = {member.position: member for member in registration.members.all()}
    changed = False
    for position, (name, function) in enumerate(members, start=1):
        before = existing.get(position)
        if before is not None and (before.name, before.function) == (name, function):
            continue
        record(
            RegisteredMember,
            lookup={"registration": registration, "position": position},
            values={"name": name, "function": function},
            action="registration.member",
            by=by,
        )
        changed = True
    for position, member in sorted(existing.items()):
        if position > len(members):
            log_action(
                member,
                "registration.member.deleted",
                by=by,
                data={"name": member.name, "function": member.function, "position": position},
            )
            member.delete()
            changed = True
    return changed


# The call ---------------------------------------------------------------------------------------


def registration_open(
    *,
    meeting: Meeting,
    deadline: dt.datetime,
    opens_at: dt.datetime | None = None,
    note: str = "",
    expert_cap: int | None = None,
    by=None,
    now: dt.datetime | None = None,
) -> RegistrationCall:
    """Open the call to register for ``meeting`` until ``deadline``, or change the open call.

    The deadline is an aware moment, in the future when it is set or moved; the call opens at
    ``opens_at`` (by default when it is first opened; a change keeps the first opening). A cap
    on experts is for expert sessions, and cannot fall below the experts already registered.
    Logs ``registration.call.created`` or ``.updated``; a call that changes nothing writes
    nothing.
    """
    now = _now(now)
    existing = _call_of(meeting)
    errors: dict[str, str] = {}
    if deadline is None or timezone.is_naive(deadline):
        errors["deadline"] = _("Give the deadline with its time zone.")
    elif (existing is None or existing.deadline != deadline) and deadline <= now:
        errors["deadline"] = _("The deadline must be in the future.")
    if opens_at is None:
        opens_at = existing.opens_at if existing is not None else now
    elif timezone.is_naive(opens_at):
        errors["opens_at"] = _("Give the opening with its time zone.")
    if expert_cap is not None:
        if meeting.kind != MeetingKind.EXPERT_SESSION:
            errors["expert_cap"] = _("Only an expert session takes a cap on experts.")
        else:
            taken = ExpertRegistration.objects.filter(
                meeting=meeting, status=ExpertStatus.REGISTERED
            ).count()
            if expert_cap < taken:
                errors["expert_cap"] = ngettext(
                    "%(count)s expert is already registered; the cap cannot be lower.",
                    "%(count)s experts are already registered; the cap cannot be lower.",
                    taken,
                ) % {"count": taken}
    if errors:
        raise ValidationError(errors)
    call, _created = record(
        RegistrationCall,
        lookup={"meeting": meeting},
        values={
            "opens_at": opens_at,
            "deadline": deadline,
            "note": note.strip(),
            "expert_cap": expert_cap,
        },
        action="registration.call",
        by=by,
    )
    return call


# A state's registration -------------------------------------------------------------------------


@transaction.atomic
def delegation_register(
    *,
    meeting: Meeting,
    state: State,
    by,
    head_person: Person | None = None,
    head_name_latin: str = "",
    head_name_cyrillic: str = "",
    head_name_hangul: str = "",
    head_rank: str = "",
    head_title: str = "",
    members: Iterable = (),
    now: dt.datetime | None = None,
) -> DelegationRegistration:
    """Start ``state``'s registration for ``meeting`` as a draft, with its head and members.

    Until the deadline only the state's focal points may register it; after the deadline only
    the secretariat. Logs ``registration.registration.created`` (and each member's
    ``registration.member.created``); the history gets its first step.
    """
    now = _now(now)
    if meeting.kind == MeetingKind.EXPERT_SESSION:
        raise ValidationError(
            _("Delegations do not register for an expert session; its experts register one by one.")
        )
    call = _call_of(meeting, lock=True)
    _check_member(meeting, state, now=now)
    _refuse_change(None, meeting=meeting, state=state, call=call, by=by, now=now)
    if DelegationRegistration.objects.filter(meeting=meeting, state=state).exists():
        raise ValidationError(
            _("%(state)s has already registered for this meeting; change its registration instead.")
            % {"state": reader_state_name(state)}
        )
    values = _head_values(
        head_person=head_person,
        head_name_latin=head_name_latin,
        head_name_cyrillic=head_name_cyrillic,
        head_name_hangul=head_name_hangul,
        head_rank=head_rank,
        head_title=head_title,
    )
    rows = _members(members)
    registration, _created = record(
        DelegationRegistration,
        lookup={"meeting": meeting, "state": state},
        values={**values, "status": RegistrationStatus.DRAFT},
        action="registration.registration",
        by=by,
    )
    _members_replace(registration, rows, by=by)
    if call.has_passed(now):
        _step(
            registration,
            StepKind.LATE_CHANGE,
            by=by,
            now=now,
            note=NOTE_LATE_REGISTRATION,
        )
    else:
        _step(registration, StepKind.CREATED, by=by, now=now)
    return registration


@transaction.atomic
def delegation_registration_edit(
    *,
    registration: DelegationRegistration,
    by,
    head_person: Person | None = None,
    head_name_latin: str = "",
    head_name_cyrillic: str = "",
    head_name_hangul: str = "",
    head_rank: str = "",
    head_title: str = "",
    members: Iterable = (),
    now: dt.datetime | None = None,
) -> DelegationRegistration:
    """Change the head and members of a registration (all of them, as the form sends them).

    Until the deadline, the state's focal points change a draft or a returned registration;
    after the deadline only the secretariat changes it, whatever its status, and the change of
    an accepted registration is carried into the meeting's delegation at once. Logs
    ``registration.registration.updated`` and the members' changes; a step in the history when
    anything changed, none otherwise.
    """
    now = _now(now)
    registration = _locked(registration)
    meeting = registration.meeting
    call = _call_of(meeting)
    _refuse_change(
        registration, meeting=meeting, state=registration.state, call=call, by=by, now=now
    )
    values = _head_values(
        head_person=head_person,
        head_name_latin=head_name_latin,
        head_name_cyrillic=head_name_cyrillic,
        head_name_hangul=head_name_hangul,
        head_rank=head_rank,
        head_title=head_title,
    )
    rows = _members(members)
    changed = any(getattr(registration, name) != value for name, value in values.items())
    registration, _created = record(
        DelegationRegistration,
        lookup={"pk": registration.pk},
        values=values,
        action="registration.registration",
        by=by,
    )
    changed = _members_replace(registration, rows, by=by) or changed
    if not changed:
        return registration
    if call.has_passed(now):
        _step(registration, StepKind.LATE_CHANGE, by=by, now=now, note=NOTE_LATE_EDIT)
        if registration.status == RegistrationStatus.ACCEPTED:
            _write_delegation(registration, by=by)
    else:
        _step(registration, StepKind.EDITED, by=by, now=now)
    return registration


def letter_check(upload) -> None:
    """Refuse a credentials letter that is not a PDF, a Word document or an image, that is
    empty, or that is larger than ``PLENARY_MAX_UPLOAD_MB``; the content must be what the
    name says."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in LETTER_TYPES:
        raise ValidationError(
            {
                "letter": _(
                    "Attach the letter as a PDF, a Word document (.docx) or an image "
                    "(.png or .jpg)."
                )
            }
        )
    limit = settings.PLENARY_MAX_UPLOAD_MB
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(
            {
                "letter": _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": f"{upload.size / (1024 * 1024):.1f}", "limit": limit}
            }
        )
    if upload.size == 0:
        raise ValidationError({"letter": _("The file is empty.")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = LETTER_TYPES[suffix][1]
    if suffix == ".pdf":
        genuine = head.startswith(b"%PDF-")
    elif suffix == ".png":
        genuine = head.startswith(b"\x89PNG\r\n\x1a\n")
    elif suffix in (".jpg", ".jpeg"):
        genuine = head.startswith(b"\xff\xd8\xff")
    else:
        genuine = head.startswith(b"PK\x03\x04") and _is_word_document(upload)
    if not genuine:
        raise ValidationError(
            {
                "letter": _(
                    "The file's name says it is a %(kind)s, but its content is not; attach the "
                    "letter itself."
                )
                % {"kind": kind}
            }
        )


def _is_word_document(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


@transaction.atomic
def delegation_registration_attach_letter(
    *, registration: DelegationRegistration, letter, by, now: dt.datetime | None = None
) -> DelegationRegistration:
    """Attach the credentials letter or note verbale, replacing any letter attached before.

    The file is checked by ``letter_check`` and stored under the media folder with a name of its
    own; the name it was sent with is kept to show it. Who may attach it, and when, is as for
    ``delegation_registration_edit``. Logs ``registration.registration.letter_attached``.
    """
    now = _now(now)
    letter_check(letter)
    registration = _locked(registration)
    meeting = registration.meeting
    call = _call_of(meeting)
    _refuse_change(
        registration, meeting=meeting, state=registration.state, call=call, by=by, now=now
    )
    replaced, replaced_name = registration.letter.name, registration.letter_name
    sent_as = Path(letter.name).name[:255]
    registration.letter.save(sent_as, letter, save=False)
    stored = registration.letter.name
    storage = registration.letter.storage
    # A failure below must not leave the new file behind; the old one goes once all is saved.
    if replaced:
        transaction.on_commit(functools.partial(storage.delete, replaced))
    try:
        registration.letter_name = sent_as
        registration.full_clean()
        registration.save(update_fields=["letter", "letter_name", "updated_at"])
        log_action(
            registration,
            "registration.registration.letter_attached",
            by=by,
            data={"letter": sent_as, "replaced": replaced_name},
        )
        note = NOTE_LETTER % {"name": sent_as}
        if call.has_passed(now):
            _step(registration, StepKind.LATE_CHANGE, by=by, now=now, note=note)
        else:
            _step(registration, StepKind.LETTER, by=by, now=now, note=note)
    except Exception:
        storage.delete(stored)
        raise
    return registration


@transaction.atomic
def delegation_registration_submit(
    *, registration: DelegationRegistration, by, now: dt.datetime | None = None
) -> DelegationRegistration:
    """Submit a draft or returned registration to the secretariat.

    It must name the head of delegation with a rank and carry the credentials letter. Until the
    deadline the state's focal points submit it; after the deadline only the secretariat may.
    Logs ``registration.registration.submitted``.
    """
    now = _now(now)
    registration = _locked(registration)
    meeting = registration.meeting
    call = _call_of(meeting)
    _refuse_change(
        registration, meeting=meeting, state=registration.state, call=call, by=by, now=now
    )
    if registration.status not in OPEN_TO_THE_STATE:
        raise ValidationError(
            _("The registration is already %(status)s.")
            % {"status": _status_label(registration.status)}
        )
    missing = []
    if not registration.has_head:
        missing.append(_("Name the head of delegation."))
    if not registration.head_rank:
        missing.append(_("Give the rank of the head of delegation."))
    if not registration.letter:
        missing.append(_("Attach the credentials letter or note verbale."))
    if missing:
        raise ValidationError(missing)
    before = registration.status
    registration.status = RegistrationStatus.SUBMITTED
    registration.submitted_at = now
    registration.decided_at = None
    registration.full_clean()
    registration.save(update_fields=["status", "submitted_at", "decided_at", "updated_at"])
    log_action(
        registration,
        "registration.registration.submitted",
        by=by,
        data={"status": {"before": before, "after": registration.status}, "at": now},
    )
    late = call.has_passed(now)
    _step(
        registration,
        StepKind.SUBMITTED,
        by=by,
        now=now,
        note=NOTE_LATE_SUBMISSION if late else "",
    )
    return registration


def _name_forms(state: State, *, cyrillic: str, hangul: str) -> list[tuple[str, str, str]]:
    forms = []
    if cyrillic:
        language = CYRILLIC_LANGUAGE.get(state.code)
        forms.append(
            (cyrillic, language, NameKind.NATIVE)
            if language
            else (cyrillic, "ru", NameKind.TRANSLITERATION)
        )
    if hangul:
        kind = NameKind.NATIVE if state.code == "KR" else NameKind.TRANSLITERATION
        forms.append((hangul, "ko", kind))
    return forms


def _person_named(name: str, *, forms=(), by) -> Person:
    """The person of the record named ``name``, added with the other forms of the name when
    missing. A person of that very name is taken to be the same one (which keeps a second
    acceptance from adding anyone); the record is never renamed."""
    base = slugify(name) or "person"
    for n in itertools.count(1):
        slug = base if n == 1 else f"{base}-{n}"
        person = Person.objects.filter(slug=slug).first()
        if person is None:
            return person_record(slug=slug, name=name, names=forms, by=by)
        if person.name == name:
            if forms:
                person_record(
                    slug=slug,
                    name=person.name,
                    sort_name=person.sort_name,
                    note=person.note,
                    names=forms,
                    by=by,
                )
            return person
    raise AssertionError("unreachable")  # pragma: no cover


def _write_delegation(registration: DelegationRegistration, *, by) -> Delegation:
    """Record the meeting's delegation as the registration has it: the head with their rank and
    title, and the members in order. The head's office and the note of a delegation already in
    the record are kept; members beyond the registration's are taken off. Writes nothing when the
    delegation already says the same."""
    state = registration.state
    if registration.head_person_id:
        head = registration.head_person
    elif registration.head_name_latin:
        head = _person_named(
            registration.head_name_latin,
            forms=_name_forms(
                state,
                cyrillic=registration.head_name_cyrillic,
                hangul=registration.head_name_hangul,
            ),
            by=by,
        )
    else:
        head = None
    existing = Delegation.objects.filter(meeting=registration.meeting, state=state).first()
    delegation = delegation_record(
        meeting=registration.meeting,
        state=state,
        head_person=head,
        head_post=existing.head_post if existing is not None else None,
        head_rank=registration.head_rank,
        head_title=registration.head_title,
        note=existing.note if existing is not None else "",
        by=by,
    )
    members = list(registration.members.all())
    for position, member in enumerate(members, start=1):
        delegation_member_record(
            delegation=delegation,
            position=position,
            person=_person_named(member.name, by=by),
            post=None,
            function=member.function,
            by=by,
        )
    kept: set[int] = set()
    for member in delegation.members.order_by("position", "pk"):
        if 1 <= member.position <= len(members) and member.position not in kept:
            kept.add(member.position)
            continue
        log_action(
            member,
            "meetings.delegation_member.deleted",
            by=by,
            data={"position": member.position, "person": member.person, "post": member.post},
        )
        member.delete()
    return delegation


@transaction.atomic
def delegation_registration_accept(
    *, registration: DelegationRegistration, by, now: dt.datetime | None = None
) -> Delegation:
    """The secretariat accepts a submitted registration: the meeting's delegation is recorded
    with its head (a person of the record, added from the name forms when new), the head's rank
    and title, and the members (``meetings.domain.delegation_record`` and
    ``delegation_member_record``).

    Accepting an accepted registration again changes nothing and writes nothing. Logs
    ``registration.registration.accepted``, besides what the delegation's writes log.
    """
    now = _now(now)
    registration = _locked(registration)
    if registration.status == RegistrationStatus.ACCEPTED:
        return _write_delegation(registration, by=by)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted registration can be accepted; this one is %(status)s.")
            % {"status": _status_label(registration.status)}
        )
    delegation = _write_delegation(registration, by=by)
    before = registration.status
    registration.status = RegistrationStatus.ACCEPTED
    registration.decided_at = now
    registration.return_reason = ""
    registration.delegation = delegation
    registration.full_clean()
    registration.save(
        update_fields=["status", "decided_at", "return_reason", "delegation", "updated_at"]
    )
    log_action(
        registration,
        "registration.registration.accepted",
        by=by,
        data={
            "status": {"before": before, "after": registration.status},
            "delegation": delegation,
            "at": now,
        },
    )
    _step(registration, StepKind.ACCEPTED, by=by, now=now)
    return delegation


@transaction.atomic
def delegation_registration_return(
    *, registration: DelegationRegistration, reason: str, by, now: dt.datetime | None = None
) -> DelegationRegistration:
    """The secretariat returns a submitted registration to the focal points, saying why; they
    put it right and submit it again. Logs ``registration.registration.returned``."""
    now = _now(now)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Say why the registration is returned, so that the focal points can put it "
                    "right."
                )
            }
        )
    registration = _locked(registration)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted registration can be returned; this one is %(status)s.")
            % {"status": _status_label(registration.status)}
        )
    before = registration.status
    registration.status = RegistrationStatus.RETURNED
    registration.decided_at = now
    registration.return_reason = reason
    registration.full_clean()
    registration.save(update_fields=["status", "decided_at", "return_reason", "updated_at"])
    log_action(
        registration,
        "registration.registration.returned",
        by=by,
        data={"status": {"before": before, "after": registration.status}, "reason": reason},
    )
    _step(registration, StepKind.RETURNED, by=by, now=now, note=reason)
    return registration


# Experts ----------------------------------------------------------------------------------------


def expert_register(
    *,
    meeting: Meeting,
    user,
    name: str,
    field,
    organization: str = "",
    state: State | None = None,
    now: dt.datetime | None = None,
) -> ExpertRegistration:
    """Register ``user``, an expert of the forum, for the expert session ``meeting`` in
    ``field`` (the session's own field when it has one).

    The call must be open. The session's cap is enforced under a lock on its call, so that two
    experts registering at once cannot both take the last place: the registration past the cap
    is refused with a message. An expert who cancelled may register again. Logs
    ``registration.expert.registered``.
    """
    now = _now(now)
    forum = meeting.edition.forum
    if meeting.kind != MeetingKind.EXPERT_SESSION:
        raise ValidationError(_("Experts register for expert sessions only."))
    if not is_expert(user, forum.pk):
        raise ValidationError(
            _("Only the experts of %(forum)s register for its sessions.")
            % {"forum": record_text(forum, "name")}
        )
    errors = {}
    name, organization = (name or "").strip(), (organization or "").strip()
    if not name:
        errors["name"] = _("Give your name as it should appear on the list of experts.")
    if field is None:
        errors["field"] = _("Choose your field.")
    elif meeting.field_id and field.pk != meeting.field_id:
        errors["field"] = _("This session is on %(field)s; register in that field.") % {
            "field": record_text(meeting.field, "name")
        }
    if state is not None and not Membership.objects.filter(forum=forum, state=state).exists():
        errors["state"] = _("%(state)s is not a member of %(forum)s.") % {
            "state": reader_state_name(state),
            "forum": record_text(forum, "name"),
        }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        call = _call_of(meeting, lock=True)
        if call is None:
            raise ValidationError(_("Registration for this session is not open."))
        if now < call.opens_at:
            raise ValidationError(
                _("Registration for this session opens on %(moment)s.")
                % {"moment": _when(call.opens_at, meeting)}
            )
        if call.has_passed(now):
            raise ValidationError(
                _("The deadline passed on %(moment)s; registration for this session is closed.")
                % {"moment": _when(call.deadline, meeting)}
            )
        existing = (
            ExpertRegistration.objects.select_for_update()
            .filter(meeting=meeting, user=user)
            .first()
        )
        if existing is not None and existing.status == ExpertStatus.REGISTERED:
            raise ValidationError(_("You are already registered for this session."))
        if call.expert_cap is not None:
            taken = ExpertRegistration.objects.filter(
                meeting=meeting, status=ExpertStatus.REGISTERED
            ).count()
            if taken >= call.expert_cap:
                if call.expert_cap == 1:
                    full = _("The session is full: its only place is taken.")
                else:
                    full = ngettext(
                        "The session is full: all %(count)s places are taken.",
                        "The session is full: all %(count)s places are taken.",
                        call.expert_cap,
                    ) % {"count": call.expert_cap}
                raise ValidationError(full)
        registration = existing or ExpertRegistration(meeting=meeting, user=user)
        registration.name = name
        registration.organization = organization
        registration.state = state
        registration.field = field
        registration.status = ExpertStatus.REGISTERED
        registration.registered_at = now
        registration.cancelled_at = None
        registration.full_clean()
        registration.save()
        log_action(
            registration,
            "registration.expert.registered",
            by=user,
            data={
                "name": name,
                "organization": organization,
                "state": state,
                "field": field,
                "again": existing is not None,
            },
        )
    return registration


@transaction.atomic
def expert_registration_cancel(
    *, registration: ExpertRegistration, by, now: dt.datetime | None = None
) -> ExpertRegistration:
    """Cancel an expert's registration, which frees its place. Logs
    ``registration.expert.cancelled``."""
    now = _now(now)
    registration = ExpertRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == ExpertStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    registration.status = ExpertStatus.CANCELLED
    registration.cancelled_at = now
    registration.full_clean()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    log_action(registration, "registration.expert.cancelled", by=by, data={"at": now})
    return registration
