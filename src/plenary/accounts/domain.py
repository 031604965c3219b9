"""Writes for roles and invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.enums import RoleKind
from plenary.accounts.models import Invitation, Role
from plenary.common.domain import log_action, record


def role_grant(*, user, forum, kind: str, state=None, by=None) -> Role:
    """Give ``user`` the role ``kind`` in ``forum`` (for ``state``, as focal point or expert).

    A focal point's state must be a member of the forum. Logs ``accounts.role.created``.
    """
    if state is not None and not forum.memberships.filter(state=state).exists():
        raise ValidationError({"state": f"{state} is not a member of {forum}."})
    role, _ = record(
        Role,
        lookup={"user": user, "forum": forum, "kind": kind, "state": state},
        action="accounts.role",
        by=by,
    )
    return role


@transaction.atomic
def invitation_send(*, forum, email: str, kind: str, state=None, by) -> Invitation:
    """Invite ``email`` to take up a role in ``forum``; sends the e-mail once the step commits.

    Only focal points and experts are invited this way. Logs ``accounts.invitation.created``.
    """
    if kind not in (RoleKind.FOCAL_POINT, RoleKind.EXPERT):
        raise ValidationError(
            {"kind": "Invite focal points and experts; staff are added by an administrator."}
        )
    if state is not None and not forum.memberships.filter(state=state).exists():
        raise ValidationError({"state": f"{state} is not a member of {forum}."})
    invitation = Invitation(email=email, forum=forum, kind=kind, state=state, invited_by=by)
    invitation.full_clean()
    invitation.save()
    log_action(
        invitation,
        "accounts.invitation.created",
        by=by,
        data={"email": email, "kind": kind, "state": state},
    )
    link = settings.PLENARY_BASE_URL + reverse(
        "accounts:accept", kwargs={"token": invitation.token}
    )
    body = render_to_string(
        "accounts/email/invitation.txt", {"invitation": invitation, "link": link, "by": by}
    )
    subject = f"Invitation to {forum.short_name or forum.name} on Plenary"
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


@transaction.atomic
def invitation_accept(invitation: Invitation, *, username: str, password: str, now=None):
    """Create the invited person's account and role. Refuses an expired or used invitation.

    Logs ``accounts.invitation.accepted``; returns the new user.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open(now):
        raise ValidationError("This invitation has expired or has already been used.")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": "That user name is taken."})
    user = user_model.objects.create_user(
        username=username, email=invitation.email, password=password
    )
    role_grant(
        user=user, forum=invitation.forum, kind=invitation.kind, state=invitation.state, by=user
    )
    invitation.accepted_at = now or timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    log_action(invitation, "accounts.invitation.accepted", by=user, data={"username": username})
    return user
