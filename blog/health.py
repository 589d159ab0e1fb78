from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from blog.outages import RETRY_AFTER_SECONDS, database_answers


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a query, 503 (with ``Retry-After``) when it does not."""
    if database_answers():
        return JsonResponse({"status": "ok", "database": "ok"})
    response = JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # The outage is logged once when it starts, not at every check.
    response._has_been_logged = True
    return response
