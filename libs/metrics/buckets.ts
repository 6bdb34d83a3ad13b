/** Histogram buckets shared by the catalog, chosen per kind of duration or size. */
export const BUCKETS = {
  /** In-process work and Kafka round trips: 1 ms .. 30 s. */
  fast: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  /** End-to-end latency from event time, including retries: 50 ms .. 6 h. */
  endToEnd: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600],
  /** Batch jobs such as exports: 1 s .. 2 h. */
  job: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
  /** Records per consumer batch. */
  records: [1, 5, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
} as const;
