/**
 * What pixel calls a URL destination makes for one delivery (SPEC §3 and §5, AAM "Create a URL
 * destination" and "Serialized key-value pairs"):
 *   serialized:     one call; %alias% = the live mapped values, each encoded, joined by the delimiter
 *                   (Facebook WCA: `cd[segID]=3401321,2993399,3263410`; Google RLSA: `data=aam=1;aam=2`)
 *   not serialized: one call per newly qualified segment, from the mapping's own url / secure url
 *                   (falling back to the destination's templates), %alias% = that segment's value.
 * Template by page protocol: HTTPS -> secure url, HTTP -> base url; the other one is used when the
 * chosen one is missing. A serialized call longer than maxUrlBytes (default 8192) is split into
 * several calls, each carrying a whole number of values; a single value too long for any call fails.
 * Alias values keep the query-safe characters `= : @ , ; /` (mapping values are often key-value
 * fragments such as `aam=123`); everything else, and always the delimiter itself, is percent-encoded.
 */
import { AppError } from '../errors/index.ts';
import type { UrlSettings } from '../schema/types.ts';
import {
  encodeMacroValue,
  listMacros,
  MAX_URL_BYTES,
  renderAroundAlias,
  renderUrlTemplate,
  type MacroContext,
} from './url-template.ts';

export interface UrlCallSegment {
  sid: number;
  value: string;
  newlyQualified: boolean;
  url: string | null;
  secureUrl: string | null;
}

export interface UrlCall {
  url: string;
  /** Segments this call carries. */
  sids: number[];
}

export interface UrlCallFailure {
  sids: number[];
  error: AppError;
}

export interface UrlCallsInput {
  settings: UrlSettings;
  segments: UrlCallSegment[];
  context: MacroContext;
  maxUrlBytes?: number;
}

export interface UrlCalls {
  calls: UrlCall[];
  failures: UrlCallFailure[];
}

const KEPT = /%(3D|3A|40|2C|3B|2F)/g;
const KEPT_CHARS: Record<string, string> = {
  '3D': '=',
  '3A': ':',
  '40': '@',
  '2C': ',',
  '3B': ';',
  '2F': '/',
};

/** Encodes one mapping value for %alias%; the delimiter is always encoded inside a value. */
export function encodeAliasValue(value: string, delimiter = ''): string {
  return encodeMacroValue(value).replace(KEPT, (escape, hex: string) => {
    const char = KEPT_CHARS[hex] as string;
    return char === delimiter ? escape : char;
  });
}

export function buildUrlCalls(input: UrlCallsInput): UrlCalls {
  const out: UrlCalls = { calls: [], failures: [] };
  const segments = input.settings.serialize ? input.segments : input.segments.filter((s) => s.newlyQualified);
  if (segments.length === 0) return out;
  if (input.settings.serialize) {
    try {
      out.calls.push(...serializedCalls(input, segments));
    } catch (error) {
      out.failures.push({ sids: segments.map((s) => s.sid), error: asRenderError(error) });
    }
    return out;
  }
  for (const segment of segments) {
    try {
      const template = pickTemplate(
        segment.url ?? input.settings.baseUrl,
        segment.secureUrl ?? input.settings.secureUrl,
        input.context,
      );
      const url = checked(renderUrlTemplate(template, encodeAliasValue(segment.value), input.context), input);
      out.calls.push({ url, sids: [segment.sid] });
    } catch (error) {
      out.failures.push({ sids: [segment.sid], error: asRenderError(error) });
    }
  }
  return out;
}

function serializedCalls(input: UrlCallsInput, segments: UrlCallSegment[]): UrlCall[] {
  const { settings } = input;
  const template = pickTemplate(settings.baseUrl, settings.secureUrl, input.context);
  const { aliasCount } = listMacros(template);
  if (aliasCount === 0) throw new AppError('render_failed', 'serialized template has no %alias%');
  const max = input.maxUrlBytes ?? MAX_URL_BYTES;
  const delimiter = settings.delimiter;
  const delimiterBytes = Buffer.byteLength(delimiter);
  // %rnd% has a fixed width, so the bytes outside %alias% are the same for every call.
  const pieces = renderAroundAlias(template, input.context);
  let fixed = 0;
  for (const piece of pieces) fixed += Buffer.byteLength(piece);
  const chunks: { values: string[]; sids: number[] }[] = [];
  let chunk: { values: string[]; sids: number[] } = { values: [], sids: [] };
  let aliasBytes = 0;
  for (const segment of segments) {
    const value = encodeAliasValue(segment.value, delimiter);
    const bytes = Buffer.byteLength(value);
    if (fixed + aliasCount * bytes > max) {
      throw new AppError(
        'render_failed',
        `value of segment ${segment.sid} makes the URL longer than ${max} bytes on its own`,
      );
    }
    const grown = chunk.values.length === 0 ? bytes : aliasBytes + delimiterBytes + bytes;
    if (chunk.values.length > 0 && fixed + aliasCount * grown > max) {
      chunks.push(chunk);
      chunk = { values: [value], sids: [segment.sid] };
      aliasBytes = bytes;
    } else {
      chunk.values.push(value);
      chunk.sids.push(segment.sid);
      aliasBytes = grown;
    }
  }
  chunks.push(chunk);
  // Each call of a split delivery gets its own rendering (its own %rnd%).
  return chunks.map((part, i) => {
    const around = i === 0 ? pieces : renderAroundAlias(template, input.context);
    return { url: checked(around.join(part.values.join(delimiter)), input), sids: part.sids };
  });
}

function pickTemplate(base: string | null, secure: string | null, context: MacroContext): string {
  const preferred = context.pageProtocol === 'HTTP' ? (base ?? secure) : (secure ?? base);
  if (preferred === null || preferred.trim() === '') {
    throw new AppError('render_failed', 'destination has neither a base url nor a secure url template');
  }
  return preferred;
}

/** The rendered URL if it is within maxUrlBytes and a valid http(s) URL; else render_failed. */
function checked(url: string, input: UrlCallsInput): string {
  const max = input.maxUrlBytes ?? MAX_URL_BYTES;
  if (Buffer.byteLength(url) > max) {
    throw new AppError('render_failed', `rendered URL is ${Buffer.byteLength(url)} bytes (max ${max})`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new AppError('render_failed', `rendered template is not a valid URL`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('render_failed', `rendered URL has scheme ${parsed.protocol} (http or https only)`);
  }
  return url;
}

function asRenderError(error: unknown): AppError {
  if (AppError.is(error)) return error;
  return new AppError('render_failed', (error as Error).message, { cause: error });
}
