"""Pages of cooperation projects: the forum's list, one project with its history and reports, the
proposal of a new one, and the decisions and reports sent from the project page.

Projects are public, so every project page answers anyone. Each action is a POST form with its
CSRF token that works without JavaScript: it answers with a redirect, or with the page and the
form's errors (status 400). Whoever may not take a step gets 403; proposing a project is for
signed-in users, so an anonymous visitor is sent to log in. Nothing here writes a model: each
action calls one function of ``domain``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plenary.accounts.rules import focal_point_states, is_secretariat, user_can
from plenary.documents.drafting_forms import put_errors
from plenary.forums.models import Forum, State
from plenary.forums.naming import state_name
from plenary.forums.precedence import in_precedence
from plenary.meetings.models import Proposal
from plenary.projects import domain, queries
from plenary.projects.enums import NEXT_STATUSES, ProjectStatus
from plenary.projects.forms import DecideForm, ProjectFilterForm, ProposeForm, ReportForm
from plenary.projects.models import Project
from plenary.projects.rules import names_own_state, reporting_states
from plenary.workplans.models import WorkPlanItem


def _project_url(project: Project, anchor: str = "") -> str:
    url = reverse("projects:project", kwargs={"forum": project.forum.slug, "pk": project.pk})
    return f"{url}#{anchor}" if anchor else url


def _project(forum: str, pk: int) -> Project:
    return get_object_or_404(Project.objects.select_related("forum"), pk=pk, forum__slug=forum)


# The list ---------------------------------------------------------------------------------------


def _unmatched(filters: queries.Filters, fields, states) -> list[str]:
    """What the filters ask for that names nothing on record."""
    found = []
    if filters.status and filters.status not in ProjectStatus.values:
        found.append(_("No project status is called “%(value)s”.") % {"value": filters.status})
    if filters.field and not any(filters.field in (str(field.pk), field.slug) for field in fields):
        found.append(_("No field of cooperation is called “%(value)s”.") % {"value": filters.field})
    if filters.state and not any(state.code == filters.state for state in states):
        found.append(
            _("No member state of the forum has the code “%(value)s”.") % {"value": filters.state}
        )
    return found


def projects(request: HttpRequest, forum: str) -> HttpResponse:
    """The forum's projects, filtered by status, field and proposing state."""
    filters = queries.Filters.from_query(request.GET)
    context = queries.project_list_page(forum_slug=forum, filters=filters)
    fields, states = context["fields"], context["member_states"]
    chosen_field = next(
        (f.slug for f in fields if filters.field in (str(f.pk), f.slug)), filters.field
    )
    context["filter_form"] = ProjectFilterForm(
        initial={"status": filters.status, "field": chosen_field, "state": filters.state},
        fields=fields,
        states=states,
    )
    context["unmatched"] = _unmatched(filters, fields, states)
    context["may_propose"] = user_can(request.user, "projects.propose", context["forum"])
    return render(request, "projects/projects.html", context)


# One project ------------------------------------------------------------------------------------


