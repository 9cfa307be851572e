"""The home page of each language: the course catalogue, with its filters and search."""
