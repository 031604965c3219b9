"""Accounts: roles, invitations, login with lockout, password reset, security headers."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from plenary.accounts.domain import invitation_accept, invitation_send, role_grant
from plenary.accounts.enums import RoleKind
from plenary.accounts.models import Invitation, Role
from plenary.common.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def secretary(forum):
    user = User.objects.create_user("secretary", "secretary@example.org", "a long pass phrase 1")
    role_grant(user=user, forum=forum, kind=RoleKind.SECRETARIAT)
    return user


def test_passwords_are_hashed_with_argon2(db):
    user = User.objects.create_user("someone", password="a long pass phrase 1")
    assert user.password.startswith("argon2$")


def test_one_user_may_hold_roles_in_several_forums(forum):
    user = User.objects.create_user("both")
    other = factories.ForumFactory()
    factories.MembershipFactory(forum=other, state=factories.state("KZ"))
    role_grant(user=user, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KZ"))
    role_grant(user=user, forum=other, kind=RoleKind.SECRETARIAT)
    assert sorted(Role.objects.filter(user=user).values_list("forum__slug", "kind")) == sorted(
        [("kca", "focal_point"), (other.slug, "secretariat")]
    )


def test_focal_point_needs_a_member_state(forum):
    user = User.objects.create_user("fp")
    with pytest.raises(ValidationError) as error:
        role_grant(user=user, forum=forum, kind=RoleKind.FOCAL_POINT)
    assert error.value.messages == ["A focal point speaks for one state: choose it."]
    with pytest.raises(ValidationError) as error:
        role_grant(user=user, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("JP"))
    assert error.value.message_dict == {
        "state": ["Japan is not a member of Korea–Central Asia Cooperation Forum."]
    }


def test_role_is_unique_in_the_database(forum):
    user = User.objects.create_user("twice")
    Role.objects.create(user=user, forum=forum, kind=RoleKind.SECRETARIAT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=user, forum=forum, kind=RoleKind.SECRETARIAT)


def test_invitation_is_mailed_and_accepted(
    forum, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            forum=forum,
            email="focal@mfa.example",
            kind=RoleKind.FOCAL_POINT,
            state=factories.state("UZ"),
            by=secretary,
        )
    assert [(m.subject, m.to) for m in mailoutbox] == [
        ("Invitation to Korea–Central Asia Cooperation Forum on Plenary", ["focal@mfa.example"])
    ]
    link = f"http://127.0.0.1:8000/accounts/invitations/{invitation.token}/"
    assert link in mailoutbox[0].body
    user = invitation_accept(invitation, username="uz-focal", password="a long pass phrase 2")
    assert list(user.roles.values_list("forum__slug", "kind", "state__code")) == [
        ("kca", "focal_point", "UZ")
    ]
    assert list(
        AuditEntry.objects.filter(action__startswith="accounts.invitation").values_list(
            "action", flat=True
        )
    ) == ["accounts.invitation.accepted", "accounts.invitation.created"]


def test_invitation_cannot_be_used_twice_or_late(forum, secretary):
    invitation = invitation_send(forum=forum, email="e@x.org", kind=RoleKind.EXPERT, by=secretary)
    late = invitation.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        invitation_accept(invitation, username="late", password="a long pass phrase 3", now=late)
    assert error.value.messages == ["This invitation has expired or has already been used."]
    invitation_accept(invitation, username="first", password="a long pass phrase 3")
    with pytest.raises(ValidationError):
        invitation_accept(invitation, username="second", password="a long pass phrase 3")
    assert User.objects.filter(username__in=["late", "second"]).count() == 0


def test_invite_page_is_for_the_forums_secretariat_only(client, forum, secretary, mailoutbox):
    url = reverse("accounts:invite", kwargs={"forum": forum.slug})
    outsider = User.objects.create_user("outsider", password="a long pass phrase 1")
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(secretary)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"email": "fp@mfa.example", "kind": "focal_point", "state": factories.state("KG").pk}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "fp@mfa.example"


def test_accept_page_creates_account_and_logs_in(client, forum, secretary):
    invitation = invitation_send(forum=forum, email="x@y.org", kind=RoleKind.EXPERT, by=secretary)
    url = reverse("accounts:accept", kwargs={"token": invitation.token})
    response = client.post(
        url,
        {
            "username": "expert1",
            "password": "a long pass phrase 4",
            "password_again": "a long pass phrase 4",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home")).context["user"].username == "expert1"
    assert client.get(url).status_code == 410


def test_login_and_logout(client, secretary):
    response = client.post(
        reverse("login"), {"username": "secretary", "password": "a long pass phrase 1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_repeated_failed_logins_lock_the_account(client, secretary):
    for _ in range(5):
        client.post(reverse("login"), {"username": "secretary", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "secretary", "password": "a long pass phrase 1"}
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_password_reset_by_email(client, secretary, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "secretary@example.org"})
    assert response.status_code == 302
    assert [m.subject for m in mailoutbox] == ["Reset your Plenary password"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.context["validlink"] is True
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another long phrase 9", "new_password2": "another long phrase 9"},
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.check_password("another long phrase 9")


def test_security_headers_and_content_security_policy(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert (policy["default-src"], policy["script-src"], policy["frame-ancestors"]) == (
        "'self'",
        "'self'",
        "'none'",
    )
