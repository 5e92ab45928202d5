# Point-in-time joins over the history described in SqlGoldenTest's Javadoc.
# LEFT ASOF, inclusive: each event gets its driver's row with the latest event time at or before
# its own. e2 matches d1's 01:20 row exactly; e4 matches d2's 02:45 time, where the correction (trips
# 6) was written after the original (4) and wins; e6 matches d3's staged 03:15 row; e7 matches d1's
# deletion marker (raw SQL sees markers); e3 (before d2's first row) and e5 (no d4) keep nulls.
SELECT e.cid, f.trips, f.rating, f.is_deleted, f.event_timestamp
FROM events AS e
LEFT ASOF JOIN drivers AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
ORDER BY e.cid
----
cid,trips,rating,is_deleted,event_timestamp
e1,1,4.0,false,2024-01-01 00:10:00.000
e2,5,4.5,false,2024-01-01 01:20:00.000
e3,,,,
e4,6,3.5,false,2024-01-01 02:45:00.000
e5,,,,
e6,8,4.9,false,2024-01-01 03:15:00.000
e7,,,true,2024-01-01 03:30:00.000

# Strict, written the other way round: e2 no longer matches 01:20 and falls back to 00:10.
SELECT e.cid, f.trips, f.event_timestamp
FROM events AS e
LEFT ASOF JOIN drivers AS f
  MATCH_CONDITION e.event_timestamp > f.event_timestamp
  ON f.id = e.driver
ORDER BY e.cid
----
cid,trips,event_timestamp
e1,1,2024-01-01 00:10:00.000
e2,1,2024-01-01 00:10:00.000
e3,,
e4,6,2024-01-01 02:45:00.000
e5,,
e6,8,2024-01-01 03:15:00.000
e7,,2024-01-01 03:30:00.000

# Inner ASOF drops the events without a match.
SELECT e.cid, f.trips
FROM events AS e
ASOF JOIN drivers AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
ORDER BY e.cid
----
cid,trips
e1,1
e2,5
e4,6
e6,8
e7,

# Aggregates over the join (the benchmark's query shape).
SELECT count(*) AS n, count(f.trips) AS matched, sum(f.trips) AS total
FROM events AS e
LEFT ASOF JOIN drivers AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
----
n,matched,total
7,4,20

# A filter on the left side.
SELECT e.cid, e.label, f.rating
FROM events AS e
LEFT ASOF JOIN drivers AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
WHERE e.label = 1
ORDER BY e.cid
----
cid,label,rating
e1,1,4.0
e3,1,
e5,1,
e7,1,

# A filtered right side (deletion markers left out): e7 now gets d1's 03:00 row. e4 is left out
# because two right rows tie at its match and only a bare feature group breaks that tie.
SELECT e.cid, f.trips
FROM events AS e
LEFT ASOF JOIN (SELECT id, trips, event_timestamp FROM drivers WHERE NOT is_deleted) AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
WHERE e.cid <> 'e4'
ORDER BY e.cid
----
cid,trips
e1,1
e2,5
e3,
e5,
e6,8
e7,9

# Forward match: the earliest row at or after the event.
SELECT e.cid, f.trips
FROM events AS e
LEFT ASOF JOIN drivers AS f
  MATCH_CONDITION f.event_timestamp >= e.event_timestamp
  ON e.driver = f.id
ORDER BY e.cid
----
cid,trips
e1,5
e2,5
e3,2
e4,
e5,
e6,
e7,

# The plan: a bare feature group on the right runs as Quiver's FeatureAsofJoin.
EXPLAIN PLAN FOR
SELECT e.cid, f.trips
FROM events AS e
LEFT ASOF JOIN drivers AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
----
PLAN
"EnumerableCalc(expr#0..5=[{inputs}], cid=[$t0], trips=[$t4])
  FeatureAsofJoin(table=[[quiver, drivers]], projects=[[0, 2, 7]], key=[$1], match=[right <= $2], joinType=[left_asof])
    EnumerableInterpreter
      BindableTableScan(table=[[quiver, events]], projects=[[0, 2, 7]])
"

# A filtered right side runs as Calcite's EnumerableAsofJoin.
EXPLAIN PLAN FOR
SELECT e.cid, f.trips
FROM events AS e
LEFT ASOF JOIN (SELECT id, trips, event_timestamp FROM drivers WHERE NOT is_deleted) AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
----
PLAN
"EnumerableCalc(expr#0..5=[{inputs}], cid=[$t0], trips=[$t4])
  EnumerableAsofJoin(condition=[=($1, $3)], joinType=[left_asof], matchCondition=[<=($5, $2)])
    EnumerableInterpreter
      BindableTableScan(table=[[quiver, events]], projects=[[0, 2, 7]])
    EnumerableInterpreter
      BindableTableScan(table=[[quiver, drivers]], filters=[[NOT($6)]], projects=[[0, 2, 7]])
"
