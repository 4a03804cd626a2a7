// Agencies whose name is $name, as shown (the name their plans print most) or as the
// lexicon has it (canonical), in city $city unless it is null (agency parameters given by
// name rather than id are resolved to ids with this).
// (按名称查找单位:显示名或规范名均可。)
MATCH (a:Agency)
WHERE (a.name = $name OR a.canonical = $name)
  AND (coalesce($city, '') = '' OR a.city = coalesce($city, ''))
RETURN a.id AS id, a.name AS name, a.city AS city
ORDER BY city, id
