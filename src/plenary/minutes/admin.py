"""Minutes with their revisions and the comments of the member states.

The steps of the minutes (circulation, approval) and their texts are written on the minutes pages,
through the domain functions: here revisions and comments are read, never written, and approved
minutes can no longer be changed or deleted. Draft or circulated minutes may be renamed, and
deleted with their revisions and comments.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.common.admin_audit import audit_names
from plenary.common.backoffice import PlenaryAdmin, PlenaryTabularInline
from plenary.minutes.admin_forms import MinutesCommentForm, MinutesForm, MinutesRevisionForm
from plenary.minutes.models import Minutes, MinutesComment, MinutesRevision

audit_names(
    {
        Minutes: "minutes.minutes",
        MinutesRevision: "minutes.revision",
        MinutesComment: "minutes.comment",
    }
)


class ReadOnlyMixin:
    """Rows written only by the domain functions: the back office reads them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MinutesRevisionInline(ReadOnlyMixin, PlenaryTabularInline):
    model = MinutesRevision
    form = MinutesRevisionForm
    fields = ["number", "created", "author", "note"]
    readonly_fields = fields
    select_related = ["author"]
    show_change_link = True
    verbose_name_plural = _("revisions (saved on the minutes page; open one for its text)")


class MinutesCommentInline(ReadOnlyMixin, PlenaryTabularInline):
    model = MinutesComment
    form = MinutesCommentForm
    fields = ["created", "state", "on_revision", "text", "author"]
    readonly_fields = fields
    select_related = ["state", "revision", "author"]
    verbose_name_plural = _("comments of the member states")

    @admin.display(description=_("on revision"))
    def on_revision(self, obj):
        return obj.revision.number


@admin.register(Minutes)
class MinutesAdmin(PlenaryAdmin):
    form = MinutesForm
    list_display = [
        "title",
        "meeting",
        "agenda_item_number",
        "status",
        "comments_due",
        "approved_at",
    ]
    list_filter = ["status"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__title"]
    ordering = ["meeting", "agenda_item_number", "pk"]
    autocomplete_fields = ["meeting"]
    fieldsets = [
        (None, {"fields": ["meeting", "agenda_item_number", "title"]}),
        (
            _("Steps (taken on the minutes page)"),
            {
                "fields": [
                    "status",
                    ("circulated_at", "comments_due"),
                    ("approved_at", "approved_by"),
                ]
            },
        ),
    ]
    readonly_fields = ["status", "circulated_at", "comments_due", "approved_at", "approved_by"]
    inlines = [MinutesRevisionInline, MinutesCommentInline]

    def has_change_permission(self, request, obj=None) -> bool:
        # Approved minutes are the public record, locked in the database too.
        return not (obj and obj.is_approved) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj and obj.is_approved) and super().has_delete_permission(request, obj)


@admin.register(MinutesRevision)
class MinutesRevisionAdmin(ReadOnlyMixin, PlenaryAdmin):
    """Read only: a revision is saved on the minutes page, through ``minutes_revise``, and never
    changed."""

    form = MinutesRevisionForm
    list_display = ["__str__", "minutes", "number", "created", "author"]
    list_filter = ["minutes__status"]
    list_select_related = ["minutes", "author"]
    search_fields = ["minutes__title", "text", "note"]
    ordering = ["minutes__title", "number"]
    fields = ["minutes", "number", "created", "author", "note", "text"]


@admin.register(MinutesComment)
class MinutesCommentAdmin(ReadOnlyMixin, PlenaryAdmin):
    """Read only: a member state comments on the minutes page, through ``minutes_comment``."""

    form = MinutesCommentForm
    list_display = ["__str__", "minutes", "state", "on_revision", "created"]
    list_filter = ["minutes__status"]
    list_select_related = ["minutes", "state", "revision", "author"]
    search_fields = ["minutes__title", "state__name", "text"]
    ordering = ["minutes__title", "created", "pk"]
    fields = ["minutes", "on_revision", "state", "author", "created", "text"]
    readonly_fields = ["on_revision"]

    @admin.display(description=_("on revision"))
    def on_revision(self, obj):
        return obj.revision.number
