// Cities whose full or short name is $name (常州市 or 常州); more than one means ambiguous.
MATCH (c:City)
WHERE c.id = $name OR c.short = $name
RETURN c.id AS id
ORDER BY id
