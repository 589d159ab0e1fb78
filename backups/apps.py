from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """One-file backups of the whole blog, restorable into SQLite or PostgreSQL.

    No models of its own. Public surface: the ``backup`` and ``restore``
    commands (``backups.archive`` does the work). It reads every model of
    the apps in ``archive.ARCHIVED_APPS`` from their app configs, so a model
    added to them later is backed up without a change here.
    """

    name = "backups"
    verbose_name = _("Backups")
