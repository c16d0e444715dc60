"""Moving records back to when they happened in the story.

The services stamp everything with the current time. A demo caseload must look months old,
so after the load each record (and each row of its change history) gets its story's time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Model

LOCAL_TIME = {
    "GB": ZoneInfo("Europe/London"),
    "DK": ZoneInfo("Europe/Copenhagen"),
    "IR": ZoneInfo("Asia/Tehran"),
}
# Days nobody is at work: the weekend, and in Iran Thursday and Friday.
DAYS_OFF = {"GB": {5, 6}, "DK": {5, 6}, "IR": {3, 4}}


class Timeline:
    """Moves what the services stamped "now" back to when it happened in the story."""

    STAMPED = ("created_at", "updated_at", "received_at", "recorded_at")
    COPIED_TO_HISTORY = ("created_at", "received_at", "decided_at")

    def __init__(self) -> None:
        self.values: dict[type[Model], dict[int, dict]] = defaultdict(dict)
        self.events: dict[type[Model], dict[int, list]] = defaultdict(lambda: defaultdict(list))
        self._fields: dict[type[Model], set[str]] = {}
        self._historical: dict[type[Model], type[Model] | None] = {}

    def created(
        self, record: Model, when: datetime.datetime, author: Model | None = None, **more
    ) -> None:
        """`author` names who made it in the change history, where the service did not."""
        fields = self._field_names(type(record))
        values = {name: when for name in self.STAMPED if name in fields} | more
        self._note(record, when, values, author)

    def changed(self, record: Model, when: datetime.datetime, **more) -> None:
        fields = self._field_names(type(record))
        self._note(record, when, ({"updated_at": when} if "updated_at" in fields else {}) | more)

    def set(self, record: Model, **values) -> None:
        """Story values for fields no save touched since: no change-history row to match."""
        self._field_names(type(record))
        self.values[type(record)].setdefault(record.pk, {}).update(values)

    def _field_names(self, model: type[Model]) -> set[str]:
        if model not in self._fields:
            self._fields[model] = {f.name for f in model._meta.concrete_fields}
            # Looked up once: simple-history builds a new manager on every access.
            history = getattr(model, "history", None)
            self._historical[model] = history.model if history is not None else None
        return self._fields[model]

    def _note(self, record: Model, when: datetime.datetime, values: dict, author=None) -> None:
        self.values[type(record)].setdefault(record.pk, {}).update(values)
        if self._historical[type(record)] is not None:
            self.events[type(record)][record.pk].append((when, author.pk if author else None))

    def apply(self) -> None:
        for model, by_pk in self.values.items():
            _update_rows(model, model._meta.pk.column, list(by_pk.items()))
        for model, by_pk in self.events.items():
            self._apply_history(model, self._historical[model], by_pk)

    def _apply_history(self, model, historical, by_pk: dict[int, list]) -> None:
        names = {f.name for f in historical._meta.fields}
        copied = [name for name in self.COPIED_TO_HISTORY if name in names]
        pks = list(by_pk)
        rows = []
        for start in range(0, len(pks), 500):
            rows += (
                historical.objects.filter(id__in=pks[start : start + 500])
                .order_by("id", "history_id")
                .values_list("history_id", "id", *copied)
            )
        seen: dict[int, int] = defaultdict(int)
        updates = []
        for history_id, pk, *current in rows:
            events = by_pk[pk]
            when, author = events[min(seen[pk], len(events) - 1)]
            seen[pk] += 1
            values = {"history_date": when}
            if author is not None:
                values["history_user"] = author
            if "updated_at" in names:
                values["updated_at"] = values["history_date"]
            final = self.values[model][pk]
            for name, value in zip(copied, current, strict=True):
                # A field still empty in that version (a decision not yet made) stays empty.
                if value is not None and name in final:
                    values[name] = final[name]
            updates.append((history_id, values))
        _update_rows(historical, "history_id", updates)


def _update_rows(model: type[Model], pk_column: str, rows: list[tuple[int, dict]]) -> None:
    """One executemany per set of fields: thousands of rows in a fraction of a second."""
    groups: dict[tuple[str, ...], list] = defaultdict(list)
    for pk, values in rows:
        groups[tuple(sorted(values))].append((pk, values))
    quote = connection.ops.quote_name
    for names, members in groups.items():
        fields = [model._meta.get_field(name) for name in names]
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        table, key = quote(model._meta.db_table), quote(pk_column)
        # Table and column names come from the model; every value is a parameter.
        sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
        params = [
            [field.get_db_prep_value(values[field.name], connection) for field in fields] + [pk]
            for pk, values in members
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
