# The one version string of code and data; datapackage.json and CITATION.cff are checked against it.
__version__ = "0.3.0"
