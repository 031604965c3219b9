"""Back-office forms for outcome documents: constraint violations in plain words."""

from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.documents.models import (
    Comment,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)

UTC_HELP = _("In UTC.")


class OutcomeDocumentForm(PlenaryModelForm):
    constraint_messages = {
        "document_unique_title": ("title", _("{obj.forum} already has a document of this title.")),
        "document_adopted_has_date_and_method": "status",
    }

    class Meta(PlenaryModelForm.Meta):
        model = OutcomeDocument
        fields = "__all__"


class DocumentVersionForm(PlenaryModelForm):
    constraint_messages = {
        "version_unique_number": (
            "number",
            _("{obj.document} already has a version {obj.number}."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = DocumentVersion
        fields = "__all__"
        help_texts = {"circulated_at": UTC_HELP, "comments_due": UTC_HELP}


class LanguageVersionForm(PlenaryModelForm):
    constraint_messages = {
        "languageversion_unique": (
            "language",
            _("This version already has a text in this language."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = LanguageVersion
        fields = "__all__"


class ParagraphForm(PlenaryModelForm):
    constraint_messages = {
        "paragraph_unique_number": ("number", _("This text already has a paragraph {obj.number}.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Paragraph
        fields = "__all__"


class PositionForm(PlenaryModelForm):
    constraint_messages = {
        "position_unique_state": (
            "state",
            _("{obj.state} already has a position on this version."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Position
        fields = "__all__"


class CommentForm(PlenaryModelForm):
    constraint_messages = {
        "comment_not_empty": "text",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Comment
        fields = "__all__"


class SilenceProcedureForm(PlenaryModelForm):
    constraint_messages = {
        "silence_broken_has_state_and_time": "outcome",
    }

    class Meta(PlenaryModelForm.Meta):
        model = SilenceProcedure
        fields = "__all__"
        help_texts = {"deadline": UTC_HELP, "broken_at": UTC_HELP}
