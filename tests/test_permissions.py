"""Who may open every page and take every step of documents and accounts.

``MATRIX`` has one row per page or action and one column per role; each cell is what that role
gets. The conventions, one per kind of refusal:

- a draft (and every address under it) answers 404 to whoever may not read it, so that its
  existence is not disclosed;
- a page or action on something the role may read (an adopted document, a draft of its own
  forum, the public list) answers 403 when the step is not the role's;
- a step the role may take but the workflow refuses (a frozen text) answers 400 with the reason;
- a page for signed-in users sends an anonymous visitor to log in.

An allowed action must have done what it says (checked per row in ``ROWS``); a refused one must
have changed nothing at all: the same rows, statuses, texts and audit entries before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import invitation_send, role_grant
from plenary.accounts.enums import RoleKind
from plenary.accounts.models import Invitation, Role
from plenary.common.models import AuditEntry
from plenary.documents import drafting
from plenary.documents.domain import document_record
from plenary.documents.enums import DocumentStatus, SilenceOutcome, VersionStatus
from plenary.documents.models import (
    AdoptionConsent,
    Comment,
    DelegationNote,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)
from plenary.meetings.enums import MeetingKind
from tests import factories
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

pytestmark = pytest.mark.django_db

User = get_user_model()

# The roles, one column each ----------------------------------------------------------------------

ROLES = (
    "anonymous",  # the public
    "expert",  # an expert of the forum
    "pen_focal",  # focal point of the pen-holding state (Republic of Korea)
    "other_focal",  # focal point of another member state (Kazakhstan)
    "other_secretariat",  # secretariat of another forum
    "secretariat",  # secretariat of this forum
    "superuser",  # a Django superuser with no role in any forum
)


# fmt: off
MATRIX: dict[str, tuple] = {
    #                                            anonymous  expert     pen_focal  other_focal other_sec  secretariat superuser
    # Documents: pages
    "GET list":                                 (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET list: the draft is listed":            (HIDDEN,    HIDDEN,    SHOWN,     SHOWN,     HIDDEN,    SHOWN,     HIDDEN),
    "GET list: the new document link":          (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET new document":                         (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET draft":                                (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET draft: the negotiation":               (NOT_FOUND, NOT_FOUND, SHOWN,     SHOWN,     NOT_FOUND, SHOWN,     NOT_FOUND),
    "GET draft: Korea's internal note":         (NOT_FOUND, NOT_FOUND, SHOWN,     HIDDEN,    NOT_FOUND, HIDDEN,    NOT_FOUND),
    "GET draft history":                        (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET draft history: no internal note":      (NOT_FOUND, NOT_FOUND, HIDDEN,    HIDDEN,    NOT_FOUND, HIDDEN,    NOT_FOUND),
    "GET draft compare":                        (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET draft paragraph edit":                 (NOT_FOUND, NOT_FOUND, OK,        FORBIDDEN, NOT_FOUND, OK,        NOT_FOUND),
    "GET draft docx":                           (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET draft pdf":                            (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET adopted":                              (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET adopted: the adopted text":            (SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN),
    "GET adopted history":                      (FORBIDDEN, FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET adopted compare":                      (FORBIDDEN, FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET adopted docx":                         (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    # Documents: actions on a draft
    "POST new document":                        (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST start a version":                     (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST edit a paragraph":                    (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST add a paragraph":                     (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST circulate":                           (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST comment with an amendment":           (NOT_FOUND, NOT_FOUND, DONE,      DONE,      NOT_FOUND, FORBIDDEN, NOT_FOUND),
    "POST record a position":                   (NOT_FOUND, NOT_FOUND, DONE,      DONE,      NOT_FOUND, FORBIDDEN, NOT_FOUND),
    "POST open silence":                        (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST break silence":                       (NOT_FOUND, NOT_FOUND, DONE,      DONE,      NOT_FOUND, FORBIDDEN, NOT_FOUND),
    "POST next version with the amendment":     (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST adopt at a meeting":                  (NOT_FOUND, NOT_FOUND, DONE,      FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST internal note":                       (NOT_FOUND, NOT_FOUND, DONE,      DONE,      NOT_FOUND, FORBIDDEN, NOT_FOUND),
    # Documents: actions on an adopted document (public, frozen)
    "POST comment on the adopted text":         (FORBIDDEN, FORBIDDEN, REFUSED,   REFUSED,   FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "POST edit the adopted text":               (FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST circulate the adopted text":          (FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    # Accounts
    "GET login":                                (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "POST login with one's own password":       (OK,        DONE,      DONE,      DONE,      DONE,      DONE,      DONE),
    "POST logout":                              (DONE,      DONE,      DONE,      DONE,      DONE,      DONE,      DONE),
    "GET home":                                 (LOGIN,     OK,        OK,        OK,        OK,        OK,        OK),
    "GET invite":                               (LOGIN,     NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND),
    "POST invite":                              (LOGIN,     NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, DONE,      NOT_FOUND),
    "GET accept an invitation":                 (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "POST accept an invitation":                (DONE,      DONE,      DONE,      DONE,      DONE,      DONE,      DONE),
    "GET password reset":                       (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "POST password reset":                      (DONE,      DONE,      DONE,      DONE,      DONE,      DONE,      DONE),
    "GET password reset sent":                  (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET password reset with a bad link":       (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET password reset complete":              (OK,        OK,        OK,        OK,        OK,        OK,        OK),
}
# fmt: on

PASSWORD = "a long pass phrase 7"
NOTE = "Seoul wants paragraph 2 softened before agreeing."
AMENDED = "The parties will meet every year, alternately in Seoul and in Central Asia."


# The world every cell is tried in ----------------------------------------------------------------


@dataclass
class World:
    forum: Any
    meeting: Any
    users: dict[str, Any]
    states: dict[str, Any]
    draft: OutcomeDocument
    adopted: OutcomeDocument
    invitation: Invitation
    extra: dict[str, Any] = field(default_factory=dict)

    def draft_url(self, name: str, **kwargs) -> str:
        return reverse(
            f"documents:{name}", kwargs={"forum": self.forum.slug, "pk": self.draft.pk, **kwargs}
        )

    def adopted_url(self, name: str, **kwargs) -> str:
        return reverse(
            f"documents:{name}",
            kwargs={"forum": self.forum.slug, "pk": self.adopted.pk, **kwargs},
        )

    def version(self, document: OutcomeDocument) -> DocumentVersion:
        return document.versions.order_by("-number").first()

    def paragraph(self, document: OutcomeDocument, number: int = 1, language="en") -> Paragraph:
        return Paragraph.objects.get(
            language_version__version=self.version(document),
            language_version__language=language,
            number=number,
        )

    def state_of(self, role: str):
        """The state a role speaks for; Kazakhstan for roles that speak for none."""
        return self.states["KR"] if role == "pen_focal" else self.states["KZ"]


def _text(by, title: str) -> dict:
    return {
        "by": by,
        "titles": {"en": title, "ru": f"{title} (ru)"},
        "paragraphs": {
            "en": ["The parties will meet every year.", "The parties welcome the Secretariat."],
            "ru": ["Стороны будут встречаться ежегодно.", "Стороны приветствуют Секретариат."],
        },
    }


def make_world(stage: str) -> World:
    """A forum with a draft at ``stage`` (``draft``, ``circulated`` or ``silence``), with an
    amendment of Kazakhstan's on its paragraph 1 and Korea's internal note, and an adopted
    document."""
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])
    edition = factories.EditionFactory(
        forum=forum, number=17, start_date=timezone.now().date(), host_state=states["KR"]
    )
    meeting = factories.MeetingFactory(
        edition=edition,
        kind=MeetingKind.CLOSING_CEREMONY,
        title="Closing ceremony",
        timezone="Asia/Seoul",
        date=timezone.now().date(),
    )

    users = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org", PASSWORD)
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)
    role_grant(user=users["pen_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KR"])
    role_grant(
        user=users["other_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"]
    )
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    secretariat, pen_focal = users["secretariat"], users["pen_focal"]
    kind = factories.DocumentKindFactory()
    soon = timezone.now() + dt.timedelta(days=7)

    adopted = document_record(
        forum=forum, title="Joint Statement of the 16th Forum", kind=kind, by=secretariat,
        pen_holder_state=states["KR"],
    )  # fmt: skip
    drafting.version_start(adopted, **_text(secretariat, "Joint Statement of the 16th Forum"))
    drafting.version_circulate(adopted.versions.get(), by=secretariat, comments_due=soon)
    adopted = drafting.document_adopt_at_meeting(
        adopted,
        meeting=meeting,
        on=meeting.date,
        by=secretariat,
        consenting_states=list(states.values()),
    )

    draft = document_record(
        forum=forum, title="Joint Statement of the 17th Forum", kind=kind, by=secretariat,
        edition=edition, pen_holder_state=states["KR"],
    )  # fmt: skip
    version = drafting.version_start(draft, **_text(secretariat, "Joint Statement of the 17th"))
    drafting.note_add(draft, state=states["KR"], text=NOTE, by=pen_focal)
    world = World(
        forum=forum,
        meeting=meeting,
        users=users,
        states=states,
        draft=draft,
        adopted=adopted,
        invitation=invitation_send(
            forum=forum, email="newcomer@example.org", kind=RoleKind.EXPERT, by=secretariat
        ),
    )
    if stage in ("circulated", "silence"):
        drafting.version_circulate(version, by=secretariat, comments_due=soon)
        world.extra["amendment"] = drafting.comment_add(
            world.paragraph(draft),
            state=states["KZ"],
            by=users["other_focal"],
            proposed_text=AMENDED,
        )
    if stage == "silence":
        world.extra["silence"] = drafting.silence_open(version, deadline=soon, by=secretariat)
    mail.outbox.clear()
    return world


# What each row asks and what an allowed action must have done ------------------------------------


def snapshot() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        [
            model.objects.count()
            for model in (
                OutcomeDocument,
                DocumentVersion,
                LanguageVersion,
                Paragraph,
                Comment,
                Position,
                SilenceProcedure,
                AdoptionConsent,
                DelegationNote,
                AuditEntry,
                Invitation,
                Role,
                User,
            )
        ],
        list(OutcomeDocument.objects.order_by("pk").values_list("pk", "status")),
        list(DocumentVersion.objects.order_by("pk").values_list("pk", "status", "comments_due")),
        list(Paragraph.objects.order_by("pk").values_list("pk", "text", "revision")),
        list(SilenceProcedure.objects.order_by("pk").values_list("pk", "outcome")),
        list(Comment.objects.order_by("pk").values_list("pk", "accepted_in")),
        len(mail.outbox),
    )


def _due() -> str:
    return (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class Row:
    """How to ask for a row's page or action, and what an allowed action must have done."""

    method: str
    url: Callable[[World], str]
    stage: str = "circulated"
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[..., None] | None = None  # for DONE cells: (world, role, before, response)


