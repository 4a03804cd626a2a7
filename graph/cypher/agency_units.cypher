// How the plans print each given agency: per name as printed (the unit after prefix
// distribution), the tasks of the agency's own city printing it and all tasks printing it.
// Standing rules name an agency in their own words, so they do not count. An agency no
// plan prints comes back once, with unit null. graph.rows.display_name picks the name.
// (各单位在方案中的印刷名称及其出现的任务数,用于确定显示名称。)
// param ids: agency ids.
UNWIND $ids AS id
MATCH (a:Agency {id: id})
OPTIONAL MATCH (a)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)
WHERE e.basis <> 'standing_rule'
RETURN a.id AS agency, coalesce(a.canonical, a.name) AS canonical, e.unit AS unit,
       count(DISTINCT CASE WHEN t.city = a.city THEN t.id END) AS home,
       count(DISTINCT t.id) AS printed
