from django.core.management.base import BaseCommand

from core.demo import DEMO_PASSWORD, load_bergen_demo, load_demo


class Command(BaseCommand):
    help = (
        "Loads the Vefsn demo programme, a second municipality and (unless --no-bergen) Bergen at scale; "
        "idempotent; prints the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-bergen", action="store_true", help="Skip the 336-participant Bergen programme.")

    def handle(self, *args, **options):
        logins = load_demo()
        if not options["no_bergen"]:
            logins += load_bergen_demo()
        self.stdout.write(f"\nDemo-innlogginger (passord for alle: {DEMO_PASSWORD}):")
        for role, email in logins:
            self.stdout.write(f"  {role:<36} {email}")
        self.stdout.write("")
