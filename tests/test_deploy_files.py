"""What can be checked of the Docker files without a Docker engine."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCES = (ROOT / "blog" / "settings.py").read_text() + (
    ROOT / "blog" / "env.py"
).read_text()


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_database_has_healthcheck_and_named_volume(compose):
    db = compose["services"]["db"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_web_waits_for_database_and_migrations(compose):
    web = compose["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "ports" not in web, "web must be scalable: only the proxy publishes a port"
    migrate = " ".join(compose["services"]["migrate"]["command"])
    assert "manage.py migrate" in migrate


def test_every_variable_given_to_the_app_is_read_by_settings(compose):
    environment = compose["services"]["web"]["environment"]
    for name in environment:
        assert f'"{name}"' in SETTINGS_SOURCES, f"{name} is not read by blog/settings.py"


def test_manage_commands_used_in_deploy_files_exist():
    known = set(get_commands())
    text = "\n".join(
        (ROOT / name).read_text() for name in ["docker-compose.yml", "Dockerfile", "Makefile"]
    )
    used = set(re.findall(r"manage\.py ([a-z_]+)", text))
    assert used and used <= known, used - known


def test_dockerfile_installs_the_lock_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.lock" in dockerfile
    assert "collectstatic" in dockerfile
    assert '"gunicorn", "blog.wsgi"' in dockerfile
    assert (ROOT / "requirements.lock").exists()


def test_proxy_config_is_mounted_and_points_at_web(compose):
    proxy = compose["services"]["proxy"]
    source = proxy["volumes"][0].split(":")[0]
    conf = (ROOT / source).read_text()
    assert "http://web:8000" in conf
    assert "resolver 127.0.0.11" in conf


def test_web_healthcheck_asks_with_an_allowed_host(compose):
    command = compose["services"]["web"]["healthcheck"]["test"]
    assert command[:3] == ["CMD", "python", "-c"]
    compile(command[3], "healthcheck", "exec")
    assert 'os.environ["DJANGO_ALLOWED_HOSTS"]' in command[3]
    assert "/healthz" in command[3]
