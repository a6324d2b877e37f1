"""The platform's own plumbing: database in use, health check, deploy checks, request id, translations."""

import os
import subprocess
import sys

import pytest
from django.db import connection


def test_suite_runs_on_the_database_named_by_database_url():
    """CI runs the suite twice; this proves the PostgreSQL run really is on PostgreSQL (never a silent SQLite run)."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


@pytest.mark.django_db
def test_healthz_reports_database_state(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok", "vendor": connection.vendor}


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert generated != "bad id with spaces" and len(generated) == 32


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-test-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "civicbridge.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "civicbridge", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="x.example.org")
    result = subprocess.run(
        [sys.executable, "-m", "civicbridge", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_links_in_e_mails_start_with_the_sites_own_address():
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 20 + "-production-test-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="civicbridge.example.org,www.civicbridge.example.org",
    )
    code = "from django.conf import settings; print(settings.SITE_URL)"
    command = [sys.executable, "-m", "civicbridge", "shell", "--no-imports", "-c", code]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "https://civicbridge.example.org", result.stderr
    result = subprocess.run(
        command, env={**env, "SITE_URL": "https://cb.example.kz"}, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "https://cb.example.kz", result.stderr


def test_scheduled_jobs_name_registered_tasks():
    """A typo in CELERY_BEAT_SCHEDULE would only show as a worker error at 03:00."""
    from celery.schedules import crontab
    from django.conf import settings

    from civicbridge import celery_app

    celery_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    for name, entry in schedule.items():
        assert entry["task"] in celery_app.tasks, name
    assert schedule["notification-digests"]["task"] == "notifications.send_digests"
    assert schedule["notification-digests"]["schedule"] == crontab(hour=3, minute=0)
    assert schedule["files-purge-orphans"]["task"] == "files.purge_orphans"


@pytest.mark.django_db
def test_refusals_and_missing_pages_are_explained_in_the_site_layout(client, citizen, org):
    client.force_login(citizen)
    response = client.get(f"/registry/organisations/{org.pk}/edit/")
    assert response.status_code == 403
    assert 'id="main-content"' in response.content.decode()  # the site's page, not a bare "403 Forbidden"
    response = client.get("/registry/organisations/999999999/")
    assert response.status_code == 404
    assert 'id="main-content"' in response.content.decode()


@pytest.mark.django_db
def test_a_refused_update_leaves_the_object_as_it_was(moderator, org):
    from django.core.exceptions import ValidationError

    from civicbridge.registry import services

    before = org.bin
    with pytest.raises(ValidationError):
        services.organisation_update(actor=moderator, organisation=org, bin="123456789012", short_name="X")
    assert org.bin == before and org.short_name == ""
