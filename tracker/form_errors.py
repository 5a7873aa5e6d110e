"""What a form that came back refused lists at its top (templates/macros/forms.html, `error_summary`):
each message, with the id of the control it is about so the summary can link to it.

Read from the form itself, so every field a form gains is listed without the page saying so.
"""

from __future__ import annotations

# Fields a person cannot reach: their messages are listed as text, with nothing to link to.
UNREACHABLE_TYPES = {"HiddenField", "CSRFTokenField"}


def error_summary_items(form, row: str | None = None) -> list[tuple[str | None, str]]:
    """(id of the control, message) for each problem of `form`, the form's own first (id None). `row`
    is the suffix macros/forms.html `row_field` gives the ids of a form drawn once per row."""
    items: list[tuple[str | None, str]] = [(None, str(message)) for message in getattr(form, "form_errors", ())]
    # A group of rows refused as a whole (a campaign's recipients): its fieldset carries the group's name.
    for name, messages in getattr(form, "refusals", {}).items():
        items += [(_with_row(name, row), str(message)) for message in messages]
    for field in form:
        items += _field_items(field, row)
    return items


def _field_items(field, row: str | None) -> list[tuple[str | None, str]]:
    if hasattr(field, "entries"):  # FieldList: each entry is a field or a FormField row
        return [item for entry in field.entries for item in _field_items(entry, row)]
    if hasattr(field, "form") and hasattr(field.form, "_fields"):  # FormField
        return [item for sub in field.form for item in _field_items(sub, row)]
    target = None if field.type in UNREACHABLE_TYPES else _with_row(field.id, row)
    return [(target, str(message)) for message in field.errors
            if not isinstance(message, (dict, list, tuple))]


def _with_row(field_id: str, row: str | None) -> str:
    return f"{field_id}-{row}" if row else field_id
