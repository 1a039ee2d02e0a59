"""vnnews: the command-line product around `pipeline` and `scrapers`."""
