"""Pages of the follow-up: the forum's work plans with their implementation rates, the reports on
their items, and the commitments made in adopted documents with each state's compliance.

The pages are public; the forms write through ``domain`` and are for those the permissions of
``rules`` name. As on the drafting pages, every action is a POST form that works without
JavaScript and answers with a redirect, or with the page and the form's errors (status 400). An
anonymous visitor is sent to log in, a signed-in user without the permission gets 403, and an
address under a draft answers 404 to whoever may not read the draft.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plenary.accounts.rules import is_secretariat, user_can
from plenary.common.queries import citations_by_subject
from plenary.documents.drafting_forms import put_errors
from plenary.documents.drafting_queries import member_states
from plenary.documents.enums import DocumentStatus, VersionStatus
from plenary.documents.models import OutcomeDocument, Paragraph
from plenary.documents.rules import can_view_document
from plenary.forums.models import Forum, State
from plenary.forums.naming import state_name
from plenary.forums.precedence import in_precedence
from plenary.workplans import domain, queries
from plenary.workplans.enums import ItemStatus
from plenary.workplans.forms import AssessmentForm, CommitmentForm, ItemReportForm
from plenary.workplans.models import Commitment, WorkPlanItem
from plenary.workplans.rules import reporting_states

# Helpers ----------------------------------------------------------------------------------------


def _status_counts(statuses) -> list[tuple[str, int]]:
    """A plan's items per status, in the order of the statuses, leaving out those with none."""
    return [(status.label, statuses[status]) for status in ItemStatus if statuses.get(status)]


def _login_or_forbid(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    """Send an anonymous visitor to log in; refuse a signed-in user without the permission."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        raise PermissionDenied
    return None


def _plan_url(forum: Forum, year: int, anchor: str = "") -> str:
    url = reverse("workplans:plan", kwargs={"forum": forum.slug, "year": year})
    return f"{url}#{anchor}" if anchor else url


def _commitments_url(forum: Forum, anchor: str = "") -> str:
    url = reverse("workplans:commitments", kwargs={"forum": forum.slug})
    return f"{url}#{anchor}" if anchor else url


# Work plans -------------------------------------------------------------------------------------


def plans(request: HttpRequest, forum: str) -> HttpResponse:
    """Every work plan of the forum, newest first, with its implementation rate."""
    context = queries.plans_index(forum_slug=forum)
    for rates in context["plans"]:
        rates.status_counts = _status_counts(rates.statuses)
        document = rates.plan.document
        rates.document_visible = document is not None and can_view_document(request.user, document)
    return render(request, "workplans/plans.html", context)


def plan(request: HttpRequest, forum: str, year: int) -> HttpResponse:
    """One plan: its areas and items, each item's status and latest report, and the rates."""
    context = queries.plan_page(forum_slug=forum, year=year)
    plan_obj, rates = context["plan"], context["rates"]
    items = [item for area in rates.areas for item in area.items]
    for item in items:
        reports = item.reports.all()
        item.status = queries.status_in(reports)
        item.status_label = ItemStatus(item.status).label
        item.latest_report = queries.report_in(reports)
        item.may_report = user_can(request.user, "workplans.report_item", item)
    document = plan_obj.document
    context.update(
        {
            "status_counts": _status_counts(rates.statuses),
            "document_visible": document is not None and can_view_document(request.user, document),
            "citations": citations_by_subject([plan_obj, *items]),
        }
    )
    return render(request, "workplans/plan.html", context)


def _item_of(forum: str, year: int, pk: int) -> WorkPlanItem:
    return get_object_or_404(
        WorkPlanItem.objects.select_related(
            "plan__forum", "area", "responsible_state", "responsible_organization__state"
        ),
        pk=pk,
        plan__year=year,
        plan__forum__slug=forum,
    )


@require_http_methods(["GET", "POST"])
def item_report(request: HttpRequest, forum: str, year: int, pk: int) -> HttpResponse:
    """The secretariat, or a focal point of a state that answers for the item, reports its status
    for a year; a second report for the same year replaces the first."""
    item = _item_of(forum, year, pk)
    refused = _login_or_forbid(request, user_can(request.user, "workplans.report_item", item))
    if refused:
        return refused
    plan_obj, forum_obj = item.plan, item.plan.forum
    if is_secretariat(request.user, forum_obj.pk):
        states: list[State] = []
    else:
        own = reporting_states(request.user, item)
        states = in_precedence(State.objects.filter(pk__in=own), forum_obj)
    reports = list(item.reports.select_related("reporter_state").order_by("-year"))
    options = {
        "plan_year": plan_obj.year,
        "current_status": queries.status_in(reports),
        "states": states,
    }
    status = 200
    if request.method == "POST":
        form = ItemReportForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = domain.item_report(
                    item=item,
                    year=data["year"],
                    status=data["status"],
                    text=data["text"],
                    evidence_url=data["evidence_url"],
                    reporter_state=form.chosen_state(),
                    by=request.user,
                )
            except ValidationError as error:
                put_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Item %(number)s is reported %(status)s for %(year)s.")
                    % {
                        "number": item.number,
                        "status": report.get_status_display(),
                        "year": report.year,
                    },
                )
                return redirect(_plan_url(forum_obj, plan_obj.year, f"item-{item.pk}"))
        status = 400
    else:
        form = ItemReportForm(**options)
    context = {
        "forum": forum_obj,
        "plan": plan_obj,
        "item": item,
        "reports": reports,
        "form": form,
    }
    return render(request, "workplans/item_report.html", context, status=status)


