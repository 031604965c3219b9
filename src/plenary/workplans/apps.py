from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "plenary.workplans"
    label = "workplans"
    verbose_name = "Work plans and commitments"

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.workplans import rules  # noqa: F401
