"""Forums with their names, members, side tracks and milestones; states; editions with their
co-chairs, meetings, decisions and experts."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.common.admin import CitationInline, TranslationInline
from plenary.common.backoffice import (
    PlenaryAdmin,
    PlenaryModelForm,
    PlenaryStackedInline,
    PlenaryTabularInline,
    RelatedOnlyListFilter,
)
from plenary.forums.admin_forms import (
    CoChairForm,
    DecisionForm,
    EditionForm,
    ForumForm,
    ForumNameForm,
    MembershipForm,
    MilestoneForm,
    SideTrackForm,
    StateForm,
    StateNameForm,
)
from plenary.forums.models import (
    CoChair,
    Decision,
    Edition,
    Field,
    Forum,
    ForumName,
    Membership,
    Milestone,
    SideTrack,
    State,
    StateName,
)
from plenary.meetings.admin_forms import ExpertParticipationForm
from plenary.meetings.models import ExpertParticipation, Meeting

# States and fields -------------------------------------------------------------------------------


class StateNameInline(PlenaryTabularInline):
    model = StateName
    form = StateNameForm
    fields = ["language", "name", "official_name"]
    verbose_name_plural = _("names where the forum's usage differs from CLDR")


@admin.register(State)
class StateAdmin(PlenaryAdmin):
    form = StateForm
    list_display = ["name", "code", "alpha3", "adjective"]
    search_fields = ["name", "code", "alpha3", "names__name"]
    ordering = ["name"]
    fields = ["code", "alpha3", "name", "adjective"]
    inlines = [StateNameInline]


@admin.register(StateName)
class StateNameAdmin(PlenaryAdmin):
    form = StateNameForm
    list_display = ["name", "state", "language", "official_name"]
    list_filter = ["language"]
    list_select_related = ["state"]
    search_fields = ["name", "official_name", "state__name"]
    ordering = ["state__name", "language"]
    autocomplete_fields = ["state"]


@admin.register(Field)
class FieldAdmin(PlenaryAdmin):
    inlines = [TranslationInline]
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# Forums ------------------------------------------------------------------------------------------


class ForumNameInline(PlenaryTabularInline):
    model = ForumName
    form = ForumNameForm
    fields = ["name", "language"]
    verbose_name_plural = _("other names")


class MembershipInline(PlenaryTabularInline):
    model = Membership
    form = MembershipForm
    fields = ["state", "role", "joined_on", "left_on", "precedence_rank"]
    autocomplete_fields = ["state"]
    select_related = ["state"]
    verbose_name_plural = _("member states")


class SideTrackInline(PlenaryTabularInline):
    model = SideTrack
    form = SideTrackForm
    fields = ["name", "kind", "description"]


class MilestoneInline(PlenaryTabularInline):
    model = Milestone
    form = MilestoneForm
    fields = ["date", "date_precision", "title", "description", "edition"]
    select_related = ["edition__forum"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = (
                Edition.objects.filter(forum=self.parent).select_related("forum")
                if self.parent is not None and self.parent.pk is not None
                else Edition.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Forum)
class ForumAdmin(PlenaryAdmin):
    form = ForumForm
    list_display = ["name", "short_name", "slug", "established_on", "precedence", "is_demo"]
    list_filter = ["is_demo", "precedence"]
    search_fields = ["name", "short_name", "slug", "other_names__name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["secretariat"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "description", "established_on"]}),
        (_("Languages and order"), {"fields": ["languages", "precedence", "host_first"]}),
        (_("Secretariat"), {"fields": ["secretariat", "is_demo"]}),
    ]
    inlines = [
        TranslationInline,
        ForumNameInline,
        MembershipInline,
        SideTrackInline,
        MilestoneInline,
        CitationInline,
    ]


@admin.register(ForumName)
class ForumNameAdmin(PlenaryAdmin):
    form = ForumNameForm
    list_display = ["name", "forum", "language"]
    list_filter = ["forum", "language"]
    list_select_related = ["forum"]
    search_fields = ["name", "forum__name"]
    ordering = ["forum__name", "language", "name"]


@admin.register(Membership)
class MembershipAdmin(PlenaryAdmin):
    form = MembershipForm
    list_display = ["state", "forum", "role", "joined_on", "left_on", "precedence_rank"]
    list_filter = ["forum", "role", ("state", RelatedOnlyListFilter)]
    list_select_related = ["state", "forum"]
    search_fields = ["state__name", "state__code", "forum__name", "forum__short_name"]
    ordering = ["forum__name", "state__name"]
    autocomplete_fields = ["state"]
    inlines = [CitationInline]


@admin.register(SideTrack)
class SideTrackAdmin(PlenaryAdmin):
    inlines = [TranslationInline]
    form = SideTrackForm
    list_display = ["name", "forum", "kind"]
    list_filter = ["forum", "kind"]
    list_select_related = ["forum"]
    search_fields = ["name", "description", "forum__name"]
    ordering = ["forum__name", "name"]


@admin.register(Milestone)
class MilestoneAdmin(PlenaryAdmin):
    form = MilestoneForm
    list_display = ["title", "forum", "date", "date_precision", "edition"]
    list_filter = ["forum"]
    list_select_related = ["forum", "edition__forum"]
    search_fields = ["title", "description", "forum__name"]
    ordering = ["forum__name", "date"]
    autocomplete_fields = ["edition"]
    inlines = [TranslationInline, CitationInline]


# Editions ----------------------------------------------------------------------------------------


class CoChairInline(PlenaryTabularInline):
    model = CoChair
    form = CoChairForm
    fields = ["state", "person", "post"]
    autocomplete_fields = ["state", "person", "post"]
    select_related = ["state", "person", "post__state", "post__organization"]
    extra = 1


class MeetingInline(PlenaryTabularInline):
    """The edition's cycle at a glance; times, delegations and statements on each meeting's page."""

    model = Meeting
    form = PlenaryModelForm
    fields = ["kind", "title", "field", "date", "timezone", "status"]
    show_change_link = True
    extra = 1
    verbose_name_plural = _("meetings of the cycle")


class DecisionInline(PlenaryStackedInline):
    model = Decision
    fk_name = "edition"
    form = DecisionForm
    fields = [
        "kind",
        "text",
        ("city", "state", "year"),
        ("person", "post", "unanimous"),
        "realized_by",
    ]
    autocomplete_fields = ["state", "person", "post", "realized_by"]
    select_related = ["state", "person", "post__state", "post__organization", "realized_by__forum"]


class ExpertParticipationInline(PlenaryTabularInline):
    model = ExpertParticipation
    form = ExpertParticipationForm
    fields = [
        "description",
        "count",
        "approximate",
        "meeting",
        "state",
        "field",
        "organization",
        "person",
    ]
    autocomplete_fields = ["state", "organization", "person"]
    select_related = ["state", "organization", "person"]
    verbose_name_plural = _("experts taking part")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = (
                Meeting.objects.filter(edition=self.parent)
                if self.parent is not None and self.parent.pk is not None
                else Meeting.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Edition)
class EditionAdmin(PlenaryAdmin):
    form = EditionForm
    list_display = [
        "__str__",
        "forum",
        "start_date",
        "city",
        "host_state",
        "chair_state",
        "format",
        "status",
    ]
    list_filter = [
        "forum",
        "status",
        "format",
        ("host_state", RelatedOnlyListFilter),
        ("chair_state", RelatedOnlyListFilter),
    ]
    list_select_related = ["forum", "host_state", "chair_state"]
    search_fields = ["forum__name", "forum__short_name", "city", "venue", "theme", "=number"]
    ordering = ["forum__name", "-number"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["host_state", "chair_state"]
    fieldsets = [
        (None, {"fields": ["forum", "number", "status"]}),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "end_date", "date_precision"),
                    ("city", "venue"),
                    ("host_state", "chair_state"),
                    "format",
                ]
            },
        ),
        (_("Substance"), {"fields": ["theme", "summary"]}),
    ]
    inlines = [
        TranslationInline,
        CoChairInline,
        MeetingInline,
        DecisionInline,
        ExpertParticipationInline,
        CitationInline,
    ]


@admin.register(CoChair)
class CoChairAdmin(PlenaryAdmin):
    form = CoChairForm
    list_display = ["__str__", "edition", "state", "person", "post"]
    list_filter = ["edition__forum", ("state", RelatedOnlyListFilter)]
    list_select_related = [
        "edition__forum",
        "state",
        "person",
        "post__state",
        "post__organization",
    ]
    search_fields = ["person__name", "post__title", "state__name"]
    ordering = ["edition__forum__name", "-edition__number", "pk"]
    autocomplete_fields = ["edition", "state", "person", "post"]
    inlines = [CitationInline]


@admin.register(Decision)
class DecisionAdmin(PlenaryAdmin):
    form = DecisionForm
    list_display = ["text", "edition", "kind", "city", "year", "realized_by"]
    list_filter = ["edition__forum", "kind", ("edition", RelatedOnlyListFilter)]
    list_select_related = ["edition__forum", "realized_by__forum"]
    search_fields = ["text", "city", "person__name"]
    ordering = ["edition__forum__name", "-edition__number", "pk"]
    autocomplete_fields = ["edition", "state", "person", "post", "realized_by"]
    inlines = [TranslationInline, CitationInline]
