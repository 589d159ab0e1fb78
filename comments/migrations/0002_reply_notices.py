from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="notify_replies",
            field=models.BooleanField(default=False, verbose_name="email me when someone replies"),
        ),
        migrations.AddField(
            model_name="comment",
            name="reply_notice_sent",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="reply notice sent"
            ),
        ),
    ]
