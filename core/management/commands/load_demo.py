from django.core.management.base import BaseCommand

from core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Loads the Vefsn demo programme and a second municipality (idempotent) and prints the logins."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(f"\nDemo-innlogginger (passord for alle: {DEMO_PASSWORD}):")
        for role, email in logins:
            self.stdout.write(f"  {role:<36} {email}")
        self.stdout.write("")
