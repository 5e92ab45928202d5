# Collection features as SQL arrays, over the history described in SqlGoldenTest's Javadoc: List
# and Set features are arrays of their element type, Vector features arrays of DOUBLE. A feature
# left out of a record is a null array; an empty list is an empty array. The staged d2 row (02:50)
# is read like the flushed ones.
SELECT id, tags, scores, embedding, event_timestamp
FROM profiles
ORDER BY event_timestamp
----
id,tags,scores,embedding,event_timestamp
d1,"[fast, friendly]","[1, 2, 3]","[0.5, 1.0, -1.0]",2024-01-01 00:05:00.000
d2,[],[7],"[0.0, 0.0, 1.0]",2024-01-01 00:10:00.000
d3,,,"[1.0, 1.0, 1.0]",2024-01-01 00:20:00.000
d1,[late],[],"[0.25, 0.25, 0.25]",2024-01-01 01:00:00.000
d2,"[new, b]","[8, 9]","[3.0, 2.0, 1.0]",2024-01-01 02:50:00.000

# Filters on the size of an array.
SELECT id, CARDINALITY(tags) AS n
FROM profiles
WHERE CARDINALITY(tags) > 0
ORDER BY event_timestamp
----
id,n
d1,2
d1,1
d2,2

# Elements by position (from 1) in projections and filters.
SELECT id, tags[1] AS first_tag, embedding[3] AS z
FROM profiles
WHERE embedding[3] < 0.5
ORDER BY event_timestamp
----
id,first_tag,z
d1,fast,-1.0
d1,late,0.25

# One row per element.
SELECT p.id, t.tag
FROM profiles AS p
CROSS JOIN UNNEST(p.tags) AS t(tag)
WHERE t.tag <> 'late'
ORDER BY p.id, t.tag
----
id,tag
d1,fast
d1,friendly
d2,b
d2,new

# Aggregates over elements.
SELECT p.id, SUM(s.v) AS total
FROM profiles AS p
CROSS JOIN UNNEST(p.scores) AS s(v)
GROUP BY p.id
ORDER BY p.id
----
id,total
d1,6
d2,24

# A point-in-time join carries arrays from the right side: e3 gets d2's empty tags, e4 the staged
# row, e6 d3's row without tags.
SELECT e.cid, p.tags, p.embedding
FROM events AS e
LEFT ASOF JOIN profiles AS p
  MATCH_CONDITION p.event_timestamp <= e.event_timestamp
  ON e.driver = p.id
ORDER BY e.cid
----
cid,tags,embedding
e1,[late],"[0.25, 0.25, 0.25]"
e2,[late],"[0.25, 0.25, 0.25]"
e3,[],"[0.0, 0.0, 1.0]"
e4,"[new, b]","[3.0, 2.0, 1.0]"
e5,,
e6,,"[1.0, 1.0, 1.0]"
e7,[late],"[0.25, 0.25, 0.25]"
