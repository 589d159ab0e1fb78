"""Loading a checked archive (``backups.archive.read_archive``) into the database."""

import io
import zipfile

from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction

from backups.archive import ArchiveError, archived_models


def rows_present():
    """The archived models that already have rows here, as ``{label: count}``."""
    counts = {}
    for model in archived_models():
        count = model._default_manager.count()
        if count:
            counts[model._meta.label_lower] = count
    return counts


def restore_files(archive, storage=default_storage):
    """Write the archive's files to storage under their own names.

    Every file field of the blog keeps its files in the default storage.
    """
    with zipfile.ZipFile(archive.path) as source:
        for name in archive.files():
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(source.read(f"media/{name}")))
            if saved != name:
                raise ArchiveError(f"Storage kept {name} as {saved}; the rows name {name}.")


def load_rows(archive, delete_existing=False, using="default"):
    """Save every row of ``archive`` in one transaction; then reset sequences and reindex.

    Rows are saved raw, as Django's ``loaddata`` does: no ``save()`` method
    runs, so timestamps and rendered HTML are kept exactly.
    """
    order = [m for m in archived_models() if m._meta.label_lower in archive.rows]
    connection = connections[using]
    with transaction.atomic(using=using):
        if delete_existing:
            for model in reversed(archived_models()):
                model._default_manager.using(using).all().delete()
        deferred = []
        with connection.constraint_checks_disabled():
            for model in order:
                records = serializers.deserialize(
                    "json",
                    archive.rows[model._meta.label_lower],
                    using=using,
                    handle_forward_references=True,
                )
                for record in records:
                    record.save(using=using)
                    if record.deferred_fields:
                        deferred.append(record)
            for record in deferred:
                record.save_deferred_fields(using=using)
        connection.check_constraints(table_names=[model._meta.db_table for model in order])
    statements = connection.ops.sequence_reset_sql(no_style(), order)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    # Search fields are not archived: they are rebuilt from the posts.
    call_command("reindex_posts", stdout=io.StringIO())
