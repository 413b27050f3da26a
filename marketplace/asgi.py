"""The ASGI application, as gunicorn's uvicorn workers serve it.

Django runs each request's (synchronous) views in a thread of its own under ASGI, and
each such thread opens its own database connection: 200 requests at once would ask for
200 connections and meet "too many clients". So each worker lets at most
ASGI_MAX_CONCURRENCY requests into Django at a time; the others wait their turn (they
are queued, not refused)."""

import asyncio
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django_application = get_asgi_application()


class ConcurrencyLimit:
    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self.slots = None  # made inside the worker's event loop

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.limit)
        async with self.slots:
            return await self.app(scope, receive, send)


application = ConcurrencyLimit(
    django_application, int(os.environ.get("ASGI_MAX_CONCURRENCY", "16"))
)
