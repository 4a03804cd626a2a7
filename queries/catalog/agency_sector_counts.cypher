// title: One agency's tasks per sector, by its id
// 标题: 某单位(按编号)在各领域的任务数
// question: In which sectors does agency ag-b8532d89a8cb carry tasks, and how many in each?
// 问题: 这个单位在哪些领域承担任务,各有多少项?
// param agency (agency, required): agency id, e.g. ag-b8532d89a8cb
// 参数 agency (单位): 单位编号,或能确定一个单位的名称,如 常州市工信局
// columns: agency, city, sector, tasks, explicit_leads, first_listed_leads
// example: agency=ag-b8532d89a8cb
// The rows agency_sectors gives for one agency id, for the agency's page. agency_sectors also
// finds agencies by a unit as printed, which LadybugDB answers by reading every assignment
// whatever the value given (60-80 ms at scale 1000, this 4-10). Tasks without a sector are
// not counted; a task in two sectors counts in both.
// 说明: 没有归入领域的任务不计;一项任务属于两个领域时两边都计。
MATCH (a:Agency)-[e:LEADS|RESPONSIBLE_FOR]->(t:Task)-[:IN_SECTOR]->(s:Sector)
WHERE a.id = $agency
RETURN a.name AS agency, a.city AS city, s.name AS sector, count(DISTINCT t) AS tasks,
       count(CASE WHEN e.basis = 'explicit' THEN 1 END) AS explicit_leads,
       count(CASE WHEN e.basis = 'first_listed' THEN 1 END) AS first_listed_leads
ORDER BY city, tasks DESC, sector, agency
