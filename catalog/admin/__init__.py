from catalog.admin import producers, products, ratings, reference  # noqa: F401  (registers)