# Commitments ------------------------------------------------------------------------------------


def commitments(request: HttpRequest, forum: str) -> HttpResponse:
    """Each edition's commitments with each responsible state's standing and the compliance
    scores; for the secretariat, the ways to mark and assess them."""
    context = queries.commitments_page(forum_slug=forum)
    forum_obj = context["forum"]
    for commitment in (c for group in context["editions"] for c in group.commitments):
        commitment.may_assess = user_can(request.user, "workplans.assess_commitment", commitment)
    context["may_mark"] = user_can(request.user, "workplans.mark_commitment", forum_obj)
    context["adopted_documents"] = (
        list(
            OutcomeDocument.objects.filter(forum=forum_obj, status=DocumentStatus.ADOPTED)
            .select_related("edition")
            .order_by("-adopted_on", "title")
        )
        if context["may_mark"]
        else []
    )
    return render(request, "workplans/commitments.html", context)


def _adopted_paragraphs(document: OutcomeDocument) -> list[tuple[int, str]]:
    """The numbered paragraphs of the adopted text, in English when it has an English text."""
    paragraphs = list(
        Paragraph.objects.filter(
            language_version__version__document=document,
            language_version__version__status=VersionStatus.ADOPTED,
        )
        .select_related("language_version")
        .order_by("number")
    )
    languages = {p.language_version.language for p in paragraphs}
    language = "en" if "en" in languages else min(languages, default=None)
    return [(p.number, p.text) for p in paragraphs if p.language_version.language == language]


@require_http_methods(["GET", "POST"])
def commitment_new(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    """The secretariat marks a commitment in one of the forum's adopted documents."""
    document = get_object_or_404(
        OutcomeDocument.objects.select_related("forum", "edition"), pk=pk, forum__slug=forum
    )
    if not can_view_document(request.user, document):
        raise Http404(_("No outcome document matches the given query."))
    refused = _login_or_forbid(
        request, user_can(request.user, "workplans.mark_commitment", document)
    )
    if refused:
        return refused
    forum_obj = document.forum
    options = {
        "paragraphs": _adopted_paragraphs(document),
        "states": member_states(forum_obj, on=document.adopted_on),
    }
    status = 200
    if request.method == "POST":
        form = CommitmentForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                commitment = domain.commitment_mark(
                    document=document,
                    text=data["text"],
                    responsible_states=form.chosen_states(),
                    paragraph_number=data["paragraph_number"],
                    by=request.user,
                )
            except ValidationError as error:
                put_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The commitment is marked in “%(document)s”.") % {"document": document.title},
                )
                return redirect(_commitments_url(forum_obj, f"commitment-{commitment.pk}"))
        status = 400
    else:
        form = CommitmentForm(**options)
    context = {"forum": forum_obj, "document": document, "form": form}
    return render(request, "workplans/commitment_new.html", context, status=status)


@require_http_methods(["GET", "POST"])
def commitment_assess(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    """The secretariat assesses how far one responsible state has kept a commitment."""
    commitment = get_object_or_404(
        Commitment.objects.select_related("document__forum", "document__edition"),
        pk=pk,
        document__forum__slug=forum,
    )
    refused = _login_or_forbid(
        request, user_can(request.user, "workplans.assess_commitment", commitment)
    )
    if refused:
        return refused
    forum_obj = commitment.document.forum
    states = in_precedence(commitment.responsible_states.all(), forum_obj)
    assessments = list(
        commitment.assessments.select_related("state").order_by("-assessed_on", "-pk")
    )
    status = 200
    if request.method == "POST":
        form = AssessmentForm(request.POST, states=states)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = domain.commitment_assess(
                    commitment=commitment,
                    state=form.chosen_state(),
                    compliance=data["compliance"],
                    assessed_on=data["assessed_on"],
                    evidence=data["evidence"],
                    evidence_url=data["evidence_url"],
                    by=request.user,
                )
            except ValidationError as error:
                put_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(state)s’s compliance is recorded as %(compliance)s.")
                    % {
                        "state": state_name(assessment.state, translation.get_language() or "en"),
                        "compliance": assessment.get_compliance_display(),
                    },
                )
                return redirect(_commitments_url(forum_obj, f"commitment-{commitment.pk}"))
        status = 400
    else:
        form = AssessmentForm(states=states)
    context = {
        "forum": forum_obj,
        "commitment": commitment,
        "document": commitment.document,
        "assessments": assessments,
        "form": form,
    }
    return render(request, "workplans/commitment_assess.html", context, status=status)
