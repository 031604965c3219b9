"""Meetings of an edition's cycle, the delegations at each, what they said and proposed, and
each meeting's agenda and timetable."""

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.enums import MeetingFormat
from plenary.common.models import CitedModel
from plenary.meetings.enums import PREPARATORY_KINDS, MeetingKind, MeetingStatus
from plenary.people.enums import RANK_LEVEL, Rank
from plenary.people.naming import shown_name


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext("%(value)s is not an IANA time zone such as Asia/Dushanbe.")
            % {"value": repr(value)}
        )


class Meeting(CitedModel):
    """Any meeting of an edition's cycle.

    Preparatory meetings (working level, senior officials) belong to the edition they prepare.
    Times are stored in UTC; ``timezone`` is where the meeting took place, and local times are
    shown in it. When the sources give only a day, ``date`` holds it and the times stay empty.
    """

    translatable_fields = ("title", "city", "venue")

    edition = models.ForeignKey(
        "forums.Edition",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=300)
    field = models.ForeignKey(
        "forums.Field",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=pgettext_lazy("field of cooperation", "field"),
    )
    side_track = models.ForeignKey(
        "forums.SideTrack",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("side track"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    timezone = models.CharField(
        _("timezone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("Where the meeting took place, e.g. Asia/Dushanbe; empty when not known."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("state"),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    format = models.CharField(
        _("format"),
        max_length=16,
        choices=MeetingFormat.choices,
        blank=True,
        help_text=_("Empty when the sources do not say."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order within the edition when dates are the same or unknown."),
    )

    class Meta:
        ordering = ["edition", "date", "starts_at", "position", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["edition", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | ~Q(timezone=""),
                name="meeting_times_have_zone",
                violation_error_message=_("Give the time zone of a meeting whose times are known."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:meeting",
            kwargs={
                "forum": self.edition.forum.slug,
                "number": self.edition.number,
                "pk": self.pk,
            },
        )

    @property
    def is_preparatory(self) -> bool:
        return self.kind in PREPARATORY_KINDS

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The meeting's time zone; UTC when it is not known (then no times are recorded)."""
        return zoneinfo.ZoneInfo(self.timezone or "UTC")

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone) if self.starts_at else None

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def local_date(self):
        if self.date:
            return self.date
        return self.local_start.date() if self.starts_at else None


class Delegation(CitedModel):
    """One state's delegation to one meeting, with the rank of its head at that meeting.

    The rank belongs here, not to the state or the forum: the same state sends a foreign minister
    one year and an ambassador the next. The head is a person, an office with no known holder, or
    both.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("meeting")
    )
    state = models.ForeignKey(
        "forums.State",
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("state"),
    )
    head_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations_led",
        verbose_name=_("head person"),
    )
    head_post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations_led",
        verbose_name=_("head post"),
        help_text=_("The office of the head, even when the holder is not known."),
    )
    head_rank = models.CharField(_("head rank"), max_length=32, choices=Rank.choices, blank=True)
    head_title = models.CharField(
        _("head title"),
        max_length=300,
        blank=True,
        help_text=_("The head's title as the sources give it."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["meeting", "state__name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="delegation_unique_state"),
            models.CheckConstraint(
                condition=Q(head_person__isnull=True, head_post__isnull=True) | ~Q(head_rank=""),
                name="delegation_head_has_rank",
                violation_error_message=_("Give the rank at which the head led the delegation."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} at {self.meeting}"

    @property
    def display_name(self) -> str:
        """``__str__`` in the reader's language (``__str__`` stays English for the audit log):
        "Казахстан на встрече «Пленарное заседание министров»"."""
        from plenary.common.translations import localized
        from plenary.forums.naming import state_name

        language = translation.get_language() or "en"
        return gettext("%(state)s at %(meeting)s") % {
            "state": state_name(self.state, language),
            "meeting": localized(self.meeting, "title").text,
        }

    @property
    def rank_level(self) -> int | None:
        return RANK_LEVEL[self.head_rank] if self.head_rank else None

    @property
    def head_label(self) -> str:
        """The head as a reader should see them: the name (in the reader's language where a
        form in it is recorded) if known, else the office."""
        if self.head_person_id:
            return shown_name(self.head_person, translation.get_language() or "en").text
        if self.head_post_id:
            return str(self.head_post)
        return ""


class DelegationMember(models.Model):
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members", verbose_name=_("delegation")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("post"),
    )
    function = models.CharField(_("function"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["delegation", "position", "pk"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(post__isnull=False),
                name="delegationmember_person_or_post",
                violation_error_message=_("Name the member, the office, or both."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.post)


class ExpertParticipation(CitedModel):
    """Experts at an edition's expert sessions, counted by state and field where known.

    A row with a ``person`` is one expert; otherwise it is a count ("about 100 experts from Korea
    and the five Central Asian states"), with ``approximate`` set when the sources round.
    """

    edition = models.ForeignKey(
        "forums.Edition",
        on_delete=models.CASCADE,
        related_name="expert_participations",
        verbose_name=_("edition"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="experts",
        verbose_name=_("meeting"),
    )
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
    )
    field = models.ForeignKey(
        "forums.Field",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("field of cooperation", "field"),
    )
    organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organization"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )
    count = models.PositiveIntegerField(_("count"), default=1)
    approximate = models.BooleanField(_("approximate"), default=False)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "state__name", "pk"]
        verbose_name = _("expert participation")
        verbose_name_plural = _("expert participations")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(count=1),
                name="expertparticipation_person_counts_one",
                violation_error_message=_("A row naming one expert counts one."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="expertparticipation_count_positive",
                violation_error_message=_("Count at least one expert."),
            ),
        ]

    def __str__(self) -> str:
        prefix = "about " if self.approximate else ""
        return f"{prefix}{self.count} expert(s)"

    @property
    def display_name(self) -> str:
        """``__str__`` in the reader's language: "about 100 expert(s)", "около 100 экспертов"."""
        if self.approximate:
            text = ngettext("about %(count)s expert(s)", "about %(count)s expert(s)", self.count)
        else:
            text = ngettext("%(count)s expert(s)", "%(count)s expert(s)", self.count)
        return text % {"count": self.count}

    def clean(self) -> None:
        if self.meeting_id and self.edition_id and self.meeting.edition_id != self.edition_id:
            raise ValidationError({"meeting": gettext("That meeting belongs to another edition.")})


class Statement(CitedModel):
    """What a delegation (or its speaker) said at a meeting, in summary."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="statements", verbose_name=_("meeting")
    )
    delegation = models.ForeignKey(
        Delegation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("delegation"),
    )
    speaker_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("speaker person"),
    )
    speaker_post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("speaker post"),
    )
    summary = models.TextField(_("summary"))
    agenda_item = models.ForeignKey(
        "AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        verbose_name=_("agenda item"),
        help_text=_("The item of the meeting's agenda under which it was said, if known."),
    )
    fields = models.ManyToManyField(
        "forums.Field",
        blank=True,
        related_name="statements",
        verbose_name=pgettext_lazy("field of cooperation", "fields"),
    )
    symbol = models.CharField(
        _("symbol"), max_length=100, blank=True, help_text=_("Document symbol, if any.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        who = self.speaker_person or self.speaker_post or self.delegation
        return f"Statement by {who}" if who else "Statement"

    @property
    def display_name(self) -> str:
        """``__str__`` in the reader's language; the speaker's name or office as recorded."""
        if self.speaker_person_id or self.speaker_post_id:
            who = str(self.speaker_person or self.speaker_post)
        elif self.delegation_id:
            who = self.delegation.display_name
        else:
            return gettext("Statement")
        return gettext("Statement by %(who)s") % {"who": who}

    def clean(self) -> None:
        errors = {}
        if self.delegation_id and self.meeting_id and self.delegation.meeting_id != self.meeting_id:
            errors["delegation"] = gettext("That delegation was sent to another meeting.")
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            errors["agenda_item"] = gettext("That agenda item belongs to another meeting.")
        if errors:
            raise ValidationError(errors)

    @property
    def speaker_label(self) -> str:
        if self.speaker_person_id:
            return shown_name(self.speaker_person, translation.get_language() or "en").text
        if self.speaker_post_id:
            return str(self.speaker_post)
        return ""


class Proposal(CitedModel):
    """A proposal made in a statement; cooperation projects can be born from it."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("statement")
    )
    text = models.TextField(_("text"))
    field = models.ForeignKey(
        "forums.Field",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=pgettext_lazy("field of cooperation", "field"),
    )
    partners = models.ManyToManyField(
        "people.Organization", blank=True, related_name="proposals", verbose_name=_("partners")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["statement", "position", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.text[:80]


def local_time_span(start: dt.datetime | None, end: dt.datetime | None) -> str:
    """``09:00–10:30`` from local start and end; an end on a later day says so; ``""`` when the
    start is not known."""
    if start is None:
        return ""
    if end is None:
        return f"{start:%H:%M}"
    days = (end.date() - start.date()).days
    if days == 0:
        return f"{start:%H:%M}–{end:%H:%M}"
    if days == 1:
        return gettext("%(start)s–%(end)s the next day") % {
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    return f"{start:%H:%M} – {end:%Y-%m-%d %H:%M}"


validate_agenda_number = RegexValidator(
    r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$",
    _(
        "Number the item as the agenda does: digits or letters separated by dots, such as 1, 2 or 2.a."
    ),
)


class AgendaItem(CitedModel):
    """One item of a meeting's agenda ("1", "2.a"), with the outcome documents taken up under it.

    Statements name the item they were made under (``Statement.agenda_item``); sessions name the
    items they covered (``Session.agenda_items``).
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    number = models.CharField(
        _("number"),
        max_length=16,
        validators=[validate_agenda_number],
        help_text=_("As the agenda numbers it: 1, 2, 2.a."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    documents = models.ManyToManyField(
        "documents.OutcomeDocument",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("documents"),
        help_text=_("Outcome documents taken up under this item."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order on the agenda.")
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agendaitem_unique_number",
                violation_error_message=_(
                    "The agenda of this meeting already has an item so numbered."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Session(CitedModel):
    """One sitting on a meeting's timetable: when, who chaired, who spoke, which agenda items it
    took up.

    Times are stored in UTC and shown in the meeting's own time zone. ``illustrative`` marks a
    time that no source gives: it only places the session in the day, and the pages say so.
    A chair is a person, or an office whose holder is not known (``chair_office``), or both.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("No source gives this time; the pages mark it as illustrative."),
    )
    chairs = models.ManyToManyField(
        "people.Person", blank=True, related_name="sessions_chaired", verbose_name=_("chairs")
    )
    chair_office = models.CharField(
        _("chair office"),
        max_length=300,
        blank=True,
        help_text=_("An office in the chair whose holder is not known, as the sources name it."),
    )
    agenda_items = models.ManyToManyField(
        AgendaItem,
        blank=True,
        related_name="sessions",
        verbose_name=_("agenda items"),
        help_text=_("Items of this meeting's agenda that the session took up."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Order among sessions that start at the same time."),
    )

    class Meta:
        ordering = ["meeting", "starts_at", "position", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.meeting_id and not self.meeting.timezone:
            raise ValidationError(
                {
                    "starts_at": gettext(
                        "Give the meeting's time zone before the times of its sessions."
                    )
                }
            )

    def validate_agenda_items(self, items: Iterable[AgendaItem]) -> None:
        """Refuse agenda items of another meeting; a many-to-many set cannot be checked by
        ``clean``, so forms and domain functions call this before setting them."""
        foreign = [item for item in items if item.meeting_id != self.meeting_id]
        if foreign:
            numbers = ", ".join(item.number for item in foreign)
            raise ValidationError(
                {
                    "agenda_items": ngettext(
                        "Agenda item %(numbers)s belongs to another meeting.",
                        "Agenda items %(numbers)s belong to another meeting.",
                        len(foreign),
                    )
                    % {"numbers": numbers}
                }
            )

    @property
    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(self.meeting.zone)

    @property
    def local_end(self) -> dt.datetime | None:
        return self.ends_at.astimezone(self.meeting.zone) if self.ends_at else None

    @property
    def local_date(self) -> dt.date:
        return self.local_start.date()

    @property
    def local_time_span(self) -> str:
        return local_time_span(self.local_start, self.local_end)


class SessionSpeaker(models.Model):
    """Someone who spoke at a session: a person, an office whose holder is not known, or both,
    and the state they spoke for. Lists of speakers follow the forum's order of precedence of
    their states."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("session")
    )
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions_spoken_at",
        verbose_name=_("person"),
    )
    post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("post"),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("What they spoke on, briefly.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(post__isnull=False),
                name="sessionspeaker_person_or_post",
                violation_error_message=_("Name the speaker, the office, or both."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.post)

    def clean(self) -> None:
        if self.post_id and self.state_id and self.post.state_id not in (None, self.state_id):
            raise ValidationError({"state": gettext("That office belongs to another state.")})
