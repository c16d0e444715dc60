"""`manage.py load_demo`: the demo organisations, programmes, people and logins."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tandem.demo.builders import DemoOutdated, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (three programmes, their staff, people and casework). "
        "Safe to run twice."
    )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production")
        started = time.monotonic()
        # All or nothing: a half-loaded demo would be mistaken for a loaded one next time.
        try:
            with transaction.atomic():
                result = load_demo(password=settings.DEMO_PASSWORD)
        except DemoOutdated as error:
            raise CommandError(str(error)) from error
        seconds = time.monotonic() - started

        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {seconds:.1f} s."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data already loaded; logins and password re-set ({seconds:.1f} s)."
                )
            )
        width = max(len(label) for label in result.counts)
        for label, count in result.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>5}")

        self.stdout.write("\nDemo logins:")
        rows = [("username", "role", "organisation", "language")]
        rows += [
            (spec.username, spec.role, membership.organisation.name, spec.language)
            for spec, membership in result.logins
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(widths[column]) for column, cell in enumerate(row[:3])]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
        self.stdout.write(
            "\nPassword for every demo login: value of DEMO_PASSWORD, default tandem-demo"
        )
