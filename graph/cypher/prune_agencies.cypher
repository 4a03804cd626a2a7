// After a replacement or removal: agencies no task names any more.
MATCH (a:Agency)
WHERE NOT EXISTS { MATCH (a)-->(:Task) }
DETACH DELETE a
RETURN count(*) AS removed
