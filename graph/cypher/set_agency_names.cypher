// The name each agency is shown by, as graph.rows.display_name chose it.
// (写入单位的显示名称。)
// param rows: [{id, name}].
UNWIND $rows AS r
MATCH (a:Agency {id: r.id})
SET a.name = r.name
