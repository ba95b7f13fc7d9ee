"""Site visits and article views: running totals, daily totals and deduplication marks.

Totals only ever change through single atomic SQL statements (see services.py),
so concurrent requests in any number of processes add up exactly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.sites import FIRST_SITE_ID
from news.models import Article

# Every count is spread over a few rows ("shards") picked at random and summed
# when read: concurrent transactions then rarely wait for each other's lock on
# one hot row, which matters most while each waits for its commit to reach
# the disk. COUNTERS_SHARDS sets how many; reads do not depend on it.
SHARD_HELP = _("Số được cộng dồn trên vài dòng để các lượt đếm đồng thời không phải chờ nhau.")


def portal_field():
    """Return the field that says which portal a row counts for.

    Visits, visitors online and the visitors' presence are per portal. No
    index of its own: every such table has a unique constraint that leads
    with the site, which serves the reads, the upserts and a portal's deletion.
    """
    return models.ForeignKey(
        "sites.Site",
        verbose_name=_("cổng"),
        on_delete=models.CASCADE,
        default=FIRST_SITE_ID,
        related_name="+",
        db_index=False,
    )


class SiteTotal(models.Model):
    """A share of a portal's running total of visits; the total is the sum of the shares."""

    site = portal_field()
    shard = models.PositiveSmallIntegerField(_("phần"), default=0, help_text=SHARD_HELP)
    visits = models.PositiveBigIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("tổng lượt truy cập")
        verbose_name_plural = _("tổng lượt truy cập")
        constraints = [
            models.UniqueConstraint(fields=["site", "shard"], name="counters_sitetotal_unique")
        ]

    def __str__(self):
        return f"{self.site_id}/{self.shard}: {self.visits}"


class SiteDay(models.Model):
    """A share of a portal's visits on one local (Vietnam) date."""

    site = portal_field()
    day = models.DateField(_("ngày"), help_text=_("Ngày theo giờ Việt Nam."))
    shard = models.PositiveSmallIntegerField(_("phần"), default=0, help_text=SHARD_HELP)
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        constraints = [
            # Site first: every read is of one portal's days.
            models.UniqueConstraint(
                fields=["site", "day", "shard"], name="counters_siteday_site_unique"
            )
        ]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.visits}"


class ArticleTotal(models.Model):
    """A share of an article's running total of views."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="view_totals"
    )
    shard = models.PositiveSmallIntegerField(_("phần"), default=0, help_text=SHARD_HELP)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("tổng lượt xem bài viết")
        verbose_name_plural = _("tổng lượt xem bài viết")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "shard"], name="counters_articletotal_unique"
            )
        ]

    def __str__(self):
        return f"{self.article_id}/{self.shard}: {self.views}"


class ArticleDay(models.Model):
    """A share of an article's views on one local (Vietnam) date."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    day = models.DateField(_("ngày"), help_text=_("Ngày theo giờ Việt Nam."))
    shard = models.PositiveSmallIntegerField(_("phần"), default=0, help_text=SHARD_HELP)
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trong ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "day", "shard"], name="counters_articleday_unique"
            )
        ]
        # "Most read in the last N days" scans a range of days.
        indexes = [models.Index(fields=["day", "article"], name="counters_articleday_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.views}"


class VisitorPresence(models.Model):
    """When a visitor (by cookie id) was last seen on a portal, and the id of their current visit.

    One row per recent visitor and portal, shared by every process through the
    database: it decides whether a request starts a new visit of the portal,
    counts the visitors online and limits floods. A visitor reading two
    portals makes a visit on each. Rows older than the view window are
    useless and pruned.
    """

    site = portal_field()
    visitor = models.UUIDField(_("mã khách"))
    visit = models.UUIDField(
        _("mã lượt truy cập"),
        help_text=_("Đổi khi khách quay lại sau khoảng thời gian tính lượt."),
    )
    last_seen_at = models.DateTimeField(_("lần cuối"), db_index=True)
    # Tells the upsert that moves last_seen_at which minute the visitor leaves (see OnlineMinute).
    previous_seen_at = models.DateTimeField(_("lần trước"), null=True, editable=False)
    burst_started_at = models.DateTimeField(_("đầu chu kỳ giới hạn"))
    burst_hits = models.PositiveIntegerField(_("số yêu cầu trong chu kỳ"), default=1)

    class Meta:
        verbose_name = _("khách đang truy cập")
        verbose_name_plural = _("khách đang truy cập")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "visitor"], name="counters_visitorpresence_unique"
            )
        ]

    def __str__(self):
        return str(self.visitor)


class OnlineMinute(models.Model):
    """A share of the visitors last seen on a portal in one minute.

    Each visitor is counted in the minute they were last seen, and moved when
    seen in a later one, so the visitors online are the sum of the last few
    minutes: a read of a few rows instead of a count of every recent visitor.
    """

    site = portal_field()
    minute = models.DateTimeField(_("phút"))
    shard = models.PositiveSmallIntegerField(_("phần"), default=0, help_text=SHARD_HELP)
    # Signed: a visitor counted in one share may leave through another.
    visitors = models.IntegerField(_("số khách"), default=0)

    class Meta:
        verbose_name = _("khách theo phút")
        verbose_name_plural = _("khách theo phút")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "minute", "shard"], name="counters_onlineminute_site_unique"
            )
        ]

    def __str__(self):
        return f"{self.minute:%H:%M}/{self.shard}: {self.visitors}"


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


class NewVisitors(models.Model):
    """How many new visitor ids one address was given in one minute.

    Bounds what a client that drops its cookie can count (see
    COUNTERS_NEW_VISITORS_PER_MINUTE in docs/counters.md). Rows of past minutes
    are useless and pruned; on PostgreSQL the table is unlogged, as losing it
    in a crash only resets the allowances.
    """

    minute = models.DateTimeField(_("phút"))
    address = models.CharField(
        _("địa chỉ"), max_length=64, help_text=_("Địa chỉ IPv4, hoặc khối /64 của địa chỉ IPv6.")
    )
    visitors = models.PositiveIntegerField(_("số khách mới"), default=0)

    class Meta:
        verbose_name = _("khách mới theo địa chỉ")
        verbose_name_plural = _("khách mới theo địa chỉ")
        constraints = [
            # Minute first: pruning reads past minutes through the same index.
            models.UniqueConstraint(
                fields=["minute", "address"], name="counters_newvisitors_unique"
            )
        ]

    def __str__(self):
        return f"{self.minute:%H:%M} {self.address}: {self.visitors}"


class Statistics(SiteDay):
    """The admin's statistics page (charts and most read), listed under this app."""

    class Meta:
        proxy = True
        verbose_name = _("thống kê truy cập")
        verbose_name_plural = _("thống kê truy cập")
