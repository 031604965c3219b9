"""Meeting files and their versions in the back office.

A file's title, agenda item and readers can be corrected here. Its versions are read only: they
are written by ``domain.meeting_file_upload`` alone, which checks each upload and numbers it, and
a version once kept is never changed. A new file added here is given its first version by the
same function.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.common.admin_audit import audit_names
from plenary.common.backoffice import PlenaryAdmin, PlenaryModelForm, PlenaryTabularInline
from plenary.files import domain
from plenary.files.enums import ALLOWED_KINDS_TEXT
from plenary.files.models import FileVersion, MeetingFile

# The domain logs a file's steps as ``files.file.*`` and ``files.version.*``.
audit_names({MeetingFile: "files.file", FileVersion: "files.version"})


class MeetingFileForm(PlenaryModelForm):
    constraint_messages = {
        "meetingfile_unique_title": (
            "title",
            gettext_lazy("{obj.meeting} already has a file of this title."),
        ),
        "meetingfile_delegation_has_state": "state",
        "meetingfile_state_only_for_delegation": "state",
    }

    class Meta(PlenaryModelForm.Meta):
        model = MeetingFile
        fields = "__all__"


class NewMeetingFileForm(MeetingFileForm):
    """A new file with the upload that becomes its version 1."""

    upload = forms.FileField(label=gettext_lazy("File"), allow_empty_file=True)
    note = forms.CharField(
        label=gettext_lazy("Note on version 1"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _("A %(kinds)s file of up to %(limit)s MB.") % {
            "kinds": ALLOWED_KINDS_TEXT,
            "limit": settings.PLENARY_MAX_UPLOAD_MB,
        }

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            domain.inspect_upload(upload)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["upload"]) from error
        return upload


class FileVersionForm(PlenaryModelForm):
    constraint_messages = {
        "fileversion_unique_number": "number",
        "fileversion_number_from_one": "number",
        "fileversion_not_empty": "size",
    }

    class Meta(PlenaryModelForm.Meta):
        model = FileVersion
        fields = "__all__"


VERSION_FIELDS = [
    "number",
    "original_name",
    "content_type",
    "file_size",
    "sha256",
    "uploaded_by",
    "uploaded_at",
    "note",
]


@admin.display(description=gettext_lazy("size"), ordering="size")
def file_size(version: FileVersion) -> str:
    return filesizeformat(version.size)


class FileVersionInline(PlenaryTabularInline):
    """The versions as uploaded: read here, written only by an upload."""

    model = FileVersion
    form = FileVersionForm
    fields = VERSION_FIELDS
    readonly_fields = VERSION_FIELDS
    select_related = ["uploaded_by"]
    can_delete = False
    ordering = ["-number"]
    verbose_name_plural = gettext_lazy("versions (uploaded on the file's page, never changed)")

    file_size = staticmethod(file_size)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MeetingFile)
class MeetingFileAdmin(PlenaryAdmin):
    form = MeetingFileForm
    list_display = ["title", "meeting", "agenda_item_number", "access", "state", "created_at"]
    list_filter = ["access"]
    list_select_related = ["meeting", "state"]
    search_fields = ["title", "description", "meeting__title"]
    ordering = ["meeting", "agenda_item_number", "title"]
    autocomplete_fields = ["meeting", "state"]
    inlines = [FileVersionInline]

    def get_inlines(self, request, obj):
        # A new file has no versions yet; its first comes with the upload on this page.
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewMeetingFileForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        fields = ["meeting", "agenda_item_number", "title", "description", "access", "state"]
        if obj is None:
            return [*fields, "upload", "note"]
        return [*fields, "created_by"]

    def get_readonly_fields(self, request, obj=None):
        # A file stays with the meeting it was uploaded to.
        return ["meeting", "created_by"] if obj is not None else []

    def has_delete_permission(self, request, obj=None) -> bool:
        # Versions are kept for good; who may read a file is narrowed instead.
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            domain.meeting_file_upload(
                file=obj,
                upload=form.cleaned_data["upload"],
                note=form.cleaned_data["note"],
                by=request.user,
            )


@admin.register(FileVersion)
class FileVersionAdmin(PlenaryAdmin):
    """Read only: a version is written by an upload and never changed."""

    form = FileVersionForm
    list_display = ["__str__", "file", "number", "original_name", file_size, "uploaded_at"]
    list_select_related = ["file"]
    list_filter = ["content_type"]
    search_fields = ["file__title", "original_name", "sha256"]
    ordering = ["file__title", "-number"]
    fields = ["file", "stored_as", *VERSION_FIELDS]
    readonly_fields = fields

    file_size = staticmethod(file_size)

    @admin.display(description=gettext_lazy("stored as"))
    def stored_as(self, obj: FileVersion) -> str:
        # The path under the media folder; the bytes are sent by the file's pages only.
        return obj.stored.name

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
