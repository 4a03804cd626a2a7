// How many tasks the graph holds, for the embedded store to size its reads after every
// load (任务总数). No parameters. One table's count: after a write, statement `counts`
// (every table) took 25-60 ms at scale 1000, this one 2-10 ms.
MATCH (t:Task) RETURN count(t) AS count