def _count(model, expected: int) -> Callable[..., None]:
    def check(world, role, before, response):
        assert model.objects.count() == before[0][_MODELS.index(model)] + expected

    return check


_MODELS = [
    OutcomeDocument,
    DocumentVersion,
    LanguageVersion,
    Paragraph,
    Comment,
    Position,
    SilenceProcedure,
    AdoptionConsent,
    DelegationNote,
    AuditEntry,
    Invitation,
    Role,
    User,
]


def _edit_data(world: World, document: OutcomeDocument) -> dict:
    paragraph = world.paragraph(document)
    prefix = f"edit-{paragraph.pk}"
    return {
        f"{prefix}-text": "The parties will meet twice a year.",
        f"{prefix}-expected_revision": paragraph.revision,
    }


def _edited(world, role, before, response):
    assert world.paragraph(world.draft).text == "The parties will meet twice a year."


def _comment_data(world: World, role: str, document: OutcomeDocument) -> dict:
    paragraph = world.paragraph(document, number=2)
    prefix = f"comment-{paragraph.pk}"
    return {
        f"{prefix}-state": world.state_of(role).pk,
        f"{prefix}-text": "Name the Secretariat in full.",
        f"{prefix}-proposed_text": "The parties welcome the Korea–Central Asia Cooperation Forum "
        "Secretariat.",
    }


