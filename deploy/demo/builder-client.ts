/**
 * The demo's use of the destination builder REST API (services/destination-builder/README.md):
 * data-source export controls, then one POST per destination. Answers other than 2xx stop the demo
 * with the API's own error and issues.
 */
import type { DataExportLabel } from '../../libs/schema/index.ts';
import type { DestinationView } from '../../services/destination-builder/destination-view.ts';
import type { DestinationBody } from '../../services/destination-builder/request-bodies.ts';

export class BuilderClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  createDestination(body: DestinationBody): Promise<DestinationView> {
    return this.request<DestinationView>('POST', '/v1/destinations', body);
  }

  async setExportControls(dataSourceId: number, labels: DataExportLabel[]): Promise<void> {
    const existing = await fetch(`${this.baseUrl}/v1/data-sources/${dataSourceId}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const etag = existing.ok ? existing.headers.get('etag') : null;
    await this.request(
      'PUT',
      `/v1/data-sources/${dataSourceId}`,
      { exportControls: labels },
      etag ? { 'if-match': etag } : {},
    );
  }
}
