"""Where the package's modules come from: the code under src/, and the aerich
migrations from the top-level migrations/ folder, installed as
vector_gql.migrations so that a wheel carries them. (pyproject.toml holds
everything else; setuptools has no declarative way to add one mapped package
to the ones it finds.)"""

from setuptools import find_packages, setup

setup(
    package_dir={"": "src", "vector_gql.migrations": "migrations"},
    packages=[*find_packages("src"), "vector_gql.migrations"],
)
