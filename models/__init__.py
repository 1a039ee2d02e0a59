"""The project's trained models and resources (installed from a wheel as the `vnnews_models` package).

Each sub-folder has a CARD.md saying how it was built and from which data.
"""
