import pytest

from posts.slugs import unicode_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("K8s 之 Service：稳定的访问入口", "k8s-之-service-稳定的访问入口"),
        ("服务网格入门（上）", "服务网格入门-上"),
        ("你好，世界！", "你好-世界"),
        ("Debugging CrashLoopBackOff", "debugging-crashloopbackoff"),
        ("Ｋ８ｓ 全角字母", "k8s-全角字母"),
    ],
)
def test_cjk_punctuation_separates_words(title, slug):
    assert unicode_slug(title) == slug
