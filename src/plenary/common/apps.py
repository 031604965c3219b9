from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "plenary.common"
    label = "common"
    verbose_name = "Sources and record"
