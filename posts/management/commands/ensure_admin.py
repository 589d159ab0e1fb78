import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser (default name: admin) with a generated password the first "
        "time, printing the password once; do nothing when the user exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"User {username!r} exists; its password is unchanged.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created superuser {username!r} with password: {password}\n"
                "It is shown only this once: keep it, or change it with "
                f"`python manage.py changepassword {username}`."
            )
        )
