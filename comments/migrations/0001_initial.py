"""Comments become an app of their own, keeping the table they had in posts.

Only Django's record of the model moves (``posts_comment`` stays as it is),
and the content type follows, so that permissions already given to staff for
comments still hold.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def relabel_content_type(old_label, new_label):
    """A migration step giving the comment content type of ``old_label`` to
    ``new_label``, unless ``new_label`` already has one."""

    def relabel(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        content_types = content_types.using(schema_editor.connection.alias)
        if not content_types.filter(app_label=new_label, model="comment").exists():
            content_types.filter(app_label=old_label, model="comment").update(app_label=new_label)

    return relabel


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("posts", "0006_body_help_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Comment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=80, verbose_name="name")),
                        (
                            "email",
                            models.EmailField(
                                blank=True,
                                help_text="Never shown.",
                                max_length=254,
                                verbose_name="email",
                            ),
                        ),
                        (
                            "website",
                            models.URLField(blank=True, max_length=300, verbose_name="website"),
                        ),
                        ("body", models.TextField(verbose_name="comment")),
                        ("body_html", models.TextField(default="", editable=False)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Pending"),
                                    ("approved", "Approved"),
                                    ("spam", "Spam"),
                                    ("removed", "Removed"),
                                ],
                                db_index=True,
                                default="pending",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True,
                                default=django.utils.timezone.now,
                                verbose_name="created",
                            ),
                        ),
                        (
                            "ip_address",
                            models.GenericIPAddressField(
                                blank=True, null=True, verbose_name="IP address"
                            ),
                        ),
                        (
                            "user_agent",
                            models.CharField(blank=True, max_length=300, verbose_name="user agent"),
                        ),
                        (
                            "source_id",
                            models.CharField(
                                blank=True, db_index=True, max_length=100, verbose_name="source id"
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="replies",
                                to="comments.comment",
                                verbose_name="in reply to",
                            ),
                        ),
                        (
                            "post",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="comments",
                                to="posts.post",
                                verbose_name="post",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "comment",
                        "verbose_name_plural": "comments",
                        "db_table": "posts_comment",
                        "ordering": ["created_at", "id"],
                        "indexes": [
                            models.Index(
                                fields=["post", "status", "created_at"], name="comment_post_status"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            relabel_content_type("posts", "comments"), relabel_content_type("comments", "posts")
        ),
    ]
