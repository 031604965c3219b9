"""Who may propose, decide and report on cooperation projects.

| permission | object | who |
|---|---|---|
| ``projects.propose`` | a forum | the forum's secretariat and the focal points of its member states |
| ``projects.report`` | a project | the forum's secretariat; the focal points of the project's proposing states |
| ``projects.decide`` | a project | the forum's secretariat: it moves a project from one status to the next |

Projects, their status history and their reports are public: the forum's record.
"""

from __future__ import annotations

import rules

from plenary.accounts.rules import (
    focal_point_in_forum,
    focal_point_states,
    is_secretariat,
    secretariat_of_forum,
)


def proposing_state_ids(project) -> set[int]:
    """Ids of the project's proposing states (read once per project object)."""
    if project.pk is None:
        return set()
    cached = getattr(project, "_proposing_state_ids", None)
    if cached is None:
        cached = {state.pk for state in project.proposing_states.all()}
        project._proposing_state_ids = cached
    return cached


def reporting_states(user, project) -> set[int]:
    """The states ``user`` may report on ``project`` for, as focal point."""
    if project is None:
        return set()
    return focal_point_states(user, project.forum_id) & proposing_state_ids(project)


def names_own_state(user, forum_id: int | None, state_ids) -> bool:
    """Whether ``user`` may put forward a project proposed by ``state_ids``: the secretariat for
    any member states; a focal point only when one of its own states is among them."""
    return is_secretariat(user, forum_id) or bool(
        focal_point_states(user, forum_id) & set(state_ids)
    )


@rules.predicate
def project_secretariat(user, project) -> bool:
    return project is not None and is_secretariat(user, project.forum_id)


@rules.predicate
def proposing_focal_point(user, project) -> bool:
    return bool(reporting_states(user, project))


rules.add_perm("projects.propose", secretariat_of_forum | focal_point_in_forum)
rules.add_perm("projects.report", project_secretariat | proposing_focal_point)
rules.add_perm("projects.decide", project_secretariat)
