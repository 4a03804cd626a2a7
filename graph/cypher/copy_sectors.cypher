// Copy: every Sector, as merge_sectors takes it.
MATCH (s:Sector)
RETURN s.name AS name
