export {
  listMacros,
  validateUrlTemplate,
  renderUrlTemplate,
  encodeMacroValue,
  randomToken,
  MAX_URL_BYTES,
  type MacroContext,
  type MacroListing,
} from './url-template.ts';
export {
  buildUrlCalls,
  encodeAliasValue,
  type UrlCall,
  type UrlCallFailure,
  type UrlCallSegment,
  type UrlCalls,
  type UrlCallsInput,
} from './url-calls.ts';
export {
  cookieValue,
  cookieAppliesTo,
  PRIORITY_RULE,
  type CookieSegment,
  type CookieValue,
} from './cookie-value.ts';
export {
  s2sMessage,
  type S2sMessage,
  type S2sMessageInput,
  type S2sMessageUser,
  type S2sMessageSegment,
} from './s2s-message.ts';
export {
  jsonLine,
  jsonLineIssues,
  JSON_LINE_LIMITS,
  SEGMENT_PLACEHOLDERS,
  USER_PLACEHOLDERS,
  type JsonLineContext,
  type JsonLineFields,
  type JsonLineLayout,
  type JsonLineUser,
  type JsonLineValue,
} from './json-line.ts';
