"""Forms made once and used by every request: their fields are shared, not copied."""

from __future__ import annotations

import copy

from django import forms


class SharedFields(dict):
    """The fields of a form class made for one set of choices, which no request changes.

    A form deep-copies its fields for each instance, and a choice field's copy
    normalises its choices again (a model choice field's copies its queryset):
    more than what the form's cleaning costs.
    """

    def __deepcopy__(self, memo):
        return self


def shared_form(form: type[forms.BaseForm], **fields: forms.Field) -> type[forms.BaseForm]:
    """Return a subclass of form whose instances share its fields, these ones replaced.

    An instance must not change its fields: every other request would see it.
    """
    made = type(form.__name__, (form,), {"__module__": form.__module__})
    made.base_fields = SharedFields(made.base_fields)
    made.base_fields.update(fields)
    return made


def changed_field(field: forms.Field, **attributes) -> forms.Field:
    """Return a copy of field with these attributes set (choices, queryset, ...)."""
    field = copy.deepcopy(field)
    for name, value in attributes.items():
        setattr(field, name, value)
    return field
