"""A small blog that looks like an imported one, for the page-validity checks.

Bodies hold what real imported posts hold: raw HTML left open, a stray end
tag, headings repeated across posts, an Octopress code block with a title,
shell sessions, footnotes, tables, and excerpts cut inside raw HTML or by
length. Comments are saved with sub-second times, as the live site's are.
"""

from django.urls import reverse

from comments.models import Comment
from importers.liquid import convert_liquid
from posts.tests.factories import make_page, make_post, make_series

POD_BODY = convert_liquid(
    """# 背景

Pod 是 Kubernetes 的最小调度单位。~~旧的说法~~ 已不再适用。网站图标在 </blog/favicon.ico> 这里。

<div class="note"><p>一个没有关上的 <b>注意</p></div>

<!-- more -->

## 背景

{% codeblock Pod 定义 - pod.yaml %}
apiVersion: v1
kind: Pod
metadata:
  name: demo-with-a-very-long-name-that-needs-to-scroll-sideways-on-a-small-phone-screen
{% endcodeblock %}

```console
$ kubectl get pods
NAME   READY   STATUS
demo   1/1     Running
```

```python title="check.py"
print("ready")  # 就绪[^1]
```

``` { .go linenums="1" }
package main
func main() {}
```

| 字段 | 含义 |
|---|---|
| `kind` | 资源类型 |

#### Comments

[^1]: 就绪探针。
"""
).text

SERVICE_BODY = (
    "## 背景\n\n"
    + "Service 为一组 Pod 提供稳定的访问地址。" * 12
    + "\n\n<table><tr><td>未关闭的表格\n\n"
    + "## 背景\n\n后面的内容。\n"
)


def make_site():
    """Create the posts and comments; return the addresses of the pages to check."""
    pod = make_post("K8s之Pod", slug="k8s-pod", body=POD_BODY, tags=["Kubernetes"], days_ago=2)
    service = make_post("K8s之Service", slug="k8s-service", body=SERVICE_BODY, tags=["Kubernetes"])
    series = make_series("K8s之旅", slug="k8s之旅", posts=[pod, service])
    about = make_page(
        "关于", slug="about", body="# 关于我\n\n写代码的人。<div>未关闭\n\n## 联系\n\n邮件。"
    )
    first = Comment.objects.create(
        post=pod,
        name="小王",
        email="wang@example.com",
        body=(
            "试了一下：\n\n```\nkubectl describe pod demo --namespace a-namespace-with-a-long-name"
            " --selector app=demo,tier=backend\n```\n\n见 https://example.com"
        ),
        status=Comment.Status.APPROVED,
    )
    Comment.objects.create(
        post=pod,
        parent=first,
        name="Happy Coder",
        email="author@example.com",
        body="对，*describe* 很有用。",
        status=Comment.Status.APPROVED,
    )
    return {
        "index": reverse("posts:index"),
        "post": pod.get_absolute_url(),
        "tag": reverse("posts:tag", kwargs={"slug": "kubernetes"}),
        "archives": reverse("posts:archives"),
        "tags": reverse("posts:tags"),
        "search": reverse("search:search") + "?q=Pod",
        "series": series.get_absolute_url(),
        "series_list": reverse("posts:series_list"),
        "page": about.get_absolute_url(),
    }
