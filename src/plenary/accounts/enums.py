from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    """What a person does in one forum. One user may hold several roles in several forums."""

    SECRETARIAT = "secretariat", _("secretariat staff")
    FOCAL_POINT = "focal_point", _("focal point of a member state")
    EXPERT = "expert", _("expert")
