from django.db import models


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "proposed"
    UNDER_STUDY = "under_study", "under study"
    AGREED = "agreed", "agreed"
    UNDER_WAY = "under_way", "under way"
    COMPLETED = "completed", "completed"
    DROPPED = "dropped", "dropped"


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
