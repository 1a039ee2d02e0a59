"""Many requests over time: discovery, frontier, archive.

`crawler.Crawler` runs the loop; `discovery` finds URLs in sitemaps, feeds and listings,
`urls` cleans and scopes them, `state` keeps the frontier in SQLite, `cache` revalidates
re-crawls, `warc` and `journal` write what was fetched so that a killed crawl resumes.
"""
