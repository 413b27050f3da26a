"""The Celery application. Without CELERY_BROKER_URL tasks run inline, in the caller's
process; production sets a Redis broker and runs a worker and a scheduler (beat)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("ocop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
