"""Time importing a generated WordPress export and count the SQL queries per post.

    .venv/bin/python bench/import_wordpress_bench.py [--posts 1000] [--comments 5]

Runs in a throwaway test database on whatever DATABASE_URL names (SQLite by
default, PostgreSQL when set): a first import, then a second (unchanged) one.
"""

import argparse

from importing import measure, setup, throwaway_database

BODY = """这是第 {n} 篇文章，讲 Kubernetes 里的 Pod。
第二行。

<!--more-->

[code lang="go"]
func main() {{ fmt.Println("{n} &lt; 10") }}
[/code]

[caption align="alignright"]<img src="/wp-content/uploads/{n}.png" alt="图"> 图 {n}[/caption]

<ul>
<li>一</li>
<li>二</li>
</ul>"""


def comment(post, number, parent):
    return (
        f"<wp:comment><wp:comment_id>{post * 100 + number}</wp:comment_id>"
        f"<wp:comment_author>读者 {number}</wp:comment_author>"
        f"<wp:comment_date_gmt>2016-01-01 00:{number:02d}:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[第 {number} 条评论]]></wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def generate(count, comments):
    items = []
    for n in range(1, count + 1):
        thread = "".join(
            comment(n, c, n * 100 + c - 1 if c % 2 == 0 else 0) for c in range(1, comments + 1)
        )
        items.append(
            f"<item><title>第 {n} 篇</title><link>http://old.example.com/{n}/</link>"
            f"<content:encoded><![CDATA[{BODY.format(n=n)}]]></content:encoded>"
            f"<wp:post_id>{n}</wp:post_id><wp:post_name>post-{n}</wp:post_name>"
            f"<wp:post_date_gmt>2015-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:00:00"
            f"</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
            f'<category domain="post_tag" nicename="t{n % 9}">标签 {n % 9}</category>'
            f"{thread}</item>"
        )
    return (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version>" + "".join(items) + "</channel></rss>"
    ).encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=5)
    args = parser.parse_args()
    setup()

    from importers.wordpress import import_wordpress

    with throwaway_database("wordpress_bench") as connection:
        data = generate(args.posts, args.comments)
        print(f"{connection.vendor}, {args.posts} posts, {args.comments} comments each")
        for label in ("first import", "second import"):
            report = measure(label, args.posts, lambda: import_wordpress(data))
            print("  " + report.summary)


if __name__ == "__main__":
    main()
