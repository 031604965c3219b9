"""Login pages, the user's own page, and invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from plenary.accounts.domain import invitation_accept, invitation_send
from plenary.accounts.forms import AcceptForm, InvitationForm
from plenary.accounts.models import Invitation
from plenary.accounts.rules import roles_of
from plenary.documents.rules import user_can
from plenary.forums.models import Forum


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = sorted(roles_of(request.user), key=lambda r: (r.forum_id, r.kind))
    forums = Forum.objects.in_bulk({r.forum_id for r in roles})
    return render(
        request,
        "accounts/home.html",
        {"roles": [(forums[r.forum_id], r) for r in roles]},
    )


@login_required
def invite(request: HttpRequest, forum: str) -> HttpResponse:
    forum_obj = get_object_or_404(Forum, slug=forum)
    if not user_can(request.user, "accounts.invite", forum_obj):
        raise Http404("No forum matches the given query.")
    form = InvitationForm(request.POST or None, forum=forum_obj)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                forum=forum_obj,
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                state=form.cleaned_data["state"],
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("An invitation went to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invite", forum=forum_obj.slug)
    return render(request, "accounts/invite.html", {"forum": forum_obj, "form": form})


def accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation, token=token)
    if not invitation.is_open():
        return render(request, "accounts/invitation_closed.html", status=410)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("accounts:home")
    return render(request, "accounts/accept.html", {"invitation": invitation, "form": form})
