// title: Every agency's name, kind and whether the lexicon knows it
// 标题: 全部单位的名称、类别与是否收录
// question: What name, kind and lexicon status does each agency have now?
// 问题: 各单位现在的名称、类别及是否收录于单位词表?
// columns: agency_id, name, kind, known
// A write may rename an agency (the name its city's plans print most often) or change what
// the lexicon says of it; answers the viewer keeps per plan read these, so after a write
// it compares them with those it kept and asks again for the plans of agencies that changed.
// 说明: 写入后比对单位名称等属性,属性改变的单位所涉方案重新统计。
MATCH (a:Agency)
RETURN a.id AS agency_id, a.name AS name, a.kind AS kind, a.known AS known
ORDER BY agency_id
