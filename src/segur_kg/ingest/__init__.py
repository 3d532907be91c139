"""What comes in: dossiers (YAML), reference tables (CSV), REM spreadsheets, and RDF files, checked and
loaded into a store."""
