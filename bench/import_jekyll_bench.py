"""Time importing generated Octopress posts and count the SQL queries per post.

    .venv/bin/python bench/import_jekyll_bench.py [--posts 1000] [--processes N]

Runs in a throwaway test database on whatever DATABASE_URL names (SQLite by
default, PostgreSQL when set): a first import, a second (unchanged) import,
then the Jekyll export of the result.
"""

import argparse
import os
import random
import tempfile
from pathlib import Path

from importing import measure, setup, throwaway_database

TAGS = ["Kubernetes", "kubernetes", "Go", "微服务", "Docker", "容器", "Tools", "gRPC", "Istio"]
BODY = """这是第 {n} 篇文章，讲 Kubernetes 里的 Pod 与 Service。

<!-- more -->

{{% codeblock Deploy - deploy.yaml lang:yaml %}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{n}
{{% endcodeblock %}}

{{% img right /images/{n}.png 300 200 '图 {n} & 说明' 'alt' %}}

{{% blockquote 作者 {n}, 一本书 %}}
引用的文字。
{{% endblockquote %}}

```go lineos:false
func main() {{ fmt.Println("{{{{ not liquid }}}}") }}
```

{{% raw %}}{{{{ page.title }}}}{{% endraw %}} and {{% gist 1a2b3c{n} %}}

## 小结 {n}

Some English text to end post {n}, with a [link](https://example.com/{n}).
"""


def generate(folder, count):
    posts = Path(folder) / "_posts"
    posts.mkdir(parents=True)
    rng = random.Random(7)
    for n in range(count):
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        year = 2010 + n // (28 * 12)
        tags = rng.sample(TAGS, 3)
        front = [
            "layout: post",
            f'title: "第 {n} 篇：Kubernetes &amp; Go"',
            f"date: {year}-{month}-{day} {n % 24:02d}:{n % 60:02d}" + (" +0800" if n % 2 else ""),
            "comments: true",
            f"categories: [{', '.join(tags[:2])}, ]" if n % 3 else f"categories: {tags[0]}",
            f"tags: [{tags[2]}]",
        ]
        if n % 10 == 0:
            front.append("published: false")
        name = f"{year}-{month:02d}-{day:02d}-post-{n}.markdown"
        text = "---\n" + "\n".join(front) + "\n---\n" + BODY.format(n=n)
        (posts / name).write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count(),
        help="rendering processes (default: every CPU, as import_jekyll does)",
    )
    args = parser.parse_args()
    setup()

    from importers.export import export_posts
    from importers.jekyll import import_posts, read_folder
    from importers.report import Report
    from posts.models import Post

    with (
        throwaway_database("import_bench") as connection,
        tempfile.TemporaryDirectory() as folder,
    ):
        generate(folder, args.posts)
        print(f"{connection.vendor}, {args.posts} generated posts, {args.processes} processes")
        report = Report("Posts")
        sources = read_folder(folder, report)
        first = measure(
            "first import", args.posts, lambda: import_posts(sources, processes=args.processes)
        )
        print("  " + first.summary)
        second = measure(
            "second import", args.posts, lambda: import_posts(sources, processes=args.processes)
        )
        print("  " + second.summary)
        assert Post.objects.count() == args.posts
        measure("export", args.posts, lambda: export_posts(Path(folder) / "out"))


if __name__ == "__main__":
    main()
