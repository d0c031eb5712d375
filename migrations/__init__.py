"""aerich migrations, one folder per Tortoise app (``models/``).

Kept at the top of the repository and installed as ``vector_gql.migrations``
(see ``[tool.setuptools]`` in pyproject.toml), so a built wheel carries them and
an editable install reads and writes this folder.
"""
