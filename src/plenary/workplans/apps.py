from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "plenary.workplans"
    label = "workplans"
    verbose_name = _("Work plans and commitments")

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.workplans import rules  # noqa: F401
