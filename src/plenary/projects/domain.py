"""Writes for cooperation projects."""

from __future__ import annotations

import datetime as dt

from plenary.common.domain import record, set_related
from plenary.projects.enums import ProjectStatus
from plenary.projects.models import Project, ProjectStatusChange


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
    project, created = record(
        Project,
        lookup={"forum": forum, "title": title},
        values=values,
        action="projects.project",
        by=by,
    )
    if created:
        ProjectStatusChange.objects.create(
            project=project, status=project.status or ProjectStatus.PROPOSED, on=proposed_on
        )
    set_related(project, "proposing_states", proposing_states, action="projects.project", by=by)
    set_related(project, "partners", partners, action="projects.project", by=by)
    return project
