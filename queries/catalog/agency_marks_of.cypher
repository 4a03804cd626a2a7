// title: Some agencies' name, kind and whether the lexicon knows it
// 标题: 指定单位的名称、类别与是否收录
// question: What name, kind and lexicon status do 市工业和信息化局 and 市发展改革委 have now?
// 问题: 这些单位现在的名称、类别及是否收录于单位词表?
// param agencies (words, required): agency ids
// 参数 agencies (单位): 单位编号,以、分隔
// columns: agency_id, name, kind, known
// example: agencies=ag-b8532d89a8cb
// The columns of agency_marks for the agencies asked: a write that loads or removes plans
// renames only agencies those plans name (before or after), so after such a write the
// viewer compares these alone with the marks it kept instead of all agencies' (13,754 at
// scale 1000). An id no agency has (pruned) gives no row.
// 说明: 与 agency_marks 相同的列,只列所给的单位;载入或删除方案只会改变这些方案所列单位的名称。
MATCH (a:Agency)
WHERE a.id IN $agencies
RETURN a.id AS agency_id, a.name AS name, a.kind AS kind, a.known AS known
ORDER BY agency_id
