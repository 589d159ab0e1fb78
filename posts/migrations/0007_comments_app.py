"""Comments moved to the ``comments`` app (see comments/migrations/0001_initial.py).

Only the migration state changes: the ``posts_comment`` table stays and now
belongs to ``comments.Comment``.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0006_body_help_text"),
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Comment")],
            database_operations=[],
        ),
    ]
