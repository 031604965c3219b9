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
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plenary.accounts.enums import RoleKind
from plenary.accounts.models import Invitation, Role
from plenary.common.domain import log_action, record
from plenary.common.translations import localized


def _state_forum(state, forum) -> dict[str, str]:
    """The names of ``state`` and ``forum`` in the reader's language, for a message."""
    from plenary.forums.naming import state_name

    return {
        "state": state_name(state, get_language() or "en"),
        "forum": localized(forum, "name").text,
    }


def role_grant(*, user, forum, kind: str, state=None, by=None) -> Role:
    """Give ``user`` the role ``kind`` in ``forum`` (for ``state``, as focal point or expert).

    A focal point's state must be a member of the forum. Logs ``accounts.role.created``.
    """
    if state is not None and not forum.memberships.filter(state=state).exists():
        raise ValidationError(
            {"state": _("%(state)s is not a member of %(forum)s.") % _state_forum(state, forum)}
        )
    role, _created = record(
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
            {"kind": _("Invite focal points and experts; staff are added by an administrator.")}
        )
    if state is not None and not forum.memberships.filter(state=state).exists():
        raise ValidationError(
            {"state": _("%(state)s is not a member of %(forum)s.") % _state_forum(state, forum)}
        )
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
    subject = _("Invitation to %(forum)s on Plenary") % {
        "forum": localized(forum, "short_name").text or localized(forum, "name").text
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


@transaction.atomic
def invitation_accept(invitation: Invitation, *, username: str, password: str, now=None):
    """Create the invited person's account and role. Refuses an expired or used invitation.

    Logs ``accounts.invitation.accepted``; returns the new user.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open(now):
        raise ValidationError(_("This invitation has expired or has already been used."))
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": _("That user name is taken.")})
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
