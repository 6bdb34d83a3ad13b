export { createPartnerAgent, type PartnerAgentOptions } from './partner-agent.ts';
export { partnerConfigProperties, gateSettings, type PartnerConfig } from './partner-config.ts';
export {
  sendHttp,
  type HttpCall,
  type HttpOutcome,
  type SendHttpOptions,
  type FailureKind,
} from './send-http.ts';
export { classify, isBreakerFailure, parseRetryAfter, statusClassOf, type Verdict } from './classify.ts';
export { classifyCall, type CallDecision, type CallContext } from './classify-call.ts';
export {
  scheduleRetry,
  tierFor,
  type RetryPolicy,
  type RetryDecision,
  type RetryInput,
} from './retry-schedule.ts';
export { retryHeaders, readRetryState, dueAtOf, type RetryState } from './retry-state.ts';
export {
  DestinationGate,
  observedGate,
  type GateObserver,
  type GateRefusal,
  type CircuitState,
  type DestinationGateOptions,
} from './destination-gate.ts';
export { DelayedConsumer, type DelayedConsumerOptions, type DueRecord } from './delayed-consumer.ts';
