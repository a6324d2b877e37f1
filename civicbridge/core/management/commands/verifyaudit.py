"""Check the audit log's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from civicbridge.core.audit import verify_chain


class Command(BaseCommand):
    help = "Walk the audit log in order and check every entry's hash; exits 1 at the first entry that does not verify."

    def handle(self, *args, **options):
        ok, first_bad = verify_chain()
        if not ok:
            raise CommandError(f"audit log chain broken at entry {first_bad}")
        self.stdout.write("audit log chain verifies")
