"""Photo albums: the list of albums and one album's photos."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from news.gallery import selectors
from news.models import Album, Photo


class AlbumListView(ListView):
    paginate_by = 12
    template_name = "news/album_list.html"

    def get_queryset(self):
        return selectors.albums_with_cover(site_id=self.request.site.id)


class AlbumDetailView(DetailView):
    template_name = "news/album_detail.html"

    def get_queryset(self):
        return Album.objects.published(site_id=self.request.site.id).prefetch_related(
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id"))
        )
