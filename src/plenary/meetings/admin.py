"""Meetings with their delegations, statements, agenda and timetable; delegations with their
members; statements with their proposals; sessions with their speakers; experts.

A meeting's page, and a session's, is shown in the meeting's own time zone, so that staff read and
type the local times of the programme (see ``MeetingAdmin.changeform_view``).
"""

import zoneinfo

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plenary.common.admin import CitationInline, TranslationInline
from plenary.common.admin_audit import audit_names
from plenary.common.backoffice import (
    PlenaryAdmin,
    PlenaryTabularInline,
    RelatedOnlyListFilter,
)
from plenary.forums.models import SideTrack
from plenary.meetings.admin_forms import (
    AgendaItemForm,
    DelegationForm,
    DelegationMemberForm,
    ExpertParticipationForm,
    MeetingForm,
    ProposalForm,
    SessionForm,
    SessionSpeakerForm,
    StatementForm,
)
from plenary.meetings.models import (
    AgendaItem,
    Delegation,
    DelegationMember,
    ExpertParticipation,
    Meeting,
    Proposal,
    Session,
    SessionSpeaker,
    Statement,
)

audit_names({ExpertParticipation: "meetings.experts"})

#: What the name of a post needs (its state or its organization).
POST_NAME = ["state", "organization"]


def _post(path: str) -> list[str]:
    return [f"{path}__{part}" for part in POST_NAME]


def _zone_named(names) -> zoneinfo.ZoneInfo:
    """The first of ``names`` that is an IANA time zone; UTC when none is."""
    for name in names:
        if name in zoneinfo.available_timezones():
            return zoneinfo.ZoneInfo(name)
    return zoneinfo.ZoneInfo("UTC")


def _render_in_zone(zone, render):
    """Run an admin view with ``zone`` as the current time zone, rendering inside the switch,
    since Django renders templates after the view returns."""
    with timezone.override(zone):
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return response


def _own_agenda_items(parent):
    """The agenda items of the meeting being edited; none on a new meeting."""
    if parent is not None and parent.pk is not None:
        return AgendaItem.objects.filter(meeting=parent)
    return AgendaItem.objects.none()


class DelegationInline(PlenaryTabularInline):
    model = Delegation
    form = DelegationForm
    fields = ["state", "head_person", "head_post", "head_rank", "head_title"]
    autocomplete_fields = ["state", "head_person", "head_post"]
    select_related = ["state", "head_person", *_post("head_post")]
    show_change_link = True
    extra = 1
    verbose_name_plural = _("delegations (open one to list its members)")


class DelegationByStateField(forms.ModelChoiceField):
    """Within one meeting, a delegation is named by its state alone."""

    def label_from_instance(self, obj):
        return obj.state.name


