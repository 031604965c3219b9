from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "plenary.search"
    label = "search"
    verbose_name = "Search"
