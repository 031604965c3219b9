from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "plenary.minutes"
    label = "minutes"
    verbose_name = "Minutes"

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.minutes import rules  # noqa: F401
