"""Demo accounts with fixed, printed passwords, for trying Plenary out on a local copy."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

# The apps whose every model the secretariat account may view, add, change and delete.
SECRETARIAT_APPS = ["common", "people", "forums", "meetings", "documents", "workplans", "projects"]

ADMIN = ("admin", "plenary-admin")
SECRETARIAT = ("secretariat", "plenary-secretariat")


def demo_users_ensure() -> list[tuple[str, str, str]]:
    """Create the demo accounts that are missing; return ``(username, password, description)``.

    An existing account is left as it is (its password too), except that the secretariat account
    is given any permission of the Plenary apps it lacks, so that models added later are covered.
    """
    users = get_user_model()
    if not users.objects.filter(username=ADMIN[0]).exists():
        users.objects.create_user(ADMIN[0], password=ADMIN[1], is_staff=True, is_superuser=True)
    secretariat = users.objects.filter(username=SECRETARIAT[0]).first()
    if secretariat is None:
        secretariat = users.objects.create_user(
            SECRETARIAT[0], password=SECRETARIAT[1], is_staff=True, is_superuser=False
        )
    wanted = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    missing = wanted.exclude(pk__in=secretariat.user_permissions.values("pk"))
    if missing.exists():
        secretariat.user_permissions.add(*missing)
    return [
        (*ADMIN, "superuser: everything, including accounts and permissions"),
        (
            *SECRETARIAT,
            "secretariat staff: view, add, change and delete every record of the forums "
            "(people, editions, meetings, documents, work plans, projects, sources); "
            "no accounts or permissions",
        ),
    ]
