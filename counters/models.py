"""Site visits and article views: running totals, daily totals and deduplication marks.

Totals only ever change through single atomic SQL statements (see services.py),
so concurrent requests in any number of processes add up exactly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from news.models import Article

SITE_TOTAL_ID = 1


class SiteTotal(models.Model):
    """The site's running total of visits: a single row."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=SITE_TOTAL_ID)
    visits = models.PositiveBigIntegerField(
        _("tổng lượt truy cập"),
        default=0,
        help_text=_("Số hiện trong ô “SỐ LƯỢT TRUY CẬP”. Chỉ sửa khi cần đính chính."),
    )

    class Meta:
        verbose_name = _("tổng lượt truy cập")
        verbose_name_plural = _("tổng lượt truy cập")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=SITE_TOTAL_ID), name="counters_sitetotal_single_row"
            )
        ]

    def __str__(self):
        return f"Tổng lượt truy cập: {self.visits}"


class SiteDay(models.Model):
    """The site's visits on one local (Vietnam) date."""

    day = models.DateField(_("ngày"), primary_key=True, help_text=_("Ngày theo giờ Việt Nam."))
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.visits}"


class ArticleTotal(models.Model):
    """An article's running total of views."""

    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="view_total",
    )
    views = models.PositiveBigIntegerField(
        _("lượt xem"),
        default=0,
        help_text=_("Số hiện ở dòng “Số lượt người xem”. Chỉ sửa khi cần đính chính."),
    )

    class Meta:
        verbose_name = _("tổng lượt xem bài viết")
        verbose_name_plural = _("tổng lượt xem bài viết")

    def __str__(self):
        return f"{self.article}: {self.views}"


class ArticleDay(models.Model):
    """An article's views on one local (Vietnam) date."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField(_("ngày"), help_text=_("Ngày theo giờ Việt Nam."))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trong ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="counters_articleday_unique")
        ]
        # "Most read in the last N days" scans a range of days.
        indexes = [models.Index(fields=["day", "article"], name="counters_articleday_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.views}"


class VisitorPresence(models.Model):
    """When a visitor (by cookie id) was last seen, and the id of their current visit.

    One row per recent visitor, shared by every process through the database:
    it decides whether a request starts a new visit, counts the visitors online
    and limits floods. Rows older than the view window are useless and pruned.
    """

    visitor = models.UUIDField(_("mã khách"), primary_key=True)
    visit = models.UUIDField(
        _("mã lượt truy cập"),
        help_text=_("Đổi khi khách quay lại sau khoảng thời gian tính lượt."),
    )
    last_seen_at = models.DateTimeField(_("lần cuối"), db_index=True)
    burst_started_at = models.DateTimeField(_("đầu chu kỳ giới hạn"))
    burst_hits = models.PositiveIntegerField(_("số yêu cầu trong chu kỳ"), default=1)

    class Meta:
        verbose_name = _("khách đang truy cập")
        verbose_name_plural = _("khách đang truy cập")

    def __str__(self):
        return str(self.visitor)


class ViewMark(models.Model):
    """When a visitor's view of an article was last counted."""

    visitor = models.UUIDField(_("mã khách"))
    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="+"
    )
    counted_at = models.DateTimeField(_("tính lúc"), db_index=True)

    class Meta:
        verbose_name = _("dấu lượt xem")
        verbose_name_plural = _("dấu lượt xem")
        constraints = [
            models.UniqueConstraint(fields=["visitor", "article"], name="counters_viewmark_unique")
        ]

    def __str__(self):
        return f"{self.visitor} → {self.article_id}"


class Statistics(SiteDay):
    """The admin's statistics page (charts and most read), listed under this app."""

    class Meta:
        proxy = True
        verbose_name = _("thống kê truy cập")
        verbose_name_plural = _("thống kê truy cập")
