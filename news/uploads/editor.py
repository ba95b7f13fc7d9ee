"""Image upload endpoint of the rich-text editor."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from news.uploads.images import remade_image

EDITOR_IMAGE_WIDTH = 1600


@require_POST
@staff_member_required
def editor_image_upload(request):
    """Store an image pasted or dropped into the editor, answering as CKEditor 5 expects."""
    if not admin.site.has_permission(request):
        # Staff of another portal: the admin of this host is not theirs, nor its uploads.
        return JsonResponse(
            {"error": {"message": _("Bạn không phải cán bộ của cổng này.")}}, status=403
        )
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return JsonResponse({"error": {"message": _("Không có tệp nào được gửi lên.")}}, status=400)
    try:
        content = remade_image(uploaded, max_width=EDITOR_IMAGE_WIDTH)
    except ValidationError as error:
        return JsonResponse({"error": {"message": error.messages[0]}}, status=400)
    name = default_storage.save(f"editor/{timezone.localdate():%Y/%m}/{content.name}", content)
    return JsonResponse({"url": default_storage.url(name)})
