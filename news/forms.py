"""Public forms of the portal."""

from django import forms
from django.core.exceptions import ValidationError

from news.dates import ARCHIVE_YEARS

# A native date input sends 2018-04-18; people typing by hand write 18/04/2018.
DAY_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class DayForm(forms.Form):
    ngay = forms.DateField(
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
