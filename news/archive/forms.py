"""The archive's day form, and the field of a day typed day first that search uses too."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

from news.archive.dates import ARCHIVE_YEARS

# People type 18/04/2018 (or with dashes or dots); links and older forms send 2018-04-18.
DAY_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
# The same, as the pattern attribute of the text fields (templates/includes/day_field.html).
DAY_PATTERN = r"[0-9]{1,2}[.\/\-][0-9]{1,2}[.\/\-][0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DayFirstDateField(forms.DateField):
    """A date typed day first, and shown back day first whichever way it came in.

    The field is a text input, not <input type="date">: a browser draws a date input
    in its own language's order (mm/dd/yyyy in English), whatever the page's language.
    """

    def prepare_value(self, value):
        if isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return value
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        return value


class DayForm(forms.Form):
    ngay = DayFirstDateField(
        label="Chọn ngày",
        input_formats=DAY_INPUT_FORMATS,
        error_messages={
            "required": "Hãy chọn hoặc gõ một ngày, ví dụ 18/04/2018.",
            "invalid": "Không hiểu ngày đã nhập. Hãy gõ theo dạng ngày/tháng/năm, "
            "ví dụ 18/04/2018, hoặc chọn ngày trên lịch.",
        },
    )

    def clean_ngay(self):
        day = self.cleaned_data["ngay"]
        if day.year not in ARCHIVE_YEARS:
            raise ValidationError(
                "Ngày này nằm ngoài phạm vi lưu trữ (năm %(first)d đến %(last)d).",
                params={"first": ARCHIVE_YEARS[0], "last": ARCHIVE_YEARS[-1]},
            )
        return day
