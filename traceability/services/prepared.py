"""Server-side prepared statements for the hottest query of the site, the stamp check.

Django binds parameters on the client and never prepares, so PostgreSQL plans every
execution anew; for the verification statement (four joined tables, an update and an
insert) planning costs about twice what running it does. A `PreparedStatement` is
PREPAREd once per database session and EXECUTEd from then on.

A prepared statement lives in the server session, not in a transaction: it survives a
rollback and is gone only with the connection (tracked here by the connection object).
A transaction-pooling PgBouncer shares sessions between clients and so breaks named
statements; set `TRACE_PREPARED_STATEMENTS=false` behind one.
"""

import weakref

from django.conf import settings
from django.db import DatabaseError, connection
from psycopg import errors


class PreparedStatement:
    def __init__(self, name: str, sql: str, parameters: list[tuple[str, str]]):
        """`sql` uses `%(key)s` placeholders; `parameters` lists (key, PostgreSQL type)
        in the order of the statement's $1, $2, …"""
        self.name = name
        self.sql = sql
        self.keys = [key for key, _ in parameters]
        text = sql
        for position, key in enumerate(self.keys, 1):
            text = text.replace(f"%({key})s", f"${position}")
        if "%(" in text:
            raise ValueError(f"{name}: a placeholder has no declared parameter")
        types = ", ".join(kind for _, kind in parameters)
        self.prepare_sql = f"PREPARE {name} ({types}) AS {text}"
        self.execute_sql = f"EXECUTE {name} ({', '.join(['%s'] * len(self.keys))})"
        self._sessions = weakref.WeakSet()

    def fetchone(self, values: dict):
        if not settings.TRACE_PREPARED_STATEMENTS:
            with connection.cursor() as cursor:
                cursor.execute(self.sql, values)
                return cursor.fetchone()
        arguments = [values[key] for key in self.keys]
        with connection.cursor() as cursor:
            session = connection.connection
            if session not in self._sessions:
                self._prepare(cursor, session)
            try:
                cursor.execute(self.execute_sql, arguments)
            except DatabaseError as error:
                # Deallocated behind our back (DISCARD ALL by a pooler): prepare again,
                # which is only possible outside a transaction (this one is now aborted).
                gone = isinstance(error.__cause__, errors.InvalidSqlStatementName)
                if not gone or connection.in_atomic_block:
                    raise
                self._sessions.discard(session)
                self._prepare(cursor, session)
                cursor.execute(self.execute_sql, arguments)
            return cursor.fetchone()

    def _prepare(self, cursor, session) -> None:
        cursor.execute(
            "SELECT EXISTS (SELECT FROM pg_prepared_statements WHERE name = %s)", [self.name]
        )
        if not cursor.fetchone()[0]:
            cursor.execute(self.prepare_sql)
        self._sessions.add(session)
