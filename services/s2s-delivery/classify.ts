/**
 * The decision for one real-time POST (pure): delivered, retry later (when), or give up with a
 * reason; the same rule as every HTTP delivery service (libs/http-delivery/classify-call.ts): 2xx
 * delivered; 429 (Retry-After honoured), 5xx, 408, timeouts, connection errors and an open circuit
 * retried on the backoff schedule; other 4xx (a 401 that survives one token refresh included),
 * 3xx and SSRF refusals given up; retries_exhausted after maxAttempts or maxAgeMs.
 */
export {
  classifyCall as classify,
  type CallDecision,
  type CallContext,
} from '../../libs/http-delivery/index.ts';
