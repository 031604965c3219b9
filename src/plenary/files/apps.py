from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "plenary.files"
    label = "files"
    verbose_name = "Meeting files"
