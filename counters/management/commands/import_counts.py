"""Set starting totals from an old portal: a portal's visits and its articles' views."""

import csv
import io
from pathlib import Path

from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand, CommandError

from core.sites import FIRST_SITE_ID
from counters.models import ArticleTotal, SiteTotal
from counters.services import set_totals
from news.bulk import analyze
from news.models import Article

HELP = """Set a portal's starting totals from a UTF-8 CSV file with the header row

    kind,article,count

and one row per total:

    site,,5135392          the portal's total visits (the "SỐ LƯỢT TRUY CẬP" digits)
    slug,some-article,629  an article's total views, by its slug
    id,42,629              an article's total views, by its id

The portal is the one --site names by its domain (the first portal without
it); articles are looked up among its own. Counts replace the current
totals; counting then continues from them. The whole file is checked first:
any bad line stops the import with its line number and nothing is changed.
"""

KINDS = ("site", "slug", "id")


class Command(BaseCommand):
    help = HELP

    def create_parser(self, *args, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(*args, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file (kind,article,count).")
        parser.add_argument(
            "--skip-missing",
            action="store_true",
            help="Skip rows naming an article that does not exist, instead of stopping.",
        )
        parser.add_argument(
            "--site",
            metavar="DOMAIN",
            help="The domain of the portal whose totals these are (default: the first portal).",
        )

    def handle(self, *args, file: Path, skip_missing: bool, site: str | None = None, **options):
        site_id = self.site_id(site)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason}).") from None
        site_visits, by_slug, by_id = self.parse(file, text)
        article_views, missing = self.resolve(file, by_slug, by_id, site_id=site_id)
        if missing and not skip_missing:
            line, kind, key = missing[0]
            raise CommandError(
                f"{file}, line {line}: no article with {kind} {key!r} "
                "(use --skip-missing to skip such rows)."
            )
        set_totals(site_id=site_id, site_visits=site_visits, article_views=article_views)
        analyze(ArticleTotal, SiteTotal)
        for line, kind, key in missing:
            self.stderr.write(f"{file}, line {line}: skipped, no article with {kind} {key!r}.")
        parts = [] if site_visits is None else [f"site visits = {site_visits}"]
        parts.append(f"{len(article_views)} article total(s)")
        self.stdout.write(self.style.SUCCESS("Imported " + ", ".join(parts) + "."))

    def site_id(self, domain: str | None) -> int:
        """Return the id of the portal with the domain (the first portal for None)."""
        if domain is None:
            return FIRST_SITE_ID
        site = Site.objects.filter(domain__iexact=domain.strip().rstrip(".")).first()
        if site is None:
            known = ", ".join(Site.objects.order_by("pk").values_list("domain", flat=True))
            raise CommandError(f"No portal has the domain {domain!r} (portals: {known}).")
        return site.pk

    def parse(self, file: Path, text: str):
        """Return (site visits, {line: (slug, count)}, {line: (id, count)}); raise on a bad line."""
        rows = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [cell.strip().lower() for cell in next(rows)]
        except StopIteration:
            raise CommandError(f"{file}: the file is empty.") from None
        except csv.Error as error:
            raise CommandError(f"{file}, line 1: {error}.") from None
        if header != ["kind", "article", "count"]:
            raise CommandError(f"{file}, line 1: the header must be kind,article,count.")
        site_visits = None
        by_slug: dict[int, tuple[str, int]] = {}
        by_id: dict[int, tuple[int, int]] = {}
        seen: dict[tuple[str, str], int] = {}
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as error:
                raise CommandError(f"{file}, line {rows.line_num}: {error}.") from None
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue

            def fail(message, line=line):
                raise CommandError(f"{file}, line {line}: {message}")

            if len(row) != 3:
                fail(f"expected 3 fields (kind,article,count), found {len(row)}.")
            kind, key, count = (cell.strip() for cell in row)
            kind = kind.lower()
            if kind not in KINDS:
                fail(f"kind must be one of {', '.join(KINDS)}, not {kind!r}.")
            if not count.isdigit() or not count.isascii():
                fail(f"count must be a whole number of 0 or more, not {count!r}.")
            if kind == "site":
                if key:
                    fail("a site row leaves the article field empty.")
            elif not key:
                fail("the article field is empty.")
            elif kind == "id" and not (key.isdigit() and key.isascii()):
                fail(f"an article id is a whole number, not {key!r}.")
            if (kind, key) in seen:
                fail(f"duplicate of line {seen[kind, key]}.")
            seen[kind, key] = line
            if int(count) > 2**63 - 1:
                fail("count is too large.")
            if kind == "site":
                site_visits = int(count)
            elif kind == "slug":
                by_slug[line] = (key, int(count))
            else:
                by_id[line] = (int(key), int(count))
        return site_visits, by_slug, by_id

    def resolve(self, file: Path, by_slug: dict, by_id: dict, *, site_id: int):
        """Return ({article id: count}, [(line, kind, key) of rows naming no article]).

        Only the portal's articles: another portal's slug or id names no article here.
        """
        articles = Article.objects.filter(site_id=site_id)
        slugs = dict(
            articles.filter(slug__in=[slug for slug, _ in by_slug.values()]).values_list(
                "slug", "pk"
            )
        )
        ids = set(
            articles.filter(pk__in=[pk for pk, _ in by_id.values() if pk < 2**63]).values_list(
                "pk", flat=True
            )
        )
        found: dict[int, tuple[int, int]] = {}
        missing = []
        rows = [
            (line, "slug", key, slugs.get(key), count) for line, (key, count) in by_slug.items()
        ]
        rows += [
            (line, "id", key, key if key in ids else None, count)
            for line, (key, count) in by_id.items()
        ]
        for line, kind, key, pk, count in sorted(rows):
            if pk is None:
                missing.append((line, kind, key))
            elif pk in found:
                raise CommandError(f"{file}, line {line}: the same article as line {found[pk][0]}.")
            else:
                found[pk] = (line, count)
        return {pk: count for pk, (_line, count) in found.items()}, missing
