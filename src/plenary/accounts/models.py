"""Roles: who works for which forum, and for which state."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.accounts.enums import RoleKind
from plenary.common.models import TimeStampedModel


class Role(TimeStampedModel):
    """A user's role in a forum: its secretariat, the focal point of one member state, or an
    expert (of a state, when known)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("user"),
    )
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="roles", verbose_name=_("forum")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RoleKind.choices)
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
        verbose_name=_("state"),
    )

    class Meta:
        ordering = ["forum", "kind", "state__name"]
        verbose_name = pgettext_lazy("user role", "role")
        verbose_name_plural = pgettext_lazy("user role", "roles")
        constraints = [
            # Two partial constraints rather than nulls_distinct, which SQLite does not know.
            models.UniqueConstraint(
                fields=["user", "forum", "kind", "state"],
                condition=Q(state__isnull=False),
                name="role_unique_for_state",
            ),
            models.UniqueConstraint(
                fields=["user", "forum", "kind"],
                condition=Q(state__isnull=True),
                name="role_unique_for_forum",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RoleKind.FOCAL_POINT) | Q(state__isnull=False),
                name="role_focal_point_has_state",
                violation_error_message=_("A focal point speaks for one state: choose it."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RoleKind.SECRETARIAT) | Q(state__isnull=True),
                name="role_secretariat_has_no_state",
                violation_error_message=_(
                    "Secretariat staff work for the forum, not for one state."
                ),
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.state_id:
            label = f"{label} ({self.state.name})"
        return f"{self.user} — {label}, {self.forum.short_name or self.forum.name}"


def _token() -> str:
    return secrets.token_urlsafe(32)


def _in_two_weeks() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=14)


class Invitation(TimeStampedModel):
    """An e-mailed invitation to take up a role; accepting it creates the account and the role."""

    email = models.EmailField(_("email"))
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("forum"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RoleKind.choices)
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires at"), default=_in_two_weeks)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RoleKind.FOCAL_POINT) | Q(state__isnull=False),
                name="invitation_focal_point_has_state",
                violation_error_message=_("A focal point speaks for one state: choose it."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(email)s as %(kind)s") % {
            "email": self.email,
            "kind": self.get_kind_display(),
        }

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.accepted_at is None and (now or timezone.now()) < self.expires_at
