# Time travel over the history described in SqlGoldenTest's Javadoc: write_time says when a row
# reached the offline store (for a staged row, when it was received), so filtering on it shows the
# store as it was.
# The history as of 2024-02-15: the first flush only.
SELECT id, trips, event_timestamp, write_time
FROM drivers
WHERE write_time <= TIMESTAMP '2024-02-15 00:00:00'
ORDER BY id, event_timestamp
----
id,trips,event_timestamp,write_time
d1,1,2024-01-01 00:10:00.000,2024-02-01 01:00:00.000
d1,5,2024-01-01 01:20:00.000,2024-02-01 01:00:00.000
d1,9,2024-01-01 03:00:00.000,2024-02-01 01:00:00.000
d2,2,2024-01-01 00:30:00.000,2024-02-01 01:00:00.000
d2,4,2024-01-01 02:45:00.000,2024-02-01 01:00:00.000
d3,7,2024-01-01 02:00:00.000,2024-02-01 01:00:00.000

# The latest row of each driver as of 2024-02-15.
SELECT id, trips, event_timestamp
FROM (
  SELECT id, trips, event_timestamp,
    ROW_NUMBER() OVER (PARTITION BY id
      ORDER BY event_timestamp DESC, api_invocation_time DESC, write_time DESC) AS rn
  FROM drivers
  WHERE write_time <= TIMESTAMP '2024-02-15 00:00:00')
WHERE rn = 1
ORDER BY id
----
id,trips,event_timestamp
d1,9,2024-01-01 03:00:00.000
d2,4,2024-01-01 02:45:00.000
d3,7,2024-01-01 02:00:00.000

# The same today: d1's latest row is its deletion marker, d2's the correction, d3's the staged row.
SELECT id, trips, is_deleted
FROM (
  SELECT id, trips, is_deleted,
    ROW_NUMBER() OVER (PARTITION BY id
      ORDER BY event_timestamp DESC, api_invocation_time DESC, write_time DESC) AS rn
  FROM drivers)
WHERE rn = 1
ORDER BY id
----
id,trips,is_deleted
d1,,true
d2,6,false
d3,8,false

# Both writes of d2's 02:45 row, with when each was received and written.
SELECT trips, event_timestamp, api_invocation_time, write_time
FROM drivers
WHERE id = 'd2'
ORDER BY event_timestamp, api_invocation_time
----
trips,event_timestamp,api_invocation_time,write_time
2,2024-01-01 00:30:00.000,2024-02-01 00:00:00.000,2024-02-01 01:00:00.000
4,2024-01-01 02:45:00.000,2024-02-01 00:00:00.000,2024-02-01 01:00:00.000
6,2024-01-01 02:45:00.000,2024-03-01 00:00:00.000,2024-03-01 01:00:00.000

# A staged row's write time is its invocation time.
SELECT trips, api_invocation_time, write_time
FROM drivers
WHERE id = 'd3'
ORDER BY event_timestamp
----
trips,api_invocation_time,write_time
7,2024-02-01 00:00:00.000,2024-02-01 01:00:00.000
8,2024-04-01 00:00:00.000,2024-04-01 00:00:00.000

# A point-in-time join against the store as it was on 2024-02-15: e4 gets the original 4, e6 d3's
# 02:00 row (03:15 came later), e7 d1's 03:00 row (the delete came later).
SELECT e.cid, f.trips
FROM events AS e
LEFT ASOF JOIN (
  SELECT id, trips, event_timestamp FROM drivers
  WHERE write_time <= TIMESTAMP '2024-02-15 00:00:00') AS f
  MATCH_CONDITION f.event_timestamp <= e.event_timestamp
  ON e.driver = f.id
ORDER BY e.cid
----
cid,trips
e1,1
e2,5
e3,
e4,4
e5,
e6,7
e7,9

# Rows per write.
SELECT write_time, count(*) AS n
FROM drivers
GROUP BY write_time
ORDER BY write_time
----
write_time,n
2024-02-01 01:00:00.000,6
2024-03-01 01:00:00.000,2
2024-04-01 00:00:00.000,1
