// Agencies whose stored name is $name, in city $city unless it is null (agency parameters
// given by name rather than id are resolved to ids with this).
MATCH (a:Agency)
WHERE a.name = $name AND (coalesce($city, '') = '' OR a.city = coalesce($city, ''))
RETURN a.id AS id, a.name AS name, a.city AS city
ORDER BY city, id
