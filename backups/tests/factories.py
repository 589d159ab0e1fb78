"""A small blog with every kind of row a backup holds."""

from django.contrib.auth import get_user_model

from comments.models import Comment
from posts.models import Image
from posts.tests.factories import image_upload, make_page, make_post, make_series


def make_blog():
    """Posts (a draft, a scheduled one), a series, a standalone page, tags,
    revisions, a moved permalink,
    comments with a reply and a pending one, an image with its file, and the
    author. Returns the published post that has everything."""
    author = get_user_model().objects.create_user(
        "writer", "writer@example.com", "pw-writer-123", is_staff=True, first_name="小"
    )
    image = Image.objects.create(alt="示意图", file=image_upload("pod.png"))
    post = make_post(
        "Pod 入门",
        slug="pod-basics",
        author=author,
        days_ago=3,
        tags=["k8s", "容器"],
        body=(
            f"第一段。\n\n<!-- more -->\n\n![示意图]({image.file.url})\n\n"
            "## 小节\n\n```go\nx := 1\n```\n"
        ),
    )
    post.body += "\n补充一段。\n"
    post.save()  # a revision
    post.slug = "pod-intro"
    post.save()  # an old permalink
    service = make_post(
        "Service", slug="service", days_ago=2, tags=["k8s"], summary="About services."
    )
    make_series("K8s 入门", slug="k8s-intro", posts=[post, service])
    make_page("关于", slug="about", body="关于本站。")
    make_post("Draft", slug="draft", status="draft", tags=["secret"])
    make_post("Later", slug="later", days_ago=-3)
    first = Comment.objects.create(
        post=post, name="读者", email="reader@example.com", body="好文 *赞*", status="approved"
    )
    Comment.objects.create(
        post=post,
        parent=first,
        name="Writer",
        email="w@example.com",
        body="谢谢",
        status="approved",
    )
    Comment.objects.create(
        post=post, name="Spam", email="s@example.com", body="buy", status="pending"
    )
    return post