def _commented(world, role, before, response):
    comment = Comment.objects.latest("pk")
    assert (comment.state, comment.paragraph.number) == (world.state_of(role), 2)


def _circulated(world, role, before, response):
    assert world.version(world.draft).status == VersionStatus.CIRCULATED
    assert OutcomeDocument.objects.get(pk=world.draft.pk).status == (
        DocumentStatus.UNDER_NEGOTIATION
    )


def _position_recorded(world, role, before, response):
    position = Position.objects.get(version=world.version(world.draft))
    assert (position.state, position.kind) == (world.state_of(role), "ad_referendum")


def _silence_opened(world, role, before, response):
    procedure = SilenceProcedure.objects.get(version=world.version(world.draft))
    assert procedure.outcome == SilenceOutcome.OPEN
    assert OutcomeDocument.objects.get(pk=world.draft.pk).status == DocumentStatus.UNDER_SILENCE


def _silence_broken(world, role, before, response):
    procedure = SilenceProcedure.objects.get(pk=world.extra["silence"].pk)
    assert (procedure.outcome, procedure.broken_by) == (
        SilenceOutcome.BROKEN,
        world.state_of(role),
    )


def _next_version(world, role, before, response):
    version = world.version(world.draft)
    assert version.number == 2
    assert world.paragraph(world.draft).text == AMENDED
    assert Comment.objects.get(pk=world.extra["amendment"].pk).accepted_in == version


