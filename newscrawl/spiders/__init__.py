"""One spider per site edition; each is its profile plus the shared NewsSiteSpider."""
