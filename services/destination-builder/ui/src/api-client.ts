/**
 * The only file of the UI that talks to the network: JSON calls to the builder's public API on
 * this origin with the bearer token the user pasted. Answers carry the ETag (the destination's
 * version) for If-Match; errors become ApiError with the API's `{ error, message, issues }`.
 */
import type {
  DataSource,
  DeliveryStats,
  Destination,
  DestinationPage,
  DestinationTemplateList,
  ExportHistory,
  Issue,
  Mapping,
  MappingInput,
  PreviewResult,
  SampleEvent,
} from './api-types.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];

  constructor(status: number, code: string, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export interface Tagged<T> {
  data: T;
  etag: string | null;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type DestinationBody = Record<string, unknown>;

export function createApi(token: string) {
  async function call<T>(method: Method, path: string, body?: unknown, ifMatch?: string): Promise<Tagged<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = ifMatch;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiError(0, 'network', `the builder did not answer: ${(error as Error).message}`);
    }
    const text = await response.text();
    const json: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) {
      const e = (json ?? {}) as { error?: string; message?: string; issues?: Issue[] };
      throw new ApiError(
        response.status,
        e.error ?? 'http_error',
        e.message ?? `HTTP ${response.status}`,
        e.issues ?? [],
      );
    }
    return { data: json as T, etag: response.headers.get('etag') };
  }

  const d = (id: number) => `/v1/destinations/${id}`;
  return {
    listDestinations: (query: Record<string, string>) =>
      call<DestinationPage>('GET', `/v1/destinations?${new URLSearchParams(query).toString()}`),
    getDestination: (id: number) => call<Destination>('GET', d(id)),
    createDestination: (body: DestinationBody) => call<Destination>('POST', '/v1/destinations', body),
    updateDestination: (id: number, etag: string, body: DestinationBody) =>
      call<Destination>('PUT', d(id), body, etag),
    deleteDestination: (id: number, etag: string) => call<null>('DELETE', d(id), undefined, etag),
    addMappings: (id: number, mappings: MappingInput[]) =>
      call<Destination>('POST', `${d(id)}/mappings/bulk`, { mappings }),
    updateMapping: (id: number, mapping: Mapping) => {
      const { sid, ...rest } = mapping;
      return call<Destination>('PUT', `${d(id)}/mappings/${sid}`, rest);
    },
    removeMapping: (id: number, sid: number) => call<Destination>('DELETE', `${d(id)}/mappings/${sid}`),
    preview: (id: number, event: SampleEvent) => call<PreviewResult>('POST', `${d(id)}/preview`, { event }),
    listDataSources: () => call<{ items: DataSource[] }>('GET', '/v1/data-sources'),
    deliveryStats: () => call<DeliveryStats>('GET', '/v1/delivery-stats'),
    listTemplates: () => call<DestinationTemplateList>('GET', '/v1/destination-templates'),
    exportHistory: (id: number) => call<ExportHistory>('GET', `${d(id)}/export-history?limit=20`),
  };
}

export type Api = ReturnType<typeof createApi>;