def _adopted(world, role, before, response):
    document = OutcomeDocument.objects.get(pk=world.draft.pk)
    assert (document.status, document.adopted_at) == (DocumentStatus.ADOPTED, world.meeting)
    assert AdoptionConsent.objects.filter(document=document).count() == 6


def _noted(world, role, before, response):
    note = DelegationNote.objects.latest("pk")
    assert (note.state, note.text) == (world.state_of(role), "Ask the capital about ¶2.")


def _new_document(world, role, before, response):
    document = OutcomeDocument.objects.get(title="Chair's Summary of the 17th Forum")
    assert document.status == DocumentStatus.DRAFT
    assert document.versions.get().languages.count() == 2


def _logged_in(world, role, before, response):
    assert response.wsgi_request.user == world.users[role]


def _logged_out(world, role, before, response):
    assert not response.wsgi_request.user.is_authenticated


def _reset_mailed(world, role, before, response):
    expected = [] if role == "anonymous" else [[f"{role}@example.org"]]
    assert [message.to for message in mail.outbox] == expected


ROWS: dict[str, Row] = {
    "GET list": Row("GET", lambda w: reverse("documents:list", kwargs={"forum": w.forum.slug})),
    "GET list: the draft is listed": Row(
        "GET",
        lambda w: reverse("documents:list", kwargs={"forum": w.forum.slug}),
        shows=lambda w: "Joint Statement of the 17th Forum",
    ),
    "GET list: the new document link": Row(
        "GET",
        lambda w: reverse("documents:list", kwargs={"forum": w.forum.slug}),
        shows=lambda w: reverse("documents:new", kwargs={"forum": w.forum.slug}),
    ),
    "GET new document": Row(
        "GET", lambda w: reverse("documents:new", kwargs={"forum": w.forum.slug})
    ),
    "GET draft": Row("GET", lambda w: w.draft_url("document")),
    "GET draft: the negotiation": Row(
        "GET", lambda w: w.draft_url("document"), shows=lambda w: 'id="negotiation"'
    ),
    "GET draft: Korea's internal note": Row(
        "GET", lambda w: w.draft_url("document"), shows=lambda w: NOTE
    ),
    "GET draft history": Row("GET", lambda w: w.draft_url("history")),
    "GET draft history: no internal note": Row(
        "GET", lambda w: w.draft_url("history"), shows=lambda w: NOTE
    ),
    "GET draft compare": Row("GET", lambda w: w.draft_url("compare")),
    "GET draft paragraph edit": Row(
        "GET",
        lambda w: w.draft_url("paragraph_edit", paragraph=w.paragraph(w.draft).pk),
        stage="draft",
    ),
    "GET draft docx": Row("GET", lambda w: w.draft_url("docx")),
    "GET draft pdf": Row("GET", lambda w: w.draft_url("pdf")),
    "GET adopted": Row("GET", lambda w: w.adopted_url("document")),
    "GET adopted: the adopted text": Row(
        "GET", lambda w: w.adopted_url("document"), shows=lambda w: "Стороны будут встречаться"
    ),
    "GET adopted history": Row("GET", lambda w: w.adopted_url("history")),
    "GET adopted compare": Row("GET", lambda w: w.adopted_url("compare")),
    "GET adopted docx": Row("GET", lambda w: w.adopted_url("docx")),
    "POST new document": Row(
        "POST",
        lambda w: reverse("documents:new", kwargs={"forum": w.forum.slug}),
        data=lambda w, role: {
            "kind": factories.DocumentKindFactory(name="Chair's Summary").pk,
            "title": "Chair's Summary of the 17th Forum",
            "title_en": "Chair's Summary of the 17th Forum",
            "paragraphs_en": "The forum met in Seoul.\n\nIt adopted a joint statement.",
            "title_ru": "Резюме председателя",
            "paragraphs_ru": "Форум собрался в Сеуле.\n\nОн принял совместное заявление.",
        },
        effect=_new_document,
    ),
    "POST start a version": Row(
        "POST",
        lambda w: w.draft_url("version_start"),
        data=lambda w, role: {
            "start-title_en": "Joint Statement, new text",
            "start-paragraphs_en": "A new first paragraph.",
        },
        effect=_count(DocumentVersion, 1),
    ),
    "POST edit a paragraph": Row(
        "POST",
        lambda w: w.draft_url("paragraph_edit", paragraph=w.paragraph(w.draft).pk),
        stage="draft",
        data=lambda w, role: _edit_data(w, w.draft),
        effect=_edited,
    ),
    "POST add a paragraph": Row(
        "POST",
        lambda w: w.draft_url(
            "paragraph_add", language=w.version(w.draft).languages.get(language="en").pk
        ),
        stage="draft",
        data=lambda w, role: {
            f"add-{w.version(w.draft).languages.get(language='en').pk}-text": "A third one."
        },
        effect=_count(Paragraph, 1),
    ),
    "POST circulate": Row(
        "POST",
        lambda w: w.draft_url("version_circulate", number=1),
        stage="draft",
        data=lambda w, role: {"circulate-comments_due": _due(), "circulate-zone": "Asia/Seoul"},
        effect=_circulated,
    ),
    "POST comment with an amendment": Row(
        "POST",
        lambda w: w.draft_url("comment_add", paragraph=w.paragraph(w.draft, number=2).pk),
        data=lambda w, role: _comment_data(w, role, w.draft),
        effect=_commented,
    ),
    "POST record a position": Row(
        "POST",
        lambda w: w.draft_url("position_record", number=1),
        data=lambda w, role: {
            "position-state": w.state_of(role).pk,
            "position-kind": "ad_referendum",
            "position-note": "Subject to the capital.",
        },
        effect=_position_recorded,
    ),
    "POST open silence": Row(
        "POST",
        lambda w: w.draft_url("silence_open", number=1),
        data=lambda w, role: {"silence-deadline": _due(), "silence-zone": "UTC"},
        effect=_silence_opened,
    ),
    "POST break silence": Row(
        "POST",
        lambda w: w.draft_url("silence_break", procedure=w.extra["silence"].pk),
        stage="silence",
        data=lambda w, role: {
            "break-state": w.state_of(role).pk,
            "break-reason": "Paragraph 2 needs another reading in the capital.",
        },
        effect=_silence_broken,
    ),
    "POST next version with the amendment": Row(
        "POST",
        lambda w: w.draft_url("version_next"),
        data=lambda w, role: {"next-accepted_comments": [w.extra["amendment"].pk]},
        effect=_next_version,
    ),
    "POST adopt at a meeting": Row(
        "POST",
        lambda w: w.draft_url("adopt"),
        data=lambda w, role: {
            "adopt-meeting": w.meeting.pk,
            "adopt-on": w.meeting.date.isoformat(),
            "adopt-consenting_states": [state.pk for state in w.states.values()],
        },
        effect=_adopted,
    ),
    "POST internal note": Row(
        "POST",
        lambda w: w.draft_url("note_add"),
        data=lambda w, role: {
            "note-state": w.state_of(role).pk,
            "note-text": "Ask the capital about ¶2.",
        },
        effect=_noted,
    ),
    "POST comment on the adopted text": Row(
        "POST",
        lambda w: w.adopted_url("comment_add", paragraph=w.paragraph(w.adopted, number=2).pk),
        data=lambda w, role: _comment_data(w, role, w.adopted),
    ),
    "POST edit the adopted text": Row(
        "POST",
        lambda w: w.adopted_url("paragraph_edit", paragraph=w.paragraph(w.adopted).pk),
        data=lambda w, role: _edit_data(w, w.adopted),
    ),
    "POST circulate the adopted text": Row(
        "POST",
        lambda w: w.adopted_url("version_circulate", number=1),
        data=lambda w, role: {"circulate-comments_due": _due(), "circulate-zone": "UTC"},
    ),
    "GET login": Row("GET", lambda w: reverse("login")),
    "POST login with one's own password": Row(
        "POST",
        lambda w: reverse("login"),
        data=lambda w, role: {"username": role, "password": PASSWORD},
        effect=_logged_in,
    ),
    "POST logout": Row("POST", lambda w: reverse("logout"), effect=_logged_out),
    "GET home": Row("GET", lambda w: reverse("accounts:home")),
    "GET invite": Row("GET", lambda w: reverse("accounts:invite", kwargs={"forum": w.forum.slug})),
    "POST invite": Row(
        "POST",
        lambda w: reverse("accounts:invite", kwargs={"forum": w.forum.slug}),
        data=lambda w, role: {
            "email": "focal@mfa.example",
            "kind": RoleKind.FOCAL_POINT,
            "state": w.states["KG"].pk,
        },
        effect=_count(Invitation, 1),
    ),
    "GET accept an invitation": Row(
        "GET", lambda w: reverse("accounts:accept", kwargs={"token": w.invitation.token})
    ),
    "POST accept an invitation": Row(
        "POST",
        lambda w: reverse("accounts:accept", kwargs={"token": w.invitation.token}),
        data=lambda w, role: {
            "username": "newcomer",
            "password": "another long phrase 3",
            "password_again": "another long phrase 3",
        },
        effect=_count(User, 1),
    ),
    "GET password reset": Row("GET", lambda w: reverse("password_reset")),
    "POST password reset": Row(
        "POST",
        lambda w: reverse("password_reset"),
        data=lambda w, role: {"email": f"{role}@example.org"},
        effect=_reset_mailed,
    ),
    "GET password reset sent": Row("GET", lambda w: reverse("password_reset_done")),
    "GET password reset with a bad link": Row(
        "GET",
        lambda w: reverse(
            "password_reset_confirm", kwargs={"uidb64": "MQ", "token": "not-a-token"}
        ),
    ),
    "GET password reset complete": Row("GET", lambda w: reverse("password_reset_complete")),
}


#: Allowed actions whose effect is on the session or the mail alone, not on any row.
SESSION_OR_MAIL_ONLY = {
    "POST login with one's own password",
    "POST logout",
    "POST password reset",
}


def test_matrix_covers_every_row_and_role():
    assert sorted(MATRIX) == sorted(ROWS)
    assert {len(cells) for cells in MATRIX.values()} == {len(ROLES)}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Each cell builds its own users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(("name", "role", "expected"), list(cases(MATRIX, ROLES)))
def test_permission_matrix(client, name, role, expected):
    row = ROWS[name]
    world = make_world(row.stage)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = row.url(world)
    data = row.data(world, role)
    before = snapshot()

    response = client.get(url) if row.method == "GET" else client.post(url, data)

    check_answer(response, expected, url=url, shows=row.shows(world) if row.shows else "")
    if row.method == "GET":
        return
    if expected == DONE:
        if name not in SESSION_OR_MAIL_ONLY:
            assert snapshot() != before, "the action changed nothing"
        row.effect(world, role, before, response)
    else:
        assert snapshot() == before, "a refused action changed something"
