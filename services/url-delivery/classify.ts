/**
 * The decision for one url call (pure): delivered, retry later (which delay topic, when), or give
 * up with a reason. The rule is shared by every HTTP delivery service: libs/http-delivery/classify-call.ts.
 */
export {
  classifyCall as classify,
  type CallDecision,
  type CallContext,
} from '../../libs/http-delivery/index.ts';
