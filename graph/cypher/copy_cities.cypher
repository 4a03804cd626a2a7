// Copy: every City, as merge_cities takes it.
MATCH (c:City)
RETURN c.id AS id, c.name AS name, c.short AS short, c.province AS province, c.level AS level
