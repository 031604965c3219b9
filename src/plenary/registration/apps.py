from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "plenary.registration"
    label = "registration"
    verbose_name = _("Registration and accreditation")

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.registration import rules  # noqa: F401
