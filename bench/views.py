"""The floor of `make bench`: a bare view that renders a 20 KB page without the database.

Served under bench.settings only (bench.urls), never by the portal's own settings;
`make bench` reports every page as a ratio to it, measured by the same server in
the same run.
"""

import datetime as dt

from django.shortcuts import render

ITEMS = [
    {
        "title": f"Triển khai kế hoạch cải cách hành chính của thành phố, đợt {number}",
        "url": f"/tin-tuc/bai-viet-mau-{number}/",
        "date": dt.date(2018, 4, 18) - dt.timedelta(days=number),
        "lead": (
            "Ủy ban nhân dân thành phố ban hành kế hoạch tuyên truyền công tác cải cách "
            "hành chính, nhằm nâng cao nhận thức của cán bộ, công chức và người dân về "
            "thủ tục hành chính một cửa, một cửa liên thông và dịch vụ công trực tuyến."
        ),
    }
    for number in range(1, 21)
]


def floor(request):
    """Render the floor page: a listing of 20 items from memory, no SQL."""
    return render(request, "bench/floor.html", {"items": ITEMS})
