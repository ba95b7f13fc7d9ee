"""The portals one installation serves: each a Site with its identity, host names and staff."""

import re

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# A host name as browsers send it once lowercased, without port or trailing dot:
# labels of letters, digits and inner hyphens, at most 253 characters in all.
HOST_NAME = re.compile(r"(?=.{1,253}\Z)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def normalise_host(value: str) -> str:
    """Return a Host header's name as portals are keyed: lowercase, no port, no trailing dot."""
    host = value.strip().lower()
    if host.startswith("["):
        # An IPv6 literal: "[::1]:8000".
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def validate_host_name(value: str) -> None:
    """Raise ValidationError unless value is a host name written as portals key it."""
    if value != normalise_host(value) or not HOST_NAME.fullmatch(value):
        raise ValidationError(
            _("“%(value)s” không phải tên miền hợp lệ (ví dụ: phuong-1.baclieu.gov.vn)."),
            params={"value": value},
            code="invalid_host",
        )


# WCAG AA for body text: the header's white text and the links on white need it.
MIN_CONTRAST = 4.5


def contrast_with_white(value: str) -> float:
    """Return the WCAG contrast ratio of a #RRGGBB colour with white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(value[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 1.05 / (luminance + 0.05)


def darker(value: str, factor: float = 0.75) -> str:
    """Return a #RRGGBB colour darkened by factor (the hover and border shade)."""
    return "#" + "".join(f"{int(int(value[i : i + 2], 16) * factor):02x}" for i in (1, 3, 5))


def validate_colour(value: str) -> None:
    """Raise ValidationError unless value is #RRGGBB dark enough for white text and links."""
    if not COLOUR.fullmatch(value):
        raise ValidationError(_("Màu viết dạng #RRGGBB, ví dụ #0a4a85."), code="invalid_colour")
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "Màu %(value)s quá nhạt: chữ trắng trên nền màu này và liên kết trên nền trắng "
                "khó đọc (độ tương phản %(ratio).1f:1, cần ít nhất 4,5:1)."
            ),
            params={"value": value, "ratio": ratio},
            code="low_contrast",
        )


class Portal(models.Model):
    """A portal's identity: what its header, footer, print view and feeds say it is."""

    site = models.OneToOneField(
        Site,
        verbose_name=_("trang"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="portal",
    )
    name = models.CharField(
        _("tên cổng"),
        max_length=200,
        help_text=_("Ví dụ “Cổng thông tin điện tử thành phố Bạc Liêu”."),
    )
    agency = models.CharField(
        _("cơ quan chủ quản"), max_length=200, help_text=_("Ví dụ “Ủy ban nhân dân phường 1”.")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    logo = models.CharField(
        _("biểu trưng"),
        max_length=300,
        default="img/portal-logo.svg",
        help_text=_(
            "Đường dẫn một tệp tĩnh (img/portal-logo.svg) hoặc một đường dẫn trên chính trang "
            "này bắt đầu bằng “/” (ví dụ /media/logo/quoc-huy.png)."
        ),
    )
    colour = models.CharField(
        _("màu chủ đạo"),
        max_length=7,
        blank=True,
        validators=[validate_colour],
        help_text=_("Màu đầu trang và liên kết, dạng #RRGGBB; để trống để dùng màu mặc định."),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        blank=True,
        related_name="portals",
        help_text=_("Tài khoản được viết, duyệt và quản lý nội dung của cổng này."),
    )

    class Meta:
        ordering = ["site_id"]
        verbose_name = _("cổng thông tin")
        verbose_name_plural = _("cổng thông tin")

    def __str__(self):
        return self.name

    @property
    def domain(self) -> str:
        return self.site.domain


class HostName(models.Model):
    """A name a portal answers on; its Site's domain is one of them, the one links use."""

    name = models.CharField(
        _("tên miền"), max_length=253, unique=True, validators=[validate_host_name]
    )
    portal = models.ForeignKey(
        Portal, verbose_name=_("cổng"), on_delete=models.CASCADE, related_name="host_names"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("tên miền")
        verbose_name_plural = _("tên miền")

    def __str__(self):
        return self.name
