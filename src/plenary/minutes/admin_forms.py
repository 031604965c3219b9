"""Back-office forms for minutes: constraint violations in plain words."""

from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.minutes.models import Minutes, MinutesComment, MinutesRevision

UTC_HELP = _("In UTC.")


class MinutesForm(PlenaryModelForm):
    constraint_messages = {
        "minutes_unique_per_agenda_item": "agenda_item_number",
        "minutes_circulated_has_deadline": "comments_due",
        "minutes_comments_due_after_circulation": "comments_due",
        "minutes_approved_has_time": "status",
        "minutes_unapproved_has_no_approval": "status",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Minutes
        fields = "__all__"
        help_texts = {"circulated_at": UTC_HELP, "comments_due": UTC_HELP, "approved_at": UTC_HELP}


class MinutesRevisionForm(PlenaryModelForm):
    constraint_messages = {
        "minutesrevision_unique_number": "number",
        "minutesrevision_number_positive": "number",
        "minutesrevision_has_text": "text",
    }

    class Meta(PlenaryModelForm.Meta):
        model = MinutesRevision
        fields = "__all__"


class MinutesCommentForm(PlenaryModelForm):
    constraint_messages = {
        "minutescomment_has_text": "text",
    }

    class Meta(PlenaryModelForm.Meta):
        model = MinutesComment
        fields = "__all__"
