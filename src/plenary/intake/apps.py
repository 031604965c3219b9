from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "plenary.intake"
    label = "intake"
    verbose_name = _("Intake of reports")

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.intake import rules  # noqa: F401
