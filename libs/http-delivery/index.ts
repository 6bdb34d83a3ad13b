export { createPartnerAgent, type PartnerAgentOptions } from './partner-agent.ts';
export { partnerConfigProperties, gateSettings, type PartnerConfig } from './partner-config.ts';
export {
  sendHttp,
  type HttpCall,
  type HttpOutcome,
  type SendHttpOptions,
  type FailureKind,
} from './send-http.ts';
export {
  classifyHttpOutcome,
  isBreakerFailure,
  parseRetryAfter,
  statusClassOf,
  type Verdict,
} from './classify-http-outcome.ts';
export { classifyCall, type CallDecision, type CallContext } from './classify-call.ts';
export {
  scheduleRetry,
  tierFor,
  type RetryPolicy,
  type RetryDecision,
  type RetryInput,
} from './retry-schedule.ts';
export {
  DestinationGate,
  observedGate,
  type GateObserver,
  type GateRefusal,
  type CircuitState,
  type DestinationGateOptions,
} from './destination-gate.ts';
