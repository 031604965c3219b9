from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "plenary.forums"
    label = "forums"
    verbose_name = _("Forums and editions")

    def ready(self) -> None:
        from plenary.forums import naming
        from plenary.forums.models import StateName

        post_save.connect(naming.forget_recorded_names, sender=StateName, dispatch_uid="names")
        post_delete.connect(naming.forget_recorded_names, sender=StateName, dispatch_uid="names")
