from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "plenary.forums"
    label = "forums"
    verbose_name = "Forums and editions"
