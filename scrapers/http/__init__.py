"""One HTTP request, politely and safely: robots.txt, per-host delay, retries, decoding, address guard.

`fetcher.Fetcher` is the entry point; `connections` and `address_guard` decide where a request
may go, `decoding` streams gzip/deflate with a size cap, `robots` caches robots.txt per host.
"""
