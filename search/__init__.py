"""Full-text search over published posts: Chinese by bigrams, English by stems."""
