from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "plenary.people"
    label = "people"
    verbose_name = _("People, posts and organizations")

    def ready(self) -> None:
        from plenary.people import naming
        from plenary.people.models import PersonName

        post_save.connect(naming.forget_recorded_forms, sender=PersonName, dispatch_uid="names")
        post_delete.connect(naming.forget_recorded_forms, sender=PersonName, dispatch_uid="names")
