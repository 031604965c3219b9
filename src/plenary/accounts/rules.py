"""Who a user is in a forum, as predicates for the permission rules of every app.

A user's roles are read once per request object (cached on the user) so that a page checking many
permissions costs one query.
"""

from __future__ import annotations

import rules

from plenary.accounts.enums import RoleKind


def roles_of(user) -> list:
    """The user's roles (with forum and state ids), loaded once per user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_plenary_roles", None)
    if cached is None:
        cached = list(user.roles.all())
        user._plenary_roles = cached
    return cached


def forum_id_of(obj) -> int | None:
    """The forum an object belongs to: a forum, or anything with ``forum_id`` or a path to one."""
    if obj is None:
        return None
    if obj._meta.label == "forums.Forum":
        return obj.pk
    return getattr(obj, "forum_id", None)


def is_secretariat(user, forum_id: int | None) -> bool:
    return forum_id is not None and any(
        r.kind == RoleKind.SECRETARIAT and r.forum_id == forum_id for r in roles_of(user)
    )


def focal_point_states(user, forum_id: int | None) -> set[int]:
    """Ids of the states ``user`` is focal point of in the forum."""
    return {
        r.state_id
        for r in roles_of(user)
        if r.kind == RoleKind.FOCAL_POINT and r.forum_id == forum_id
    }


def is_member_delegate(user, forum_id: int | None) -> bool:
    return bool(focal_point_states(user, forum_id))


@rules.predicate
def secretariat_of_forum(user, obj) -> bool:
    return is_secretariat(user, forum_id_of(obj))


@rules.predicate
def focal_point_in_forum(user, obj) -> bool:
    return is_member_delegate(user, forum_id_of(obj))


rules.add_perm("accounts.invite", secretariat_of_forum)


def user_can(user, permission: str, obj) -> bool:
    """``permission`` on ``obj`` by the rules alone.

    Deliberately not ``user.has_perm``: Django grants a superuser every permission, and a forum's
    confidential work belongs to its own people, whoever runs the installation.
    """
    return rules.has_perm(permission, user, obj)
