from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "plenary.minutes"
    label = "minutes"
    verbose_name = "Minutes"
