from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "plenary.minutes"
    label = "minutes"
    verbose_name = _("Minutes")

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.minutes import rules  # noqa: F401
