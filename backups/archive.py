"""The backup archive: one zip file with the blog's rows and uploaded files.

- ``manifest.json``: the format name and version, when it was written, the
  number of rows of each model and the size and SHA-256 of each file;
- ``data/<app>.<model>.json``: every row of the model in Django's JSON
  serialization. References to content types, permissions, users and tags
  are by natural key, so they match whatever ids the restoring database
  gives those rows;
- ``media/<name>``: every file a file field of an archived row names.

Archived: every model of the apps in ``ARCHIVED_APPS`` (read from their app
configs, so models added later are included) and the users and groups
posts point at. Fields derived from others (``DERIVED_FIELDS``) are left
out and rebuilt after a restore.
"""

import datetime
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

FORMAT = "happy-coding-blog-backup"
VERSION = 1
ARCHIVED_APPS = ("taggit", "posts", "comments")
# Authors of posts and the people who sign in. Permissions are not archived:
# `migrate` creates them, and users and groups name theirs by natural key.
ARCHIVED_MODELS = ("auth.Group", "auth.User")
# Rebuilt by `reindex_posts` after a restore; a PostgreSQL tsvector means
# nothing to SQLite anyway.
DERIVED_FIELDS = (SearchVectorField,)
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON keeps times to the millisecond; a backup keeps every microsecond
    (pages show them, in ``<time datetime>`` and feeds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """The archive cannot be restored; the message says why."""


def archived_models():
    """The archived models, each after the models its natural keys refer to."""
    chosen = [apps.get_model(label) for label in ARCHIVED_MODELS]
    for label in ARCHIVED_APPS:
        chosen += [
            model
            for model in apps.get_app_config(label).get_models()
            if model._meta.managed and not model._meta.proxy
        ]
    return serializers.sort_dependencies([(None, chosen)], allow_cycles=True)


def archived_fields(model):
    """Names of the fields stored for ``model``: all but the primary key and derived ones."""
    return [
        model_field.name
        for model_field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if not model_field.primary_key and not isinstance(model_field, DERIVED_FIELDS)
    ]


def file_fields(model):
    return [f for f in model._meta.local_fields if isinstance(f, models.FileField)]


def data_name(model):
    return f"data/{model._meta.label_lower}.json"


def write_archive(path):
    """Write the archive to ``path`` (replaced whole, never left half-written).

    Returns ``(manifest, missing)``: the manifest written, and the names of
    files that rows name but storage no longer has (left out of the archive).
    """
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "models": {},
        "files": {},
    }
    missing = []
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=folder)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for model in archived_models():
                rows = list(model._default_manager.order_by("pk"))
                records = serializers.serialize(
                    "python", rows, fields=archived_fields(model), use_natural_foreign_keys=True
                )
                text = json.dumps(records, cls=ExactJSONEncoder, ensure_ascii=False)
                archive.writestr(data_name(model), text)
                manifest["models"][model._meta.label_lower] = len(rows)
                for row in rows:
                    for file_field in file_fields(model):
                        name = getattr(row, file_field.attname).name
                        if name and name not in manifest["files"]:
                            stored = copy_file(archive, file_field.storage, name)
                            if stored is None:
                                missing.append(name)
                            else:
                                manifest["files"][name] = stored
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return manifest, missing


def copy_file(archive, storage, name):
    """Copy ``name`` from ``storage`` into the archive; its size and hash, or None if gone."""
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as source, archive.open(f"media/{name}", "w") as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


@dataclass
class Archive:
    """An archive read and checked whole: ``rows`` holds each model's JSON text."""

    path: str
    manifest: dict
    rows: dict = field(default_factory=dict)

    def files(self):
        return self.manifest["files"]


def read_archive(path):
    """Open and check the whole archive before anything is written anywhere.

    Checks the format and version, that every model is known here and every
    record parses into it, that the counts match the manifest, and that every
    file is present with its size and hash. Raises :class:`ArchiveError`.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"{path} is not a readable backup archive ({error}).") from error
    with archive:
        manifest = read_manifest(archive)
        result = Archive(path=path, manifest=manifest)
        known = {model._meta.label_lower: model for model in archived_models()}
        for label, count in manifest["models"].items():
            if label not in known:
                raise ArchiveError(f"The archive holds {label}, which this blog does not have.")
            text = read_member(archive, f"data/{label}.json").decode("utf-8")
            check_records(label, text, count)
            result.rows[label] = text
        for name, expected in manifest["files"].items():
            check_file(archive, name, expected)
    return result


def read_manifest(archive):
    try:
        manifest = json.loads(read_member(archive, MANIFEST))
    except ValueError as error:
        raise ArchiveError(f"{MANIFEST} is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("This file is not a backup of this blog.")
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            f"The archive has format version {manifest.get('version')!r}; "
            f"this blog reads version {VERSION}."
        )
    if not isinstance(manifest.get("models"), dict) or not isinstance(manifest.get("files"), dict):
        raise ArchiveError(f"{MANIFEST} lists no models or files.")
    return manifest


def read_member(archive, name):
    try:
        return archive.read(name)
    except KeyError as error:
        raise ArchiveError(f"The archive has no {name}.") from error
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"{name} in the archive is damaged ({error}).") from error


def check_records(label, text, count):
    """Every record of ``label`` parses into the model, and there are ``count`` of them."""
    try:
        records = list(serializers.deserialize("json", text, handle_forward_references=True))
    except serializers.base.DeserializationError as error:
        raise ArchiveError(f"A record of {label} cannot be read: {error}") from error
    wrong = [record for record in records if record.object._meta.label_lower != label]
    if wrong:
        raise ArchiveError(f"data/{label}.json holds records of another model.")
    if len(records) != count:
        raise ArchiveError(
            f"data/{label}.json has {len(records)} records; the manifest says {count}."
        )


def check_file(archive, name, expected):
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts:
        raise ArchiveError(f"The archive names a file outside the media folder: {name!r}.")
    member = f"media/{name}"
    try:
        info = archive.getinfo(member)
    except KeyError as error:
        raise ArchiveError(f"The archive has no {member}.") from error
    if info.file_size != expected.get("size"):
        raise ArchiveError(
            f"{member} is {info.file_size} bytes; the manifest says {expected.get('size')}."
        )
    digest = hashlib.sha256()
    with archive.open(member) as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected.get("sha256"):
        raise ArchiveError(f"{member} is damaged: its content does not match the manifest.")
