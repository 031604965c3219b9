from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "plenary.files"
    label = "files"
    verbose_name = _("Meeting files")

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.files import rules  # noqa: F401
