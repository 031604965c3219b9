from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "plenary.projects"
    label = "projects"
    verbose_name = _("Cooperation projects")

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.projects import rules  # noqa: F401
