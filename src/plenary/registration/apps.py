from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "plenary.registration"
    label = "registration"
    verbose_name = "Registration and accreditation"

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.registration import rules  # noqa: F401
