from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "plenary.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from plenary.search import indexing

        # Every save and delete of an indexed record, or of what its entries are made of,
        # re-indexes that one record.
        indexing.connect()
