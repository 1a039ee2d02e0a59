"""One module per `vnnews` command (`fetch` and `demo` share the fetch-then-extract glue in `vnnews.fetched`)."""
