/**
 * URL destination templates: macro listing, validation and rendering of one call.
 * Macros (SPEC §3; AAM "Destination macros"), case-insensitive:
 *   %alias%             mapping value(s), already encoded and joined by the caller (url-calls.ts)
 *   %did%               device uuid                %dpid_<n>%   the user's id in namespace n ('' if unknown)
 *   %mcid%              cross-solution id ('' if none)
 *   %http_proto%        `http` | `https` (page protocol)    %region%  edge region id ('' if none)
 *   %rnd%               9-digit random integer, fresh per call (fixed width so URL lengths are predictable)
 *   %timestamp%         unix time of the call in SECONDS (AAM leaves the unit undocumented)
 *   ${GDPR}             1 when GDPR applies, else 0     ${GDPR_CONSENT_<vendorId>}  the TCF consent string
 * `%XX` with two hex digits is a percent-encoded byte, never a macro (no macro name starts with two
 * hex digits), so `%E2%80%99` in a template is left alone. Any other `%name%` / `${NAME}` is an
 * unknown macro: listMacros reports it, rendering refuses it (render_failed).
 */
import { AppError } from '../errors/index.ts';
import type { PageProtocol, PartnerId } from '../schema/types.ts';

/** Longest URL we send, in bytes. AAM does not document one; 8 KB is what common servers accept. */
export const MAX_URL_BYTES = 8192;

const MACRO = /%(?![0-9a-f]{2})([a-z][a-z0-9_]*)%|\$\{([a-z][a-z0-9_]*)\}/gi;
const KNOWN_PERCENT = /^(alias|did|dpid_\d+|mcid|http_proto|region|rnd|timestamp)$/i;
const KNOWN_DOLLAR = /^(gdpr|gdpr_consent_\d+)$/i;

export interface MacroContext {
  uuid: string;
  mcid: string | null;
  partnerIds: PartnerId[];
  region: number | null;
  pageProtocol: PageProtocol;
  gdprApplies: boolean;
  tcString: string | null;
  /** Epoch ms of the call. */
  nowMs: number;
  /** [0, 1) source for %rnd%; Math.random in production, seeded in tests. */
  random: () => number;
}

export interface MacroListing {
  /** Every macro as written, in order. */
  readonly macros: readonly string[];
  /** Macros outside SPEC §3. */
  readonly unknown: readonly string[];
  /** How many times %alias% occurs. */
  aliasCount: number;
}

/** A template split once into literal text and macros (cached: templates are few, calls many). */
interface Compiled {
  pieces: (string | { percent: string; whole: string } | { dollar: string; whole: string })[];
  listing: MacroListing;
}

const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 10_000;

function compile(template: string): Compiled {
  let entry = compiled.get(template);
  if (entry) return entry;
  const pieces: Compiled['pieces'] = [];
  const macros: string[] = [];
  const unknown: string[] = [];
  let aliasCount = 0;
  let at = 0;
  for (const match of template.matchAll(MACRO)) {
    if (match.index > at) pieces.push(template.slice(at, match.index));
    at = match.index + match[0].length;
    macros.push(match[0]);
    const percent = match[1];
    if (percent !== undefined) {
      if (/^alias$/i.test(percent)) aliasCount += 1;
      if (!KNOWN_PERCENT.test(percent)) unknown.push(match[0]);
      pieces.push({ percent: percent.toLowerCase(), whole: match[0] });
    } else {
      if (!KNOWN_DOLLAR.test(match[2] ?? '')) unknown.push(match[0]);
      pieces.push({ dollar: (match[2] ?? '').toUpperCase(), whole: match[0] });
    }
  }
  if (at < template.length) pieces.push(template.slice(at));
  entry = { pieces, listing: { macros, unknown, aliasCount } };
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(template, entry);
  return entry;
}

export function listMacros(template: string): MacroListing {
  return compile(template).listing;
}

/** Problems that stop a template from rendering; empty when it is usable. */
export function validateUrlTemplate(template: string, options: { requireAlias: boolean }): string[] {
  const problems: string[] = [];
  const { unknown, aliasCount } = listMacros(template);
  if (unknown.length > 0) problems.push(`unknown macro(s) ${unknown.join(', ')}`);
  if (options.requireAlias && aliasCount === 0) problems.push('template has no %alias%');
  if (!/^https?:\/\//i.test(template)) problems.push('template must start with http:// or https://');
  return problems;
}

/** Percent-encodes a macro value (everything but RFC 3986 unreserved characters). */
export function encodeMacroValue(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A fresh fixed-width (9-digit) random integer for %rnd%. */
export function randomToken(random: () => number): string {
  return String(100_000_000 + Math.floor(random() * 900_000_000));
}

/**
 * Renders one call: `alias` is substituted verbatim (the caller encodes and joins the values), every
 * other macro from the context, encoded. Throws render_failed on an unknown macro.
 */
export function renderUrlTemplate(template: string, alias: string, context: MacroContext): string {
  return renderAroundAlias(template, context).join(alias);
}

/**
 * Renders every macro but %alias% (one fresh %rnd% for the call): the literal pieces between the
 * %alias% occurrences, so that `pieces.join(alias)` is the call's URL and their byte length is what
 * the URL costs besides its values. Throws render_failed on an unknown macro.
 */
export function renderAroundAlias(template: string, context: MacroContext): string[] {
  const rnd = randomToken(context.random);
  const out: string[] = [];
  let current = '';
  for (const piece of compile(template).pieces) {
    if (typeof piece === 'string') current += piece;
    else if ('dollar' in piece) current += dollarMacro(piece.dollar, piece.whole, context);
    else if (piece.percent === 'alias') {
      out.push(current);
      current = '';
    } else current += percentMacro(piece.percent, piece.whole, rnd, context);
  }
  out.push(current);
  return out;
}

function percentMacro(name: string, whole: string, rnd: string, c: MacroContext): string {
  switch (name) {
    case 'did':
      return encodeMacroValue(c.uuid);
    case 'mcid':
      return encodeMacroValue(c.mcid ?? '');
    case 'http_proto':
      return c.pageProtocol === 'HTTP' ? 'http' : 'https';
    case 'region':
      return c.region === null ? '' : String(c.region);
    case 'rnd':
      return rnd;
    case 'timestamp':
      return String(Math.floor(c.nowMs / 1000));
  }
  const dpid = /^dpid_(\d+)$/.exec(name);
  if (dpid) {
    const id = c.partnerIds.find((p) => p.dpid === Number(dpid[1]))?.id;
    return encodeMacroValue(id ?? '');
  }
  throw new AppError('render_failed', `unknown macro ${whole}`);
}

function dollarMacro(name: string, whole: string, c: MacroContext): string {
  if (name === 'GDPR') return c.gdprApplies ? '1' : '0';
  if (/^GDPR_CONSENT_\d+$/.test(name)) return encodeMacroValue(c.tcString ?? '');
  throw new AppError('render_failed', `unknown macro ${whole}`);
}
