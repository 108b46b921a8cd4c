-- ExportImage promises the URL the image will have once exported (SPEC-NOTES 34): an export in
-- progress keeps it until it ends, whichever instance ends it. NULL: the configured URL pattern.
ALTER TABLE ensemu_pending_exports ADD COLUMN url text;
