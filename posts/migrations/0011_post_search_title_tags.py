import django.contrib.postgres.search
from django.db import migrations


def fill_from_search_vector(apps, schema_editor):
    # The title (A) and tag (B) lexemes of the full vector are exactly the
    # small vector the search app now writes beside it; copying them in SQL
    # keeps this migration free of the search app's code, which will change
    # after it. SQLite stores no vectors.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE posts_post SET search_title_tags = ts_filter(search_vector, '{a,b}')"
            " WHERE search_vector IS NOT NULL"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('posts', '0010_post_pinned_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='post',
            name='search_title_tags',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_from_search_vector, migrations.RunPython.noop),
    ]
