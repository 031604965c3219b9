from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "plenary.projects"
    label = "projects"
    verbose_name = "Cooperation projects"

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.projects import rules  # noqa: F401
