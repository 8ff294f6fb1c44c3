"""The use cases the commands call: inputs → results, nothing printed, nothing decided twice.

One module per command family, so that a command loads only what its use case needs
(`score` does not load the table readers or the file writers of `rank`).
"""
