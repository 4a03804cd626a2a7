// Plans named by their id or their file name as stored, for `loaders remove`; a name
// that matches nothing is absent. (按编号或文件名查找方案。)
// param names: ids or file names, e.g. ["000_29c4f374f04b8484", "plan.docx"].
UNWIND $names AS name
MATCH (d:Document)
WHERE d.id = name OR d.file = name
RETURN name, d.id AS id
