"""``plenary settle_silences``: record the adoption of texts whose silence deadline has passed.

Pages derive a silence procedure's outcome from its deadline, so nothing waits for this command;
it writes the outcome down (the document adopted by silence) and sends the e-mails. Safe to run
as often as cron likes: a second run settles nothing more.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from plenary.documents.drafting import silences_settle
from plenary.documents.notifications import utc


class Command(BaseCommand):
    help = (
        "Adopt by silence every document whose silence procedure reached its deadline unbroken. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        settled = silences_settle()
        if not settled:
            self.stdout.write("No silence procedure has reached its deadline unsettled.")
            return
        for procedure in settled:
            version = procedure.version
            self.stdout.write(
                f"Adopted by silence: {version.document} (version {version.number}, "
                f"deadline {utc(procedure.deadline)})."
            )
        self.stdout.write(self.style.SUCCESS(f"{len(settled)} settled."))
