from django.db import models


class RoleKind(models.TextChoices):
    """What a person does in one forum. One user may hold several roles in several forums."""

    SECRETARIAT = "secretariat", "secretariat staff"
    FOCAL_POINT = "focal_point", "focal point of a member state"
    EXPERT = "expert", "expert"
