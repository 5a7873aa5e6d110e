"""The build's one rule that pyproject.toml cannot state: templates/ and static/ stay at the top of
the repository and go into the package as tracker/templates and tracker/static, so the app finds
them inside its package from a checkout (an editable install maps them) and from a wheel alike."""

from setuptools import find_packages, setup

ASSETS = {"tracker.templates": "templates", "tracker.static": "static"}

setup(
    packages=find_packages(include=["tracker", "tracker.*"]) + list(ASSETS),
    package_dir=ASSETS,
    package_data={"tracker": ["migrations/*", "migrations/versions/*", "translations/*/LC_MESSAGES/*.po"],
                  **{name: ["**/*"] for name in ASSETS}},
)
