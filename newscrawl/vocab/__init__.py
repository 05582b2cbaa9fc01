"""Word lists shared by the finders and the normalizers (month names of the region's calendars)."""
