"""django-csp's middleware, with the site's policy built once rather than per response.

django-csp builds the header from the settings on every response (about a
quarter of the time a cached page takes). The site's policy is the same for
every response that no view decorates and that uses no nonce, so those get
a copy built once per settings change; any response with its own policy
(``csp_update``, ``csp_exempt``…) or a nonce goes through django-csp
unchanged.
"""

from csp import middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What a view's decorators set on a response (see csp.decorators).
PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
# (setting name, header) -> the policy from that setting alone, once built.
_built = {}


@receiver(setting_changed)
def _forget_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


def _site_policy(setting, header, report_only):
    key = (setting, header)
    if key not in _built:
        policy = getattr(settings, setting, None) or {}
        prefixes = tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ())
        _built[key] = (build_policy(report_only=report_only), prefixes)
    return _built[key]


class CSPMiddleware(middleware.CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_RESPONSE
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages, as django-csp leaves them
        for setting, header, report_only in (
            ("CONTENT_SECURITY_POLICY", HEADER, False),
            ("CONTENT_SECURITY_POLICY_REPORT_ONLY", HEADER_REPORT_ONLY, True),
        ):
            policy, prefixes = _site_policy(setting, header, report_only)
            if policy and header not in response and not request.path_info.startswith(prefixes):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
