from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "plenary.files"
    label = "files"
    verbose_name = "Meeting files"

    def ready(self) -> None:
        # Registers the app's permissions with django-rules.
        from plenary.files import rules  # noqa: F401
