"""Writes for cooperation projects: proposal, decisions on their status, reports.

Who may call which write is decided by the permissions in ``rules`` (checked by the pages); the
functions here hold what must be true whoever calls them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.common.domain import log_action, record, set_related
from plenary.common.translations import localized
from plenary.forums.naming import state_name
from plenary.projects.enums import NEXT_STATUSES, ProjectStatus
from plenary.projects.models import Project, ProjectReport, ProjectStatusChange


def _state(state) -> str:
    """A state's name in the reader's language, for a refusal."""
    return state_name(state, translation.get_language() or "en")


def project_record(
    *,
    forum,
    title: str,
    proposed_on: dt.date,
    proposing_states=(),
    partners=(),
    by=None,
    **values,
) -> Project:
    """Create or update a project; a new one starts its status history at ``proposed``."""
    with transaction.atomic():
        project, created = record(
            Project,
            lookup={"forum": forum, "title": title},
            values=values,
            action="projects.project",
            by=by,
        )
        if created:
            ProjectStatusChange.objects.create(
                project=project,
                status=project.status or ProjectStatus.PROPOSED,
                on=proposed_on,
                decided_by=by,
            )
        set_related(project, "proposing_states", proposing_states, action="projects.project", by=by)
        set_related(project, "partners", partners, action="projects.project", by=by)
    return project


def project_propose(
    *,
    forum,
    title: str,
    proposing_states,
    proposed_on: dt.date | None = None,
    description: str = "",
    field=None,
    partners=(),
    origin_proposal=None,
    origin_item=None,
    budget_amount=None,
    budget_currency: str = "",
    by=None,
) -> Project:
    """Propose a new cooperation project in ``forum``, born from a proposal made in a statement
    or from a work-plan item (the link is kept) or from neither.

    The proposing states must be members of the forum; the origin must belong to the same forum;
    the title must be new in the forum (a second proposal of the same project is refused rather
    than merged).
    """
    proposed_on = proposed_on or timezone.localdate()
    proposing_states = list(proposing_states)
    title = title.strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the project a title.")
    elif Project.objects.filter(forum=forum, title=title).exists():
        errors["title"] = _("%(forum)s already has a project of that title.") % {
            "forum": localized(forum, "name").text
        }
    if not proposing_states:
        errors["proposing_states"] = _("Name at least one proposing state.")
    else:
        members = set(forum.memberships.values_list("state_id", flat=True))
        strangers = [s for s in proposing_states if s.pk not in members]
        if strangers:
            errors["proposing_states"] = _("Not a member of %(forum)s: %(states)s.") % {
                "forum": localized(forum, "name").text,
                "states": ", ".join(_state(s) for s in strangers),
            }
    if origin_proposal is not None and (
        origin_proposal.statement.meeting.edition.forum_id != forum.pk
    ):
        errors["origin_proposal"] = _("That proposal was made in another forum.")
    if origin_item is not None and origin_item.plan.forum_id != forum.pk:
        errors["origin_item"] = _("That work-plan item belongs to another forum.")
    if proposed_on > timezone.localdate():
        errors["proposed_on"] = _("A proposal cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    return project_record(
        forum=forum,
        title=title,
        proposed_on=proposed_on,
        proposing_states=proposing_states,
        partners=partners,
        description=description.strip(),
        field=field,
        origin_proposal=origin_proposal,
        origin_item=origin_item,
        budget_amount=budget_amount,
        budget_currency=budget_currency.strip().upper(),
        status=ProjectStatus.PROPOSED,
        by=by,
    )


def project_decide(
    *,
    project: Project,
    status: str,
    on: dt.date,
    note: str = "",
    by=None,
    today: dt.date | None = None,
) -> ProjectStatusChange:
    """Move ``project`` to ``status`` as of ``on``, keeping the step in its history.

    Only the steps of ``NEXT_STATUSES`` are allowed; the date may not precede the last step nor
    lie in the future. Runs under a row lock, so two decisions at once cannot both apply to the
    same status.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        last = locked.status_history.order_by("-on", "-pk").first()
        errors = {}
        allowed = NEXT_STATUSES[locked.status]
        if status not in allowed:
            current = ProjectStatus(locked.status).label
            if allowed:
                labels = [str(ProjectStatus(s).label) for s in allowed]
                choices = (
                    _("%(rest)s or %(last)s") % {"rest": ", ".join(labels[:-1]), "last": labels[-1]}
                    if len(labels) > 1
                    else labels[0]
                )
                errors["status"] = _("This project is %(current)s; it can become %(choices)s.") % {
                    "current": current,
                    "choices": choices,
                }
            else:
                errors["status"] = _(
                    "This project is %(current)s; its status can no longer change."
                ) % {"current": current}
        if last is not None and on < last.on:
            errors["on"] = _("The last step was dated %(date)s; a new one cannot precede it.") % {
                "date": last.on.isoformat()
            }
        elif on > today:
            errors["on"] = _("A decision cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)
        change = ProjectStatusChange.objects.create(
            project=locked, status=status, on=on, note=note.strip(), decided_by=by
        )
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        log_action(
            locked,
            "projects.project.decided",
            by=by,
            data={"status": {"before": before, "after": status}, "on": on.isoformat()},
        )
    project.status = status
    return change


def project_report_add(
    *,
    project: Project,
    text: str,
    reported_on: dt.date | None = None,
    state=None,
    evidence_url: str = "",
    by=None,
) -> ProjectReport:
    """Add a report on ``project``; ``state`` is the proposing state whose focal point reports
    (``None`` for the secretariat)."""
    reported_on = reported_on or timezone.localdate()
    errors = {}
    if not text.strip():
        errors["text"] = _("Write what the report says.")
    if state is not None and not project.proposing_states.filter(pk=state.pk).exists():
        errors["state"] = _("%(state)s did not propose this project.") % {"state": _state(state)}
    if reported_on > timezone.localdate():
        errors["reported_on"] = _("A report cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    report = ProjectReport(
        project=project,
        text=text.strip(),
        reported_on=reported_on,
        state=state,
        evidence_url=evidence_url.strip(),
        reported_by=by,
    )
    report.full_clean()
    report.save()
    log_action(report, "projects.report.created", by=by, data={"reported_on": reported_on})
    return report
