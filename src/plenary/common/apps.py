from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "plenary.common"
    label = "common"
    verbose_name = _("Sources and record")

    def ready(self) -> None:
        from plenary.common import translations
        from plenary.common.models import Translation

        post_save.connect(translations.forget, sender=Translation, dispatch_uid="translations")
        post_delete.connect(translations.forget, sender=Translation, dispatch_uid="translations")
