# Pruning over the history described in SqlGoldenTest's Javadoc (files per event hour). Ranges on
# event_timestamp skip hour partitions and equalities on the record identifier skip row groups;
# Calcite re-applies every filter, so the answers are those of a full scan, at the edges too.
# The plan shows the range pushed into the scan.
EXPLAIN PLAN FOR
SELECT id, trips
FROM drivers
WHERE event_timestamp >= TIMESTAMP '2024-01-01 02:00:00'
  AND event_timestamp < TIMESTAMP '2024-01-01 03:00:00'
----
PLAN
"EnumerableInterpreter
  BindableTableScan(table=[[quiver, drivers]], filters=[[SEARCH($7, Sarg[[2024-01-01 02:00:00:TIMESTAMP(3)..2024-01-01 03:00:00:TIMESTAMP(3))]:TIMESTAMP(3))]], projects=[[0, 2]])
"

SELECT id, trips, event_timestamp
FROM drivers
WHERE event_timestamp >= TIMESTAMP '2024-01-01 02:00:00'
  AND event_timestamp < TIMESTAMP '2024-01-01 03:00:00'
ORDER BY id, trips
----
id,trips,event_timestamp
d2,4,2024-01-01 02:45:00.000
d2,6,2024-01-01 02:45:00.000
d3,7,2024-01-01 02:00:00.000

# Exclusive lower bound inside an hour; the staged row and the marker are in range.
SELECT id, trips, event_timestamp
FROM drivers
WHERE event_timestamp > TIMESTAMP '2024-01-01 02:45:00'
ORDER BY event_timestamp
----
id,trips,event_timestamp
d1,9,2024-01-01 03:00:00.000
d3,8,2024-01-01 03:15:00.000
d1,,2024-01-01 03:30:00.000

# BETWEEN is inclusive at both ends, which fall in different hours.
SELECT id, trips
FROM drivers
WHERE event_timestamp BETWEEN TIMESTAMP '2024-01-01 00:30:00' AND TIMESTAMP '2024-01-01 01:20:00'
ORDER BY event_timestamp
----
id,trips
d2,2
d1,5

# Two ranges.
SELECT id, trips
FROM drivers
WHERE event_timestamp < TIMESTAMP '2024-01-01 00:20:00'
   OR event_timestamp >= TIMESTAMP '2024-01-01 03:15:00'
ORDER BY event_timestamp
----
id,trips
d1,1
d3,8
d1,

# Identifiers.
SELECT id, count(*) AS n
FROM drivers
WHERE id IN ('d2', 'd3', 'd9')
GROUP BY id
ORDER BY id
----
id,n
d2,3
d3,2

# An identifier and a range.
SELECT trips
FROM drivers
WHERE id = 'd1' AND event_timestamp < TIMESTAMP '2024-01-01 01:20:00'
----
trips
1

# A filter the scan cannot use still filters.
SELECT count(*) AS n
FROM drivers
WHERE EXTRACT(HOUR FROM event_timestamp) = 2
----
n
3

# A range with no partition.
SELECT count(*) AS n
FROM drivers
WHERE event_timestamp >= TIMESTAMP '2025-01-01 00:00:00'
----
n
0