class StatementInline(PlenaryTabularInline):
    model = Statement
    form = StatementForm
    fields = [
        "position",
        "delegation",
        "speaker_person",
        "speaker_post",
        "summary",
        "agenda_item",
        "fields",
    ]
    autocomplete_fields = ["speaker_person", "speaker_post", "fields"]
    select_related = [
        "delegation__state",
        "delegation__meeting",
        "speaker_person",
        *_post("speaker_post"),
    ]
    prefetch_related = ["fields"]
    show_change_link = True
    verbose_name_plural = _("statements (open one to record its proposals)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "delegation":
            # Only this meeting's delegations, named by their state alone.
            kwargs["queryset"] = (
                Delegation.objects.filter(meeting=self.parent).select_related("state")
                if self.parent is not None and self.parent.pk is not None
                else Delegation.objects.none()
            )
            kwargs["form_class"] = DelegationByStateField
            kwargs["help_text"] = _("Delegations added on this page can be chosen once saved.")
        elif db_field.name == "agenda_item":
            kwargs["queryset"] = _own_agenda_items(self.parent)
            kwargs["help_text"] = _("Agenda items added on this page can be chosen once saved.")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AgendaItemInline(PlenaryTabularInline):
    model = AgendaItem
    form = AgendaItemForm
    fields = ["position", "number", "title", "documents"]
    autocomplete_fields = ["documents"]
    prefetch_related = ["documents"]
    show_change_link = True
    verbose_name_plural = _("agenda (open an item to describe it)")


class SessionInline(PlenaryTabularInline):
    model = Session
    form = SessionForm
    fields = [
        "title",
        "starts_at",
        "ends_at",
        "illustrative",
        "chairs",
        "chair_office",
        "agenda_items",
        "position",
    ]
    autocomplete_fields = ["chairs"]
    prefetch_related = ["chairs", "agenda_items"]
    show_change_link = True
    verbose_name_plural = _(
        "timetable: sessions in local time of the meeting (open one to list its speakers)"
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agenda_items":
            kwargs["queryset"] = _own_agenda_items(self.parent)
            kwargs["help_text"] = _("Agenda items added on this page can be chosen once saved.")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Meeting)
class MeetingAdmin(PlenaryAdmin):
    form = MeetingForm
    list_display = ["title", "edition", "kind", "when", "city", "state", "format", "status"]
    list_filter = [
        "edition__forum",
        "kind",
        "status",
        "format",
        ("edition", RelatedOnlyListFilter),
        ("state", RelatedOnlyListFilter),
    ]
    list_select_related = ["edition__forum", "state"]
    search_fields = [
        "title",
        "city",
        "venue",
        "edition__forum__name",
        "edition__forum__short_name",
        "=edition__number",
    ]
    ordering = ["-edition__start_date", "date", "starts_at", "position"]
    autocomplete_fields = ["edition", "state"]
    fieldsets = [
        (None, {"fields": ["edition", "kind", "title", "field", "side_track", "status"]}),
        (
            _("When (local times in the meeting's time zone)"),
            {"fields": ["date", ("starts_at", "ends_at"), "timezone", "position"]},
        ),
        (_("Where"), {"fields": [("city", "state"), "venue", "format"]}),
        (_("Summary"), {"fields": ["summary"]}),
    ]
    inlines = [
        TranslationInline,
        AgendaItemInline,
        SessionInline,
        DelegationInline,
        StatementInline,
        CitationInline,
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "side_track" in form.base_fields:
            # The side tracks of the meeting's own forum.
            form.base_fields["side_track"].queryset = SideTrack.objects.filter(
                forum=obj.edition.forum_id
            )
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show and read the meeting's times in its own time zone.

        On a save, the zone typed on the page counts (so local times stay as typed when the zone
        changes); otherwise the meeting's stored zone; on a new meeting, UTC until it has one.
        The page is rendered inside the switch, since Django renders templates after the view
        returns.
        """
        zone = self._zone_of_page(request, object_id)
        return _render_in_zone(
            zone,
            lambda: super(MeetingAdmin, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def _zone_of_page(self, request, object_id) -> zoneinfo.ZoneInfo:
        names = []
        if request.method == "POST":
            names.append(request.POST.get("timezone", ""))
        if object_id is not None:
            meeting = self.get_object(request, unquote(object_id))
            if meeting is not None:
                names.append(meeting.timezone)
        return _zone_named(names)

    @admin.display(description=_("when (local time)"), ordering="date")
    def when(self, obj):
        if obj.starts_at:
            return f"{obj.local_start:%Y-%m-%d %H:%M} {obj.timezone}"
        return obj.date or "—"


class DelegationMemberInline(PlenaryTabularInline):
    model = DelegationMember
    form = DelegationMemberForm
    fields = ["position", "person", "post", "function"]
    autocomplete_fields = ["person", "post"]
    select_related = ["person", *_post("post")]
    extra = 1
    verbose_name_plural = _("members (besides the head)")


@admin.register(Delegation)
class DelegationAdmin(PlenaryAdmin):
    form = DelegationForm
    list_display = ["state", "meeting", "edition", "head", "head_rank", "head_title"]
    list_filter = [
        "meeting__edition__forum",
        "meeting__kind",
        "head_rank",
        ("state", RelatedOnlyListFilter),
        ("meeting__edition", RelatedOnlyListFilter),
    ]
    list_select_related = [
        "state",
        "meeting__edition__forum",
        "head_person",
        *_post("head_post"),
    ]
    search_fields = [
        "state__name",
        "head_person__name",
        "head_title",
        "meeting__title",
        "=meeting__edition__number",
    ]
    ordering = ["-meeting__edition__start_date", "meeting__date", "meeting", "state__name"]
    autocomplete_fields = ["meeting", "state", "head_person", "head_post"]
    fields = ["meeting", "state", "head_person", "head_post", "head_rank", "head_title", "note"]
    inlines = [DelegationMemberInline, CitationInline]

    @admin.display(description=_("edition"), ordering="meeting__edition__number")
    def edition(self, obj):
        return obj.meeting.edition

    @admin.display(description=_("head"))
    def head(self, obj):
        return obj.head_label


@admin.register(DelegationMember)
class DelegationMemberAdmin(PlenaryAdmin):
    form = DelegationMemberForm
    list_display = ["__str__", "delegation", "function", "position"]
    list_filter = [
        "delegation__meeting__edition__forum",
        ("delegation__state", RelatedOnlyListFilter),
    ]
    list_select_related = [
        "person",
        *_post("post"),
        "delegation__state",
        "delegation__meeting",
    ]
    search_fields = ["person__name", "post__title", "function", "delegation__state__name"]
    ordering = ["delegation__meeting", "delegation__state__name", "position"]
    autocomplete_fields = ["delegation", "person", "post"]


@admin.register(ExpertParticipation)
class ExpertParticipationAdmin(PlenaryAdmin):
    form = ExpertParticipationForm
    list_display = ["__str__", "description", "edition", "meeting", "state", "field", "person"]
    list_filter = [
        "edition__forum",
        "approximate",
        ("edition", RelatedOnlyListFilter),
        ("state", RelatedOnlyListFilter),
        ("field", RelatedOnlyListFilter),
    ]
    list_select_related = ["edition__forum", "meeting", "state", "field", "person"]
    search_fields = ["description", "person__name", "organization__name", "state__name"]
    ordering = ["-edition__start_date", "state__name", "pk"]
    autocomplete_fields = ["edition", "meeting", "state", "organization", "person"]
    inlines = [CitationInline]


class ProposalInline(PlenaryTabularInline):
    model = Proposal
    form = ProposalForm
    fields = ["position", "text", "field", "partners"]
    autocomplete_fields = ["partners"]
    prefetch_related = ["partners"]
    show_change_link = True
    extra = 1


@admin.register(Statement)
class StatementAdmin(PlenaryAdmin):
    form = StatementForm
    list_display = ["__str__", "meeting", "delegation_state", "short_summary", "symbol", "position"]
    list_filter = [
        "meeting__edition__forum",
        "meeting__kind",
        ("delegation__state", RelatedOnlyListFilter),
        ("meeting__edition", RelatedOnlyListFilter),
    ]
    list_select_related = [
        "meeting",
        "delegation__state",
        "delegation__meeting",
        "speaker_person",
        *_post("speaker_post"),
    ]
    search_fields = ["summary", "symbol", "speaker_person__name", "delegation__state__name"]
    ordering = ["meeting", "position", "pk"]
    autocomplete_fields = [
        "meeting",
        "delegation",
        "speaker_person",
        "speaker_post",
        "agenda_item",
        "fields",
    ]
    fields = [
        "meeting",
        "position",
        "delegation",
        "speaker_person",
        "speaker_post",
        "summary",
        "agenda_item",
        "fields",
        "symbol",
    ]
    inlines = [ProposalInline, CitationInline]

    @admin.display(description=_("delegation"), ordering="delegation__state__name")
    def delegation_state(self, obj):
        return obj.delegation.state if obj.delegation_id else "—"

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return Truncator(obj.summary).chars(90)


@admin.register(Proposal)
class ProposalAdmin(PlenaryAdmin):
    form = ProposalForm
    list_display = ["__str__", "statement", "field", "position"]
    list_filter = ["statement__meeting__edition__forum", ("field", RelatedOnlyListFilter)]
    list_select_related = [
        "field",
        "statement__speaker_person",
        *_post("statement__speaker_post"),
        "statement__delegation__state",
        "statement__delegation__meeting",
    ]
    search_fields = ["text", "statement__summary"]
    ordering = ["statement", "position", "pk"]
    autocomplete_fields = ["statement", "partners"]
    inlines = [CitationInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(PlenaryAdmin):
    form = AgendaItemForm
    list_display = ["number", "title", "meeting", "edition", "position"]
    list_filter = ["meeting__edition__forum", ("meeting__edition", RelatedOnlyListFilter)]
    list_select_related = ["meeting__edition__forum"]
    search_fields = ["number", "title", "description", "meeting__title"]
    ordering = ["-meeting__edition__start_date", "meeting", "position", "pk"]
    autocomplete_fields = ["meeting", "documents"]
    fields = ["meeting", "position", "number", "title", "description", "documents"]
    inlines = [CitationInline]

    @admin.display(description=_("edition"), ordering="meeting__edition__number")
    def edition(self, obj):
        return obj.meeting.edition


class SessionSpeakerInline(PlenaryTabularInline):
    model = SessionSpeaker
    form = SessionSpeakerForm
    fields = ["position", "state", "person", "post", "note"]
    autocomplete_fields = ["state", "person", "post"]
    select_related = ["state", "person", *_post("post")]
    extra = 1
    verbose_name_plural = _("speakers (listed on the pages in the forum's order of precedence)")


class SessionTimesInMeetingZone:
    """A session's page shows and reads times in its meeting's time zone: the meeting chosen on
    the page when saving, else the session's own, else UTC."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        zone = self._zone_of_page(request, object_id)
        return _render_in_zone(
            zone,
            lambda: super(SessionTimesInMeetingZone, self).changeform_view(
                request, object_id, form_url, extra_context
            ),
        )

    def _zone_of_page(self, request, object_id) -> zoneinfo.ZoneInfo:
        meeting_ids = []
        if request.method == "POST":
            meeting_ids.append(request.POST.get("meeting", ""))
        if object_id is not None:
            session = self.get_object(request, unquote(object_id))
            if session is not None:
                meeting_ids.append(str(session.meeting_id))
        meeting_ids.append(request.GET.get("meeting", ""))
        for meeting_id in meeting_ids:
            if meeting_id.isdigit():
                zone = (
                    Meeting.objects.filter(pk=meeting_id).values_list("timezone", flat=True).first()
                )
                if zone:
                    return _zone_named([zone])
        return _zone_named([])


@admin.register(Session)
class SessionAdmin(SessionTimesInMeetingZone, PlenaryAdmin):
    form = SessionForm
    list_display = ["title", "meeting", "edition", "when", "illustrative"]
    list_filter = [
        "meeting__edition__forum",
        "illustrative",
        ("meeting__edition", RelatedOnlyListFilter),
    ]
    list_select_related = ["meeting__edition__forum"]
    search_fields = ["title", "description", "chair_office", "meeting__title"]
    ordering = ["-meeting__edition__start_date", "meeting", "starts_at", "position"]
    autocomplete_fields = ["meeting", "chairs", "agenda_items"]
    fieldsets = [
        (None, {"fields": ["meeting", "title", "description"]}),
        (
            _("When (local times in the meeting's time zone)"),
            {"fields": [("starts_at", "ends_at"), "illustrative", "position"]},
        ),
        (_("Chair and agenda"), {"fields": ["chairs", "chair_office", "agenda_items"]}),
    ]
    inlines = [SessionSpeakerInline, CitationInline]

    @admin.display(description=_("edition"), ordering="meeting__edition__number")
    def edition(self, obj):
        return obj.meeting.edition

    @admin.display(description=_("when (local time)"), ordering="starts_at")
    def when(self, obj):
        return f"{obj.local_start:%Y-%m-%d} {obj.local_time_span} {obj.meeting.timezone}"


@admin.register(SessionSpeaker)
class SessionSpeakerAdmin(PlenaryAdmin):
    form = SessionSpeakerForm
    list_display = ["__str__", "state", "session", "position"]
    list_filter = ["session__meeting__edition__forum", ("state", RelatedOnlyListFilter)]
    list_select_related = ["state", "person", *_post("post"), "session"]
    search_fields = ["person__name", "post__title", "state__name", "session__title", "note"]
    ordering = ["session", "position", "pk"]
    autocomplete_fields = ["session", "state", "person", "post"]
