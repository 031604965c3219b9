"""Demo accounts with fixed, printed passwords, for trying Plenary out on a local copy."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.forums.domain import state_ensure
from plenary.forums.models import Forum

# The apps whose every model the secretariat account may view, add, change and delete.
SECRETARIAT_APPS = [
    "common",
    "people",
    "forums",
    "meetings",
    "documents",
    "workplans",
    "projects",
    "registration",
    "minutes",
    "files",
]

ADMIN = ("admin", "plenary-admin")
SECRETARIAT = ("secretariat", "plenary-secretariat")
FOCAL_PASSWORD = "plenary-focal"
EXPERT = ("expert", "plenary-expert")
# Focal points of the practice forum: Korea holds the pen; the others negotiate.
FOCAL_POINT_STATES = ["KR", "KZ", "KG", "UZ"]
FORUM_SLUGS = ["korea-central-asia", "practice-forum"]


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
    forums = [Forum.objects.get(slug=slug) for slug in FORUM_SLUGS]
    for forum in forums:
        role_grant(user=secretariat, forum=forum, kind=RoleKind.SECRETARIAT)
    focal_lines = []
    for code in FOCAL_POINT_STATES:
        username = f"focal-{code.lower()}"
        user = users.objects.filter(username=username).first()
        if user is None:
            user = users.objects.create_user(username, password=FOCAL_PASSWORD)
        state = state_ensure(code)
        for forum in forums:
            role_grant(user=user, forum=forum, kind=RoleKind.FOCAL_POINT, state=state)
        what = (
            "holds the pen of the practice draft"
            if code == "KR"
            else "negotiates the practice draft"
        )
        focal_lines.append(
            (username, FOCAL_PASSWORD, f"focal point of {state.name_in_sentence}: {what}")
        )
    expert = users.objects.filter(username=EXPERT[0]).first()
    if expert is None:
        expert = users.objects.create_user(EXPERT[0], password=EXPERT[1])
    role_grant(user=expert, forum=forums[0], kind=RoleKind.EXPERT)
    return [
        (*ADMIN, "superuser: everything, including accounts and permissions"),
        (
            *SECRETARIAT,
            "secretariat staff: view, add, change and delete every record of the forums "
            "(people, editions, meetings, documents, work plans, projects, sources); "
            "no accounts or permissions; the secretariat of both forums in the pages",
        ),
        *focal_lines,
        (*EXPERT, "an expert of the Korea–Central Asia Forum: reads the public record"),
    ]
