from django.db import models
from django.utils.translation import pgettext_lazy


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("project status", "proposed")
    UNDER_STUDY = "under_study", pgettext_lazy("project status", "under study")
    AGREED = "agreed", pgettext_lazy("project status", "agreed")
    UNDER_WAY = "under_way", pgettext_lazy("project status", "under way")
    COMPLETED = "completed", pgettext_lazy("project status", "completed")
    DROPPED = "dropped", pgettext_lazy("project status", "dropped")


# Where a project may go from each status. A dropped project may be proposed again; a completed
# one is finished. Skipping a step forward is allowed (a proposal can be agreed without a study).
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    ProjectStatus.PROPOSED: (
        ProjectStatus.UNDER_STUDY,
        ProjectStatus.AGREED,
        ProjectStatus.DROPPED,
    ),
    ProjectStatus.UNDER_STUDY: (ProjectStatus.AGREED, ProjectStatus.DROPPED),
    ProjectStatus.AGREED: (ProjectStatus.UNDER_WAY, ProjectStatus.DROPPED),
    ProjectStatus.UNDER_WAY: (ProjectStatus.COMPLETED, ProjectStatus.DROPPED),
    ProjectStatus.COMPLETED: (),
    ProjectStatus.DROPPED: (ProjectStatus.PROPOSED,),
}
