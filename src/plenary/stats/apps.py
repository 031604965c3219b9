from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "plenary.stats"
    label = "stats"
    verbose_name = "The forum at a glance"
