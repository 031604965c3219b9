from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "plenary.intake"
    label = "intake"
    verbose_name = "Intake of reports"

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.intake import rules  # noqa: F401
