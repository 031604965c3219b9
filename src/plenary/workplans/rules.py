"""Who may report on work-plan items and mark and assess commitments.

| permission | object | who |
|---|---|---|
| ``workplans.report_item`` | a work-plan item | the forum's secretariat; a focal point of the state responsible for the item, or of the state of the agency responsible for it |
| ``workplans.manage`` | a forum or a work plan | the forum's secretariat |
| ``workplans.mark_commitment`` | an outcome document | the forum's secretariat |
| ``workplans.assess_commitment`` | a commitment | the forum's secretariat |

Work plans, item reports, commitments and their assessments are public once written: they are the
forum's record of what it carried out. Only writing them is restricted.
"""

from __future__ import annotations

import rules

from plenary.accounts.rules import focal_point_states, is_secretariat, secretariat_of_forum


def item_forum_id(item) -> int | None:
    return item.plan.forum_id if item is not None else None


def states_answering_for(item) -> set[int]:
    """The states whose focal points report on ``item``: the responsible state, and the state of
    the responsible agency (KOICA answers through Korea's focal point)."""
    states = set()
    if item.responsible_state_id:
        states.add(item.responsible_state_id)
    if item.responsible_organization_id and item.responsible_organization.state_id:
        states.add(item.responsible_organization.state_id)
    return states


def reporting_states(user, item) -> set[int]:
    """The states ``user`` may report on ``item`` for, as focal point."""
    if item is None:
        return set()
    return focal_point_states(user, item_forum_id(item)) & states_answering_for(item)


@rules.predicate
def item_secretariat(user, item) -> bool:
    return item is not None and is_secretariat(user, item_forum_id(item))


@rules.predicate
def item_focal_point(user, item) -> bool:
    return bool(reporting_states(user, item))


@rules.predicate
def commitment_secretariat(user, commitment) -> bool:
    return commitment is not None and is_secretariat(user, commitment.document.forum_id)


rules.add_perm("workplans.report_item", item_secretariat | item_focal_point)
rules.add_perm("workplans.manage", secretariat_of_forum)
rules.add_perm("workplans.mark_commitment", secretariat_of_forum)
rules.add_perm("workplans.assess_commitment", commitment_secretariat)