def project(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    return project_page(request, forum, pk)


def _reporting_states(user, project: Project) -> list[State]:
    """The proposing states ``user`` reports for, in the forum's order (``project.proposing``
    when the page read it)."""
    ids = reporting_states(user, project)
    if not ids:
        return []
    ordered = getattr(project, "proposing", None)
    if ordered is None:
        ordered = in_precedence(State.objects.filter(pk__in=ids), project.forum)
    return [state for state in ordered if state.pk in ids]


def _report_form(request: HttpRequest, project: Project, data=None) -> ReportForm:
    return ReportForm(
        data,
        states=_reporting_states(request.user, project),
        secretariat=is_secretariat(request.user, project.forum_id),
        prefix="report",
    )


def project_page(
    request: HttpRequest, forum: str, pk: int, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The project with its facts, history and reports; for those allowed, the forms to decide
    on its status and to report on it. ``bound`` holds a form sent with errors, shown in place
    of the empty one."""
    bound = bound or {}
    context = queries.project_page(forum_slug=forum, pk=pk)
    project = context["project"]
    user = request.user
    next_statuses = NEXT_STATUSES[project.status]
    context["next_statuses"] = [ProjectStatus(s).label for s in next_statuses]
    decide_form = None
    if "decide" in bound:
        decide_form = bound["decide"]
    elif user_can(user, "projects.decide", project):
        decide_form = DecideForm(current=project.status, prefix="decide")
    context["decide_form"] = decide_form
    context["decide_errors"] = (
        [message for errors in decide_form.errors.values() for message in errors]
        if decide_form is not None and decide_form.is_bound
        else []
    )
    report_form = None
    if "report" in bound:
        report_form = bound["report"]
    elif user_can(user, "projects.report", project):
        report_form = _report_form(request, project)
    context["report_form"] = report_form
    return render(request, "projects/project.html", context, status=status)


# Proposing a project ----------------------------------------------------------------------------


def _number(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise Http404(_("No such proposal or work-plan item."))
    return int(value)


def _origin_proposal(forum: Forum, value: str | None) -> Proposal | None:
    pk = _number(value)
    if pk is None:
        return None
    return get_object_or_404(
        Proposal.objects.select_related(
            "field", "statement__delegation__state", "statement__meeting__edition__forum"
        ).prefetch_related("partners"),
        pk=pk,
        statement__meeting__edition__forum=forum,
    )


def _origin_item(forum: Forum, value: str | None) -> WorkPlanItem | None:
    pk = _number(value)
    if pk is None:
        return None
    return get_object_or_404(
        WorkPlanItem.objects.select_related(
            "plan__forum", "area__field", "responsible_state", "responsible_organization"
        ),
        pk=pk,
        plan__forum=forum,
    )


def _title_from(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    return Truncator(first_line).chars(300)


def _prefill(user, forum: Forum, proposal, item) -> dict:
    """What a new project takes from the proposal or the work-plan item it is born from; a
    focal point's own states are ticked when the origin names no state."""
    initial: dict = {}
    states, partners = [], []
    if item is not None:
        initial.update(title=_title_from(item.text), description=item.text, field=item.area.field)
        states += [item.responsible_state] if item.responsible_state else []
        partners += [item.responsible_organization] if item.responsible_organization else []
    if proposal is not None:
        initial.update(
            title=_title_from(proposal.text), description=proposal.text, field=proposal.field
        )
        delegation = proposal.statement.delegation
        states += [delegation.state] if delegation else []
        partners += list(proposal.partners.all())
    state_ids = [state.pk for state in states] or sorted(focal_point_states(user, forum.pk))
    initial.update(proposing_states=state_ids, partners=[org.pk for org in partners])
    if initial.get("field") is None:
        initial.pop("field", None)
    return initial


@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest, forum: str) -> HttpResponse:
    """A member state's focal point or the secretariat proposes a new project, from scratch or
    from a proposal made at a meeting (``proposal``) or a work-plan item (``item``)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    forum_obj = get_object_or_404(Forum, slug=forum)
    user = request.user
    if not user_can(user, "projects.propose", forum_obj):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    proposal = _origin_proposal(forum_obj, source.get("proposal"))
    item = _origin_item(forum_obj, source.get("item"))
    states = queries.member_states(forum_obj)
    context = {"forum": forum_obj, "proposal": proposal, "item": item}
    if request.method == "GET":
        context["form"] = ProposeForm(
            initial=_prefill(user, forum_obj, proposal, item), states=states
        )
        return render(request, "projects/new.html", context)
    form = ProposeForm(request.POST, states=states)
    context["form"] = form
    if form.is_valid():
        data = form.cleaned_data
        chosen = list(data["proposing_states"])
        if not names_own_state(user, forum_obj.pk, [state.pk for state in chosen]):
            language = translation.get_language() or "en"
            own = [
                state_name(state, language)
                for state in states
                if state.pk in focal_point_states(user, forum_obj.pk)
            ]
            form.add_error(
                "proposing_states",
                _("Name your own state (%(states)s) among the proposing states.")
                % {"states": ", ".join(own)},
            )
        else:
            try:
                created = domain.project_propose(
                    forum=forum_obj,
                    title=data["title"],
                    description=data["description"],
                    field=data["field"],
                    proposing_states=chosen,
                    partners=list(data["partners"]),
                    budget_amount=data["budget_amount"],
                    budget_currency=data["budget_currency"],
                    proposed_on=data["proposed_on"],
                    origin_proposal=proposal,
                    origin_item=item,
                    by=user,
                )
            except ValidationError as error:
                put_errors(form, error)
            else:
                messages.success(request, _("“%(title)s” is proposed.") % {"title": created.title})
                return redirect(_project_url(created))
    return render(request, "projects/new.html", context, status=400)


# Decisions and reports --------------------------------------------------------------------------


@require_POST
def project_decide(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    """The secretariat moves the project to its next status."""
    project = _project(forum, pk)
    if not user_can(request.user, "projects.decide", project):
        raise PermissionDenied
    form = DecideForm(request.POST, current=project.status, prefix="decide")
    if form.is_valid():
        data = form.cleaned_data
        try:
            domain.project_decide(
                project=project,
                status=data["status"],
                on=data["on"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            label = ProjectStatus(project.status).label
            messages.success(request, _("The project is now %(status)s.") % {"status": label})
            return redirect(_project_url(project, "history"))
    return project_page(request, forum, pk, bound={"decide": form}, status=400)


@require_POST
def project_report(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    """The secretariat, or the focal point of a proposing state, reports on the project."""
    project = _project(forum, pk)
    if not user_can(request.user, "projects.report", project):
        raise PermissionDenied
    form = _report_form(request, project, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            domain.project_report_add(
                project=project,
                text=data["text"],
                reported_on=data["reported_on"],
                evidence_url=data["evidence_url"],
                state=form.chosen_state(),
                by=request.user,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The report is added."))
            return redirect(_project_url(project, "reports"))
    return project_page(request, forum, pk, bound={"report": form}, status=400)
