"""``plenary demo``: load the demo record and the demo accounts.

Safe to run again: everything is recorded by natural key through the domain functions, so a
second run writes nothing and the audit log stays as it was.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from plenary.common.models import AuditEntry, Citation, Source
from plenary.demo import demo_load
from plenary.demo.practice import practice_negotiation_start
from plenary.demo.users import demo_users_ensure
from plenary.documents.models import OutcomeDocument
from plenary.forums.models import Decision, Forum, Milestone
from plenary.meetings.models import Delegation, Meeting, Proposal, Statement
from plenary.projects.models import Project
from plenary.workplans.models import Commitment, WorkPlanItem


class Command(BaseCommand):
    help = (
        "Load two real forums (Korea–Central Asia with the 14th Forum in full, and Central Asia "
        "plus Japan) and the demo accounts. Running it again changes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load the record only into a database that holds no forum yet; a database in "
            "use keeps its own facts (the demo accounts are still made if missing).",
        )

    def handle(self, *args, **options) -> None:
        if options["if_empty"] and Forum.objects.exists():
            with transaction.atomic():
                accounts = demo_users_ensure()
            self.stdout.write("The database already holds forums; the demo record was not loaded.")
            self._accounts(accounts)
            return
        entries_before = AuditEntry.objects.count()
        with transaction.atomic():
            forums = demo_load()
            accounts = demo_users_ensure()
            users = get_user_model().objects.in_bulk(
                ["secretariat", "focal-kr", "focal-kz", "focal-kg", "focal-uz"],
                field_name="username",
            )
            practice_negotiation_start(
                secretariat=users["secretariat"],
                focal_points={
                    code: users[f"focal-{code.lower()}"] for code in ["KR", "KZ", "KG", "UZ"]
                },
            )
        written = AuditEntry.objects.count() - entries_before

        self.stdout.write(self.style.SUCCESS("Demo record loaded."))
        for forum in forums:
            self.stdout.write(f"  {forum.name} ({forum.slug}): {_counts(forum)}")
        self.stdout.write(
            f"  {Source.objects.count()} sources, {Citation.objects.count()} citations; "
            f"{written} audit entries written by this run"
            + (" (nothing had changed)." if written == 0 else ".")
        )
        self._accounts(accounts)

    def _accounts(self, accounts: list[tuple[str, str, str]]) -> None:
        self.stdout.write("Demo accounts (username / password — what it can do):")
        for username, password, description in accounts:
            self.stdout.write(f"  {username} / {password} — {description}")


def _counts(forum: Forum) -> str:
    counts = [
        ("editions", forum.editions.count()),
        ("meetings", Meeting.objects.filter(edition__forum=forum).count()),
        ("delegations", Delegation.objects.filter(meeting__edition__forum=forum).count()),
        ("statements", Statement.objects.filter(meeting__edition__forum=forum).count()),
        ("proposals", Proposal.objects.filter(statement__meeting__edition__forum=forum).count()),
        ("documents", OutcomeDocument.objects.filter(forum=forum).count()),
        ("decisions", Decision.objects.filter(edition__forum=forum).count()),
        ("milestones", Milestone.objects.filter(forum=forum).count()),
        ("work-plan items", WorkPlanItem.objects.filter(plan__forum=forum).count()),
        ("commitments", Commitment.objects.filter(document__forum=forum).count()),
        ("projects", Project.objects.filter(forum=forum).count()),
    ]
    return ", ".join(
        f"{number} {name if number != 1 else name.removesuffix('s')}"
        for name, number in counts
        if number
    )
